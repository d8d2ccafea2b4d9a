"""DoST's registers through the API — equipment, measurement standards, awards, programmes and
support, and the agencies' ISO 9001 records — written as the pages write them and shown there."""

from __future__ import annotations

import datetime as dt

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


def test_equipment_round_trip_and_the_due_soon_filter(api, client, log_in, officer, dost):
    caller = api(officer)
    created = caller.post(
        "/equipment",
        {
            "name": "Cân kiểm tra lưu động 30 kg",
            "category": "mobile",
            "quantity": 2,
            "cost": "36000000",
            "funding": "province",
            "bought_on": "2026-02-10",
            "calibration_due_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        },
    )
    assert created.status_code == 201, created.json()
    assert created.json()["holder_id"] == dost.pk
    EquipmentFactory(holder=dost, calibration_due_on=None)
    log_in(client, officer)
    assert "Cân kiểm tra lưu động 30 kg" in client.get("/nang-luc/thiet-bi/").content.decode()
    due = caller.get("/equipment", {"due_soon": "true"}).json()
    assert [i["name"] for i in due["items"]] == ["Cân kiểm tra lưu động 30 kg"]
    assert caller.get(f"/equipment/{created.json()['id']}").json()["quantity"] == 2


def test_equipment_refused_with_nothing_written(api, officer, other_province_dost):
    response = api(officer).post(
        "/equipment",
        {
            "holder_id": other_province_dost.pk,
            "name": "Cân",
            "category": "mobile",
            "cost": "1",
            "funding": "province",
            "bought_on": "2026-02-10",
        },
    )
    assert response.status_code == 422
    assert response.json()["detail"][0].startswith("Đơn vị quản lý: ")
    assert Equipment.objects.count() == 0


def test_a_standard_traced_to_the_national_one(api, client, log_in, officer, dost):
    caller = api(officer)
    national = caller.post(
        "/measurement-standards",
        {
            "name": "Chuẩn quốc gia khối lượng",
            "quantity": "Khối lượng",
            "level": "national",
            "holder_name": "Viện Đo lường Việt Nam",
        },
    ).json()
    working = caller.post(
        "/measurement-standards",
        {
            "name": "Bộ quả cân F1",
            "quantity": "Khối lượng",
            "holder_id": dost.pk,
            "traced_to_id": national["id"],
        },
    )
    assert working.status_code == 201, working.json()
    body = working.json()
    assert [step["name"] for step in body["chain"]] == [
        "Bộ quả cân F1",
        "Chuẩn quốc gia khối lượng",
    ]
    assert body["reaches_national"] is True
    log_in(client, officer)
    page = client.get(f"/nang-luc/chuan-do-luong/{body['id']}/").content.decode()
    assert "Chuẩn quốc gia khối lượng" in page
    # A national standard is the top of the chain: refused, nothing written.
    top = caller.post(
        "/measurement-standards",
        {
            "name": "Chuẩn quốc gia thứ hai",
            "quantity": "Khối lượng",
            "level": "national",
            "holder_name": "Viện",
            "traced_to_id": national["id"],
        },
    )
    assert top.json() == {
        "detail": ["Chuẩn quốc gia là đỉnh của chuỗi: không dẫn xuất từ chuẩn khác."]
    }
    nowhere = caller.post("/measurement-standards", {"name": "Chuẩn", "quantity": "Độ dài"})
    assert nowhere.json() == {
        "detail": ["Nơi giữ chuẩn (ngoài tỉnh): Hãy chọn đơn vị giữ chuẩn hoặc ghi nơi giữ chuẩn."]
    }
    assert MeasurementStandard.objects.count() == 2


def test_a_standard_of_another_province_is_out_of_reach(api, officer, other_province_dost):
    foreign = StandardFactory(holder=other_province_dost)
    assert api(officer).get(f"/measurement-standards/{foreign.pk}").status_code == 404
    response = api(officer).post(
        "/measurement-standards",
        {
            "name": "Chuẩn",
            "quantity": "Khối lượng",
            "holder_name": "Viện",
            "traced_to_id": foreign.pk,
        },
    )
    assert response.status_code == 422
    assert MeasurementStandard.objects.count() == 1


def test_awards_round_trip_and_a_reporter_is_never_named(api, client, log_in, officer, dost):
    caller = api(officer)
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
    log_in(client, officer)
    page = client.get("/nang-luc/khen-thuong/").content.decode()
    assert "Giải thưởng chất lượng tỉnh Khánh Hòa năm 2026" in page
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


def test_a_programme_its_application_and_the_decision(api, client, log_in, officer, dost, province):
    business = OrganisationFactory(
        province=province, kind="business", name="Công ty TNHH Yến Sào Hòn Nội"
    )
    caller = api(officer)
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
    application = caller.post(
        f"/programmes/{pk}/applications",
        {
            "business_id": business.pk,
            "subject": "Áp dụng ISO 22000",
            "submitted_on": "2026-03-01",
            "requested_amount": "80000000",
        },
    )
    assert application.status_code == 201, application.json()
    decision = f"/applications/{application.json()['id']}/decision"
    too_much = caller.post(
        decision,
        {
            "approve": True,
            "decision_number": "12/QĐ-SKHCN",
            "decided_on": "2026-03-20",
            "granted_amount": "90000000",
        },
    )
    assert too_much.json() == {"detail": ["Kinh phí hỗ trợ không được vượt kinh phí đề nghị."]}
    assert SupportApplication.objects.get().status == "submitted"
    approved = caller.post(
        decision,
        {
            "approve": True,
            "decision_number": "12/QĐ-SKHCN",
            "decided_on": "2026-03-20",
            "granted_amount": "60000000",
        },
    )
    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["granted_amount"]) == (
        "approved",
        "60000000",
    )
    again = caller.post(
        decision, {"approve": False, "decision_number": "13/QĐ", "decided_on": "2026-03-21"}
    )
    assert again.json() == {"detail": ["Hồ sơ này đã có quyết định."]}
    detail = caller.get(f"/programmes/{pk}").json()
    assert (detail["granted"], len(detail["applications"])) == ("60000000", 1)
    log_in(client, officer)
    page = client.get(f"/nang-luc/chuong-trinh/{pk}/").content.decode()
    assert "Công ty TNHH Yến Sào Hòn Nội" in page
    assert "Được hỗ trợ" in page


def test_a_programme_the_page_refuses(api, officer, dost, province):
    response = api(officer).post(
        "/programmes",
        {"name": "CT", "kind": "other", "starts_on": "2026-05-01", "ends_on": "2026-01-01"},
    )
    assert response.status_code == 422
    assert Programme.objects.count() == 0
    programme = ProgrammeFactory(owner=dost)
    not_a_business = api(officer).post(
        f"/programmes/{programme.pk}/applications",
        {
            "business_id": dost.pk,
            "subject": "X",
            "submitted_on": "2026-03-01",
            "requested_amount": "1",
        },
    )
    assert not_a_business.status_code == 422
    assert not_a_business.json()["detail"][0].startswith("Doanh nghiệp: ")
    SupportApplicationFactory(programme=programme)
    assert api(officer).get(f"/programmes/{programme.pk}").json()["granted"] == "0"


def test_an_agency_keeps_its_iso_9001_record_through_the_api(
    api, client, log_in, reporter, agency, officer
):
    caller = api(reporter)
    saved = caller.send(
        "PUT",
        f"/quality/{agency.pk}",
        {"iso_status": "applied", "applied_on": "2026-02-01", "digital_status": "in_progress"},
    )
    assert saved.status_code == 200, saved.json()
    audit = caller.post(
        f"/quality/{agency.pk}/audits",
        {"held_on": "2026-06-01", "auditor": "Tổ đánh giá nội bộ", "nonconformities": 2},
    )
    assert audit.status_code == 201
    detail = caller.get(f"/quality/{agency.pk}").json()
    assert (detail["iso_status"], detail["last_audit_on"], detail["last_nonconformities"]) == (
        "applied",
        "2026-06-01",
        2,
    )
    assert [a["auditor"] for a in detail["audits"]] == ["Tổ đánh giá nội bộ"]
    log_in(client, officer)
    page = client.get("/nang-luc/iso-9001/").content.decode()
    assert agency.name in page
    assert "Đã áp dụng" in page
    listed = api(officer).get("/quality", {"iso_status": "applied"}).json()
    assert [q["organisation_id"] for q in listed["items"]] == [agency.pk]
    assert AgencyQuality.objects.get().updated_by == reporter
    assert QualityAudit.objects.count() == 1


def test_another_agency_may_not_write_the_iso_record(api, other_reporter, agency):
    response = api(other_reporter).send(
        "PUT", f"/quality/{agency.pk}", {"iso_status": "applied", "digital_status": "done"}
    )
    assert response.status_code == 404
    assert AgencyQuality.objects.count() == 0
