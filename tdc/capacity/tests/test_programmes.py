"""Programmes and support to businesses; ISO 9001 in agencies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tdc.capacity.models import AgencyQuality, SupportApplication
from tdc.capacity.services import decide_application, save_agency_quality, submit_application
from tdc.capacity.tests.factories import ProgrammeFactory, SupportApplicationFactory
from tdc.core.models import AuditEvent


def test_an_application_is_submitted_then_decided(dost, business, officer):
    programme = ProgrammeFactory(owner=dost)
    application = submit_application(
        programme,
        business=business,
        subject="Đổi mới thiết bị đo lường trong dây chuyền",
        submitted_on=dt.date(2025, 4, 1),
        requested_amount=Decimal(60_000_000),
        by=officer,
    )
    decide_application(
        application,
        approve=True,
        decision_number="88/QĐ-SKHCN",
        decided_on=dt.date(2025, 5, 2),
        granted_amount=Decimal(45_000_000),
        by=officer,
    )
    application.refresh_from_db()
    assert (application.status, application.granted_amount) == (
        SupportApplication.Status.APPROVED,
        Decimal(45_000_000),
    )
    with pytest.raises(ValidationError):
        decide_application(
            application,
            approve=False,
            decision_number="x",
            decided_on=dt.date(2025, 5, 3),
            granted_amount=None,
            by=officer,
        )


@pytest.mark.parametrize(
    ("granted", "message"),
    [
        (None, "Hãy ghi kinh phí được hỗ trợ."),
        (Decimal(70_000_000), "Kinh phí hỗ trợ không được vượt kinh phí đề nghị."),
    ],
)
def test_a_grant_must_be_given_and_within_the_request(dost, business, officer, granted, message):
    application = SupportApplicationFactory(
        programme=ProgrammeFactory(owner=dost), business=business
    )
    with pytest.raises(ValidationError) as error:
        decide_application(
            application,
            approve=True,
            decision_number="1",
            decided_on=dt.date(2025, 5, 2),
            granted_amount=granted,
            by=officer,
        )
    assert error.value.messages == [message]


def test_only_businesses_apply(dost, agency, officer):
    with pytest.raises(ValidationError):
        submit_application(
            ProgrammeFactory(owner=dost),
            business=agency,
            subject="x",
            submitted_on=dt.date(2025, 4, 1),
            requested_amount=Decimal(1),
            by=officer,
        )


def test_the_programme_page_records_an_application(client, dost, business, officer):
    programme = ProgrammeFactory(owner=dost, name="Đề án 996 hỗ trợ doanh nghiệp đo lường")
    client.force_login(officer)
    client.post(
        f"/nang-luc/chuong-trinh/{programme.pk}/ho-so/",
        {
            "business": str(business.pk),
            "subject": "Hiệu chuẩn cột đo xăng dầu",
            "submitted_on": "2025-04-01",
            "requested_amount": "30000000",
        },
    )
    application = SupportApplication.objects.get()
    client.post(
        f"/nang-luc/ho-so-ho-tro/{application.pk}/quyet-dinh/",
        {
            "approve": "1",
            "decision_number": "12/QĐ-SKHCN",
            "decided_on": "2025-05-01",
            "granted_amount": "25000000",
        },
    )
    text = client.get(f"/nang-luc/chuong-trinh/{programme.pk}/").content.decode()
    assert "Được hỗ trợ" in text
    assert "25.000.000" in text


def test_an_agency_records_its_own_iso_status_with_audit(client, reporter, agency, other_agency):
    client.force_login(reporter)
    response = client.post(
        f"/nang-luc/iso-9001/{agency.pk}/",
        {
            "iso_status": "applied",
            "applied_on": "2025-06-01",
            "digital_status": "in_progress",
        },
    )
    assert response.status_code == 302
    quality = AgencyQuality.objects.get(organisation=agency)
    assert (quality.iso_status, quality.applied_on) == ("applied", dt.date(2025, 6, 1))
    event = AuditEvent.objects.get(action="agency_quality.updated")
    assert event.data["changes"]["iso_status"] == {"old": "not_started", "new": "applied"}
    assert client.get(f"/nang-luc/iso-9001/{other_agency.pk}/").status_code == 404


def test_saving_the_iso_status_twice_keeps_one_record(agency, officer):
    save_agency_quality(agency, by=officer, values={"iso_status": "building"})
    save_agency_quality(agency, by=officer, values={"iso_status": "announced"})
    assert list(AgencyQuality.objects.values_list("iso_status", flat=True)) == ["announced"]


def test_every_audit_is_kept_and_the_list_shows_the_last_internal_one(
    client, reporter, agency, other_agency
):
    client.force_login(reporter)
    url = f"/nang-luc/iso-9001/{agency.pk}/danh-gia/"
    for kind, day, findings, found in (
        ("internal", "20/11/2024", "3 điểm không phù hợp về kiểm soát hồ sơ", "3"),
        ("external", "2025-06-10", "Sở KH&CN kiểm tra: đạt yêu cầu", "0"),
        ("internal", "2025-11-20", "2 điểm không phù hợp nhỏ", "2"),
    ):
        response = client.post(
            url, {"kind": kind, "held_on": day, "findings": findings, "nonconformities": found}
        )
        assert response.status_code == 302

    quality = AgencyQuality.objects.get(organisation=agency)
    assert list(quality.audits.values_list("kind", "held_on", "nonconformities")) == [
        ("internal", dt.date(2025, 11, 20), 2),
        ("external", dt.date(2025, 6, 10), 0),
        ("internal", dt.date(2024, 11, 20), 3),
    ]
    assert AuditEvent.objects.filter(action="agency_quality.audit_recorded").count() == 3
    page = client.get(f"/nang-luc/iso-9001/{agency.pk}/").content.decode()
    assert page.index("20/11/2025") < page.index("10/06/2025") < page.index("20/11/2024")
    listing = client.get("/nang-luc/iso-9001/").content.decode()
    assert "20/11/2025" in listing
    assert "3 đợt đánh giá" in listing
    assert "2 điểm không phù hợp nhỏ (2 điểm không phù hợp)" in listing


def test_an_audit_without_a_date_is_refused_and_another_agencys_is_not_reached(
    client, reporter, agency, other_agency
):
    client.force_login(reporter)
    response = client.post(
        f"/nang-luc/iso-9001/{agency.pk}/danh-gia/", {"kind": "internal", "held_on": "31/02/2025"}
    )
    assert response.status_code == 200
    assert "Nhập một ngày hợp lệ." in response.content.decode()  # nothing is written
    theirs = client.post(
        f"/nang-luc/iso-9001/{other_agency.pk}/danh-gia/",
        {"kind": "internal", "held_on": "2025-01-01"},
    )
    assert theirs.status_code == 404
    assert not AgencyQuality.objects.exists()
