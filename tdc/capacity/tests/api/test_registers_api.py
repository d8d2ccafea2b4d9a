"""DoST's registers through the API — equipment, measurement standards, awards, programmes and
support, and the agencies' ISO 9001 records — written as the pages write them and shown there."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tdc.accounts.tests.factories import OrganisationFactory
from tdc.capacity.models import (
    AgencyQuality,
    Award,
    Equipment,
    MeasurementStandard,
    Programme,
    QualityAudit,
    SupportApplication,
)
from tdc.capacity.tests.factories import (
    EquipmentFactory,
    ProgrammeFactory,
    StandardFactory,
    SupportApplicationFactory,
)


@pytest.fixture
def caller(api, officer):
    """The province's DoST officer's API client."""
    return api(officer)


@pytest.fixture
def officer_page(client, log_in, officer):
    """The text of a page as the officer sees it (`page` is Playwright's fixture)."""

    def _page(path: str) -> str:
        log_in(client, officer)
        return str(client.get(path).content.decode())

    return _page


def equipment(**fields: Any) -> dict[str, Any]:
    return {
        "name": "Cân",
        "category": "mobile",
        "cost": "1",
        "funding": "province",
        "bought_on": "2026-02-10",
    } | fields


def standard(name: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "quantity": "Khối lượng"} | fields


def application(business_id: int, **fields: Any) -> dict[str, Any]:
    return {
        "business_id": business_id,
        "subject": "Áp dụng ISO 22000",
        "submitted_on": "2026-03-01",
        "requested_amount": "80000000",
    } | fields


def decision(approve: bool, number: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"approve": approve, "decision_number": number, "decided_on": on} | fields


def test_equipment_round_trip_and_the_due_soon_filter(caller, officer_page, dost):
    created = caller.post(
        "/equipment",
        equipment(
            name="Cân kiểm tra lưu động 30 kg",
            quantity=2,
            cost="36000000",
            calibration_due_on=(timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        ),
    )
    assert created.status_code == 201, created.json()
    assert created.json()["holder_id"] == dost.pk
    EquipmentFactory(holder=dost, calibration_due_on=None)
    assert "Cân kiểm tra lưu động 30 kg" in officer_page("/nang-luc/thiet-bi/")
    due = caller.get("/equipment", {"due_soon": "true"}).json()
    assert [i["name"] for i in due["items"]] == ["Cân kiểm tra lưu động 30 kg"]
    assert caller.get(f"/equipment/{created.json()['id']}").json()["quantity"] == 2


def test_equipment_refused_with_nothing_written(caller, other_province_dost):
    response = caller.post("/equipment", equipment(holder_id=other_province_dost.pk))
    assert response.status_code == 422
    assert response.json()["detail"][0].startswith("Đơn vị quản lý: ")
    assert Equipment.objects.count() == 0


def test_a_standard_traced_to_the_national_one(caller, officer_page, dost):
    national = caller.post(
        "/measurement-standards",
        standard(
            "Chuẩn quốc gia khối lượng", level="national", holder_name="Viện Đo lường Việt Nam"
        ),
    ).json()
    working = caller.post(
        "/measurement-standards",
        standard("Bộ quả cân F1", holder_id=dost.pk, traced_to_id=national["id"]),
    )
    assert working.status_code == 201, working.json()
    body = working.json()
    assert [step["name"] for step in body["chain"]] == [
        "Bộ quả cân F1",
        "Chuẩn quốc gia khối lượng",
    ]
    assert body["reaches_national"] is True
    assert "Chuẩn quốc gia khối lượng" in officer_page(f"/nang-luc/chuan-do-luong/{body['id']}/")
    # A national standard is the top of the chain: refused, nothing written.
    top = caller.post(
        "/measurement-standards",
        standard(
            "Chuẩn quốc gia thứ hai",
            level="national",
            holder_name="Viện",
            traced_to_id=national["id"],
        ),
    )
    assert top.json() == {
        "detail": ["Chuẩn quốc gia là đỉnh của chuỗi: không dẫn xuất từ chuẩn khác."]
    }
    nowhere = caller.post("/measurement-standards", standard("Chuẩn", quantity="Độ dài"))
    assert nowhere.json() == {
        "detail": ["Nơi giữ chuẩn (ngoài tỉnh): Hãy chọn đơn vị giữ chuẩn hoặc ghi nơi giữ chuẩn."]
    }
    assert MeasurementStandard.objects.count() == 2


def test_a_standard_of_another_province_is_out_of_reach(caller, other_province_dost):
    foreign = StandardFactory(holder=other_province_dost)
    assert caller.get(f"/measurement-standards/{foreign.pk}").status_code == 404
    response = caller.post(
        "/measurement-standards", standard("Chuẩn", holder_name="Viện", traced_to_id=foreign.pk)
    )
    assert response.status_code == 422
    assert MeasurementStandard.objects.count() == 1


def test_awards_round_trip_and_a_reporter_is_never_named(caller, officer_page, dost):
    created = caller.post(
        "/awards",
        {
            "kind": "provincial_quality",
            "title": "Giải thưởng chất lượng tỉnh Khánh Hòa năm 2026",
            "decided_on": "2026-11-20",
            "recipient_organisation_id": dost.pk,
            "amount": "10000000",
        },
    )
    assert created.status_code == 201, created.json()
    assert created.json()["recipient"] == dost.name
    assert "Giải thưởng chất lượng tỉnh Khánh Hòa năm 2026" in officer_page(
        "/nang-luc/khen-thuong/"
    )
    named = caller.post(
        "/awards",
        {
            "kind": "reporter",
            "title": "Khen người phản ánh",
            "decided_on": "2026-11-20",
            "recipient_name": "Nguyễn Văn A",
            "complaint_reference": "PA-1",
        },
    )
    assert named.status_code == 422
    assert named.json()["detail"][0].startswith("Khen thưởng người phản ánh không ghi tên")
    assert Award.objects.count() == 1
    assert caller.get(f"/awards/{created.json()['id']}").json()["amount"] == "10000000"


def test_a_programme_its_application_and_the_decision(caller, officer_page, province):
    business = OrganisationFactory(
        province=province, kind="business", name="Công ty TNHH Yến Sào Hòn Nội"
    )
    programme = caller.post(
        "/programmes",
        {
            "name": "Chương trình năng suất chất lượng 2026–2030",
            "kind": "productivity",
            "starts_on": "2026-01-01",
            "status": "under_way",
            "budget": "500000000",
        },
    )
    assert programme.status_code == 201, programme.json()
    pk = programme.json()["id"]
    applied = caller.post(f"/programmes/{pk}/applications", application(business.pk))
    assert applied.status_code == 201, applied.json()
    decide = f"/applications/{applied.json()['id']}/decision"
    too_much = caller.post(
        decide, decision(True, "12/QĐ-SKHCN", "2026-03-20", granted_amount="90000000")
    )
    assert too_much.json() == {"detail": ["Kinh phí hỗ trợ không được vượt kinh phí đề nghị."]}
    assert SupportApplication.objects.get().status == "submitted"
    approved = caller.post(
        decide, decision(True, "12/QĐ-SKHCN", "2026-03-20", granted_amount="60000000")
    )
    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["granted_amount"]) == (
        "approved",
        "60000000",
    )
    again = caller.post(decide, decision(False, "13/QĐ", "2026-03-21"))
    assert again.json() == {"detail": ["Hồ sơ này đã có quyết định."]}
    detail = caller.get(f"/programmes/{pk}").json()
    assert (detail["granted"], len(detail["applications"])) == ("60000000", 1)
    text = officer_page(f"/nang-luc/chuong-trinh/{pk}/")
    assert "Công ty TNHH Yến Sào Hòn Nội" in text
    assert "Được hỗ trợ" in text


def test_a_programme_the_page_refuses(caller, dost):
    response = caller.post(
        "/programmes",
        {"name": "CT", "kind": "other", "starts_on": "2026-05-01", "ends_on": "2026-01-01"},
    )
    assert response.status_code == 422
    assert Programme.objects.count() == 0
    programme = ProgrammeFactory(owner=dost)
    not_a_business = caller.post(
        f"/programmes/{programme.pk}/applications",
        application(dost.pk, subject="X", requested_amount="1"),
    )
    assert not_a_business.status_code == 422
    assert not_a_business.json()["detail"][0].startswith("Doanh nghiệp: ")
    SupportApplicationFactory(programme=programme)
    assert caller.get(f"/programmes/{programme.pk}").json()["granted"] == "0"


def test_an_agency_keeps_its_iso_9001_record_through_the_api(
    api, officer_page, caller, reporter, agency
):
    the_agency = api(reporter)
    saved = the_agency.send(
        "PUT",
        f"/quality/{agency.pk}",
        {"iso_status": "applied", "applied_on": "2026-02-01", "digital_status": "in_progress"},
    )
    assert saved.status_code == 200, saved.json()
    audit = the_agency.post(
        f"/quality/{agency.pk}/audits",
        {"held_on": "2026-06-01", "auditor": "Tổ đánh giá nội bộ", "nonconformities": 2},
    )
    assert audit.status_code == 201
    detail = the_agency.get(f"/quality/{agency.pk}").json()
    assert (detail["iso_status"], detail["last_audit_on"], detail["last_nonconformities"]) == (
        "applied",
        "2026-06-01",
        2,
    )
    assert [a["auditor"] for a in detail["audits"]] == ["Tổ đánh giá nội bộ"]
    text = officer_page("/nang-luc/iso-9001/")
    assert agency.name in text
    assert "Đã áp dụng" in text
    listed = caller.get("/quality", {"iso_status": "applied"}).json()
    assert [q["organisation_id"] for q in listed["items"]] == [agency.pk]
    assert AgencyQuality.objects.get().updated_by == reporter
    assert QualityAudit.objects.count() == 1


def test_another_agency_may_not_write_the_iso_record(api, other_reporter, agency):
    response = api(other_reporter).send(
        "PUT", f"/quality/{agency.pk}", {"iso_status": "applied", "digital_status": "done"}
    )
    assert response.status_code == 404
    assert AgencyQuality.objects.count() == 0
