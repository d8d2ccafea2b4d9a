"""Risk assessments through the API: read with the pages' filters, assess a sample's product
with its scenario steps, re-run, draft a warning — the page then shows what the API wrote, and
a bad input is a Vietnamese 422 that writes nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tdc.accounts.services import issue_api_token
from tdc.core.models import AuditEvent
from tdc.surveillance import services
from tdc.surveillance.models import ConsumerWarning, RiskAssessment
from tdc.surveillance.rules.matrix import Step

API = "/api/v1/surveillance"


def _auth(user):
    _token, key = issue_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, url, payload, headers):
    return client.post(
        API + url, data=json.dumps(payload), content_type="application/json", **headers
    )


def _assessment_writes() -> tuple[int, int]:
    return (
        RiskAssessment.objects.count(),
        AuditEvent.objects.filter(action="surveillance.risk_assessed").count(),
    )


STEPS = [
    {"description": "Trẻ ngậm đồ chơi có lớp sơn chứa chì", "probability": "1/2"},
    {"description": "Chì hòa tan vào nước bọt", "probability": "0,5"},
    {"description": "Trẻ nuốt phải lượng chì gây ngộ độc", "probability": "10%"},
]


def test_an_officer_assesses_a_sample_and_the_assessment_page_shows_it(client, officer, world):
    sample = world["sample"]

    response = _post(
        client,
        f"/samples/{sample.pk}/assessments",
        {"hazard": "Chì trong lớp sơn phủ", "severity": 4, "steps": STEPS},
        _auth(officer),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["product_id"] == world["product"].pk
    assert body["sample_id"] == sample.pk
    assert body["scenario"] == [
        {"description": "Trẻ ngậm đồ chơi có lớp sơn chứa chì", "probability": "0.5"},
        {"description": "Chì hòa tan vào nước bọt", "probability": "0.5"},
        {"description": "Trẻ nuốt phải lượng chì gây ngộ độc", "probability": "0.1"},
    ]
    assert Decimal(body["probability"]) == Decimal("0.025")
    assert (body["severity"], body["level"], body["level_label"]) == (4, "serious", "Nghiêm trọng")
    assert body["previous_id"] is None
    assessment = RiskAssessment.objects.get(pk=body["id"])
    assert assessment.assessed_by == officer
    assert AuditEvent.objects.filter(
        action="surveillance.risk_assessed", target_id=str(assessment.pk)
    ).exists()

    client.force_login(officer)
    page = client.get(reverse("surveillance:assessment_detail", args=[assessment.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chì trong lớp sơn phủ" in html
    assert "Chì hòa tan vào nước bọt — xác suất 0.5" in html
    assert '<dd class="col-sm-9 fw-bold" id="risk-level">Nghiêm trọng</dd>' in html


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (
            [STEPS[0], {"description": "Chì hòa tan", "probability": "hiếm"}],
            "Bước 2: “hiếm” không phải là một xác suất (ví dụ 1/100 hoặc 0,01).",
        ),
        (
            [{"description": "Trẻ ngậm", "probability": "NaN"}],
            "Bước 1: “NaN” không phải là một xác suất (ví dụ 1/100 hoặc 0,01).",
        ),
        (
            [{"description": "Trẻ ngậm", "probability": "3/2"}],
            "Xác suất của bước 1 phải lớn hơn 0 và không quá 1.",
        ),
        (
            [STEPS[0], {"description": "   ", "probability": "1/10"}],
            "Mỗi bước của kịch bản cần được mô tả.",
        ),
    ],
)
def test_a_bad_step_is_refused_in_vietnamese_and_nothing_is_written(
    client, officer, world, steps, message
):
    before = _assessment_writes()

    response = _post(
        client,
        f"/samples/{world['sample'].pk}/assessments",
        {"hazard": "Chì", "severity": 3, "steps": steps},
        _auth(officer),
    )

    assert response.status_code == 422
    assert response.json() == {"detail": [message]}
    assert _assessment_writes() == before


def test_a_scenario_needs_steps_and_a_severity_from_1_to_4(client, officer, world):
    before = _assessment_writes()
    url = f"/samples/{world['sample'].pk}/assessments"
    headers = _auth(officer)

    no_steps = _post(client, url, {"hazard": "Chì", "severity": 3, "steps": []}, headers)
    severity = _post(client, url, {"hazard": "Chì", "severity": 5, "steps": STEPS}, headers)

    assert (no_steps.status_code, severity.status_code) == (422, 422)
    assert _assessment_writes() == before


def test_a_rerun_is_a_new_assessment_linked_to_the_old_one(client, officer, world):
    old = world["assessment"]

    response = _post(client, f"/assessments/{old.pk}/rerun", {}, _auth(officer))

    assert response.status_code == 201
    body = response.json()
    assert body["id"] != old.pk
    assert body["previous_id"] == old.pk
    assert (body["hazard"], body["scenario"]) == (old.hazard, old.scenario)
    client.force_login(officer)
    html = client.get(reverse("surveillance:assessment_detail", args=[body["id"]])).content
    assert "Đánh giá lại từ" in html.decode()


def test_a_warning_is_drafted_from_a_serious_assessment_only(client, officer, world, province):
    headers = _auth(officer)
    low = services.assess_risk(
        world["product"],
        hazard="Cạnh sắc",
        steps=[Step("Trẻ chạm vào cạnh", Decimal("0.000001"))],
        severity=1,
        by=officer,
    )
    warnings = ConsumerWarning.objects.count()

    refused = _post(client, f"/assessments/{low.pk}/warning", {}, headers)
    drafted = _post(client, f"/assessments/{world['assessment'].pk}/warning", {}, headers)

    assert refused.status_code == 422
    assert refused.json() == {"detail": ["Chỉ lập cảnh báo từ đánh giá có rủi ro nghiêm trọng."]}
    assert drafted.status_code == 201
    assert (drafted.json()["status"], drafted.json()["risk_level"]) == ("draft", "serious")
    assert ConsumerWarning.objects.count() == warnings + 1
    client.force_login(officer)
    page = client.get(reverse("surveillance:warning_detail", args=[drafted.json()["id"]]))
    assert "Chì trong lớp sơn" in page.content.decode()


def test_the_list_filters_as_the_pages_do_and_orders_by_id(client, officer, world):
    product = world["product"]
    other = services.assess_risk(
        product,
        hazard="Cạnh sắc",
        steps=[Step("Trẻ chạm vào cạnh", Decimal("0.000001"))],
        severity=1,
        by=officer,
    )
    RiskAssessment.objects.filter(pk=world["assessment"].pk).update(
        updated_at=timezone.now() - dt.timedelta(days=2)
    )
    headers = _auth(officer)

    def ids(query: str) -> list[int]:
        response = client.get(f"{API}/assessments{query}", **headers)
        assert response.status_code == 200, response.content
        return [a["id"] for a in response.json()["items"]]

    yesterday = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert ids("") == [world["assessment"].pk, other.pk]
    assert ids(f"?product_id={product.pk}") == [world["assessment"].pk, other.pk]
    assert ids(f"?sample_id={world['sample'].pk}") == [world["assessment"].pk]
    assert ids("?level=low") == [other.pk]
    assert ids("?updated_after=" + yesterday.replace("+", "%2B")) == [other.pk]
    assert ids("?limit=1&offset=1") == [other.pk]
    assert client.get(f"{API}/assessments?limit=501", **headers).status_code == 422
    assert client.get(f"{API}/assessments?level=nguy-hiem", **headers).status_code == 422


def test_another_province_and_a_business_do_not_see_the_assessment(
    client, world, other_province_officer, business_user
):
    url = f"{API}/assessments/{world['assessment'].pk}"

    theirs = client.get(url, **_auth(other_province_officer))
    business = client.get(url, **_auth(business_user))
    business_list = client.get(f"{API}/assessments", **_auth(business_user))
    other_list = client.get(f"{API}/assessments", **_auth(other_province_officer))

    assert (theirs.status_code, business.status_code) == (404, 404)
    assert theirs.json() == {"detail": "Không tìm thấy."}
    assert business_list.status_code == 403
    assert other_list.json()["items"] == []


def test_updated_after_reads_a_time_without_offset_as_local_time_and_the_header_too(
    client, officer, world
):
    headers = _auth(officer)
    RiskAssessment.objects.filter(pk=world["assessment"].pk).update(
        updated_at=timezone.now() - dt.timedelta(days=2)
    )
    local = timezone.localtime() - dt.timedelta(days=1)

    naive = client.get(
        f"{API}/assessments?updated_after={local.replace(tzinfo=None).isoformat()}", **headers
    )
    header = client.get(
        f"{API}/assessments",
        HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT",
        **headers,
    )

    assert naive.json()["items"] == []
    assert [a["id"] for a in header.json()["items"]] == [world["assessment"].pk]
