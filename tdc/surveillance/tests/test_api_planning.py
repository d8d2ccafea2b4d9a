"""The inspection plan through the API: generate, review and approve it by the pages' state
machine (three steps, two officers other than the author), change its items with the reason
the pages require, read it with the pages' filters and download its DOCX and XLSX. The plan
page then shows what the API did; a refused step is a Vietnamese 422 that changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import get_args

from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from tdc.accounts.services import issue_api_token
from tdc.core.models import AuditEvent
from tdc.surveillance.api.common import (
    PlanReasonValue,
    PlanStatusValue,
    RiskCategoryValue,
    RiskLevelValue,
)
from tdc.surveillance.models import Establishment, InspectionPlan, PlanItem, RiskLevel
from tdc.surveillance.tests.factories import EstablishmentFactory

API = "/api/v1/surveillance"


def _auth(user):
    _token, key = issue_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _post(client, url, payload, headers):
    return client.post(
        API + url, data=json.dumps(payload), content_type="application/json", **headers
    )


def _plan_writes() -> tuple[object, ...]:
    return (
        list(InspectionPlan.objects.order_by("pk").values_list("status", "budget", "seed")),
        list(PlanItem.objects.order_by("pk").values_list("is_removed", "change_reason")),
        AuditEvent.objects.filter(action__startswith="surveillance.plan").count(),
    )


def test_the_literals_of_the_api_are_the_models_choices():
    assert list(get_args(RiskLevelValue)) == RiskLevel.values
    assert list(get_args(PlanStatusValue)) == InspectionPlan.Status.values
    assert list(get_args(PlanReasonValue)) == PlanItem.Reason.values
    assert list(get_args(RiskCategoryValue)) == Establishment.Category.values


def test_a_plan_is_generated_reviewed_and_approved_and_the_page_shows_each_step(
    client, officer, second_officer, world
):
    author, other = _auth(officer), _auth(second_officer)

    created = _post(client, "/inspection-plans", {"year": 2027, "budget": 3, "seed": 99}, author)
    assert created.status_code == 201, created.content
    plan = created.json()
    assert (plan["year"], plan["budget"], plan["seed"], plan["status"]) == (2027, 3, 99, "draft")
    assert (plan["status_label"], plan["items"], plan["removed"]) == ("Dự thảo", 1, 0)
    url = f"/inspection-plans/{plan['id']}"

    client.force_login(officer)
    page = client.get(reverse("surveillance:plan_detail", args=[plan["id"]])).content.decode()
    assert '<span class="badge text-bg-secondary" id="plan-status">Dự thảo</span>' in page
    assert "hạt giống 99" in page

    before = _plan_writes()
    own = _post(client, f"{url}/review", {}, author)
    early = _post(client, f"{url}/approve", {}, other)
    assert own.json() == {"detail": ["Người lập kế hoạch không tự thẩm định kế hoạch của mình."]}
    assert early.json() == {"detail": ["Kế hoạch cần được thẩm định trước khi phê duyệt."]}
    assert (own.status_code, early.status_code) == (422, 422)
    assert _plan_writes() == before

    reviewed = _post(client, f"{url}/review", {}, other)
    assert (reviewed.status_code, reviewed.json()["status"]) == (200, "reviewed")
    same = _post(client, f"{url}/approve", {}, other)
    assert same.json() == {"detail": ["Người thẩm định không đồng thời phê duyệt kế hoạch."]}
    approved = _post(client, f"{url}/approve", {}, author)
    assert (approved.status_code, approved.json()["status"]) == (200, "approved")
    assert approved.json()["approved_at"] is not None

    page = client.get(reverse("surveillance:plan_detail", args=[plan["id"]])).content.decode()
    assert 'id="plan-status">Đã phê duyệt</span>' in page
    assert list(
        AuditEvent.objects.filter(target_id=str(plan["id"]), action__startswith="surveillance.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "surveillance.plan_generated",
        "surveillance.plan_reviewed",
        "surveillance.plan_approved",
    ]

    again = _post(client, "/inspection-plans", {"year": 2027, "budget": 5}, author)
    assert again.status_code == 422
    assert again.json() == {"detail": ["Kế hoạch năm 2027 đã được thẩm định hoặc phê duyệt."]}


def test_a_bad_plan_is_refused_before_anything_is_written(client, officer, world):
    before = _plan_writes()
    headers = _auth(officer)

    share = _post(
        client, "/inspection-plans", {"year": 2027, "budget": 3, "random_share": "0.5"}, headers
    )
    budget = _post(client, "/inspection-plans", {"year": 2027, "budget": 0}, headers)

    assert (share.status_code, budget.status_code) == (422, 422)
    assert _plan_writes() == before


def test_a_reviewed_plan_changes_only_with_a_reason_and_the_page_shows_it(
    client, officer, second_officer, world, province
):
    plan = world["plan"]
    _post(client, f"/inspection-plans/{plan.pk}/review", {}, _auth(second_officer))
    extra = EstablishmentFactory(organisation__province=province, organisation__name="Sạp Cô Lan")
    headers = _auth(officer)
    url = f"/inspection-plans/{plan.pk}/items"
    InspectionPlan.objects.filter(pk=plan.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=2)
    )
    before = _plan_writes()

    silent = _post(client, url, {"establishment_id": extra.pk}, headers)
    silent_removal = _post(client, f"{url}/{world['item'].pk}/remove", {"reason": " "}, headers)

    assert silent.status_code == silent_removal.status_code == 422
    assert silent.json() == {"detail": ["Kế hoạch đã thẩm định: nêu lý do thay đổi."]}
    assert silent_removal.json() == silent.json()
    assert _plan_writes() == before

    added = _post(
        client, url, {"establishment_id": extra.pk, "reason": "Phản ánh của người dân"}, headers
    )
    removed = _post(
        client, f"{url}/{world['item'].pk}/remove", {"reason": "Đã ngừng kinh doanh"}, headers
    )

    assert added.status_code == 201, added.content
    assert {k: added.json()[k] for k in ("establishment_name", "reason", "change_reason")} == {
        "establishment_name": "Sạp Cô Lan",
        "reason": "added",
        "change_reason": "Phản ánh của người dân",
    }
    assert added.json()["rank"] == 2
    assert removed.status_code == 200
    assert (removed.json()["is_removed"], removed.json()["change_reason"]) == (
        True,
        "Đã ngừng kinh doanh",
    )
    twice = _post(client, f"{url}/{world['item'].pk}/remove", {"reason": "Lần nữa"}, headers)
    assert twice.json() == {"detail": ["Cơ sở đã được bỏ khỏi kế hoạch."]}

    client.force_login(officer)
    page = client.get(reverse("surveillance:plan_detail", args=[plan.pk])).content.decode()
    assert "Phản ánh của người dân" in page
    assert '<tr class="text-decoration-line-through text-secondary"><td>1</td>' in page
    assert "Đã ngừng kinh doanh" in page

    # The item changes moved the plan's updated_at: a client syncing plans finds it.
    yesterday = (timezone.now() - dt.timedelta(days=1)).isoformat().replace("+", "%2B")
    changed = client.get(f"{API}/inspection-plans?updated_after={yesterday}", **headers).json()
    assert [p["id"] for p in changed["items"]] == [plan.pk]
    assert (changed["items"][0]["items"], changed["items"][0]["removed"]) == (1, 1)


def test_only_an_establishment_of_the_plans_province_is_added(
    client, officer, world, other_province
):
    theirs = EstablishmentFactory(organisation__province=other_province)
    before = _plan_writes()

    response = _post(
        client,
        f"/inspection-plans/{world['plan'].pk}/items",
        {"establishment_id": theirs.pk},
        _auth(officer),
    )
    already = _post(
        client,
        f"/inspection-plans/{world['plan'].pk}/items",
        {"establishment_id": world["establishment"].pk},
        _auth(officer),
    )

    assert response.status_code == 422
    assert response.json() == {"detail": ["Không có cơ sở này trong tỉnh của kế hoạch."]}
    assert already.json() == {"detail": ["Cơ sở đã có trong kế hoạch."]}
    assert _plan_writes() == before


def test_plans_and_items_are_listed_with_filters_in_a_stable_order(client, officer, world):
    headers = _auth(officer)
    _post(client, "/inspection-plans", {"year": 2027, "budget": 1, "seed": 1}, headers)
    plan = world["plan"]

    def ids(url: str) -> list[int]:
        response = client.get(API + url, **headers)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["items"]]

    newer = InspectionPlan.objects.get(year=2027).pk
    assert ids("/inspection-plans") == [newer, plan.pk]
    assert ids("/inspection-plans?year=2026") == [plan.pk]
    assert ids("/inspection-plans?status=approved") == []
    item = world["item"]
    assert ids(f"/inspection-plans/{plan.pk}/items") == [item.pk]
    assert ids(f"/inspection-plans/{plan.pk}/items?is_removed=true") == []
    assert ids(f"/inspection-plans/{plan.pk}/items?reason={item.reason}") == [item.pk]
    one = client.get(f"{API}/inspection-plans/{plan.pk}/items/{item.pk}", **headers)
    assert one.json()["establishment_name"] == "Công ty TNHH Xăng dầu Biển Xanh"
    # An item is found under its own plan only.
    elsewhere = client.get(f"{API}/inspection-plans/{newer}/items/{item.pk}", **headers)
    assert elsewhere.status_code == 404
    assert client.get(f"{API}/inspection-plans?limit=0", **headers).status_code == 422


def test_the_plans_documents_download_through_the_door(
    client, officer, other_province_officer, world
):
    plan = world["plan"]

    docx = client.get(f"{API}/inspection-plans/{plan.pk}/docx", **_auth(officer))
    xlsx = client.get(f"{API}/inspection-plans/{plan.pk}/xlsx", **_auth(officer))
    theirs = client.get(f"{API}/inspection-plans/{plan.pk}/docx", **_auth(other_province_officer))

    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="ke-hoach-kiem-tra-2026.docx"' in docx["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Kiểm tra chất lượng sản phẩm, hàng hóa và đo lường năm 2026" in text
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "DANH SÁCH CƠ SỞ KIỂM TRA NĂM 2026"
    assert sheet["B6"].value == "Công ty TNHH Xăng dầu Biển Xanh"
    assert theirs.status_code == 404
