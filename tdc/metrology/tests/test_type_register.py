"""The Group 2 type register is the law: Vietnamese legal source for every visitor, provenance
notes for those who correct it, unconfirmed cycles flagged (and said in reminders), and a
corrected list published with a reason, audited, without a deploy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tdc.core.models import AuditEvent
from tdc.metrology import services
from tdc.metrology.models import InstrumentType, TypeListRelease
from tdc.metrology.reminders import send_due_reminders
from tdc.metrology.tests.factories import FUEL, TAPE, instrument, kind, verify

pytestmark = pytest.mark.django_db
LIST = reverse("metrology:type_list")


def test_every_type_states_its_vietnamese_legal_source():
    assert InstrumentType.objects.filter(legal_source="").count() == 0
    assert kind(FUEL).legal_source.startswith("Thông tư số 23/2013/TT-BKHCN")
    assert "02/VBHN-BKHCN" in kind(FUEL).legal_source
    assert kind(FUEL).cycle_confirmed is False  # a pre-2024 value from an article
    assert kind(TAPE).cycle_confirmed is True  # read in Circular 03/2024 itself


def test_a_business_reads_the_law_and_no_research_notes(client, business_user):
    client.force_login(business_user)
    html = client.get(LIST).content.decode()
    assert "Thông tư số 03/2024/TT-BKHCN" in html
    assert "LOW CONFIDENCE" not in html
    assert "PRE-2024" not in html
    assert "Fuel dispenser" not in html
    assert "Chu kỳ chưa đối chiếu" in html
    assert "/sua/" not in html


def test_an_officer_sees_the_provenance_notes_and_the_correction_button(client, officer):
    client.force_login(officer)
    html = client.get(LIST).content.decode()
    assert "PRE-2024 value" in html
    assert reverse("metrology:type_correct", args=[kind(FUEL).pk]) in html


def test_an_officer_publishes_a_corrected_list_with_a_reason(client, officer):
    fuel = kind(FUEL)
    client.force_login(officer)
    page = client.post(
        reverse("metrology:type_correct", args=[fuel.pk]),
        {
            "cycle_months": "12",
            "verification_forms": ["ban_dau", "dinh_ky", "sau_sua_chua"],
            "legal_source": "Thông tư số 03/2024/TT-BKHCN, Phụ lục, mục 21",
            "cycle_confirmed": "on",
            "valid_from": "01/12/2024",
            "reason": "Đã đối chiếu với Phụ lục Thông tư 03/2024: chu kỳ 12 tháng.",
        },
    )
    assert page.status_code == 302
    fuel.refresh_from_db()
    assert (fuel.cycle_confirmed, fuel.legal_source) == (
        True,
        "Thông tư số 03/2024/TT-BKHCN, Phụ lục, mục 21",
    )
    release = TypeListRelease.objects.get()
    assert (release.number, release.published_by, list(release.types.all())) == (1, officer, [fuel])
    event = AuditEvent.objects.get(action="instrument_type.list_published")
    assert event.data["reason"] == "Đã đối chiếu với Phụ lục Thông tư 03/2024: chu kỳ 12 tháng."
    html = client.get(LIST).content.decode()
    assert "Danh mục phiên bản số 1, công bố ngày" in html


def test_a_correction_needs_a_reason_and_the_right_capability(client, officer, reporter):
    fuel = kind(FUEL)
    client.force_login(officer)
    page = client.post(
        reverse("metrology:type_correct", args=[fuel.pk]),
        {"legal_source": "TT 03/2024", "valid_from": "01/12/2024", "reason": "sai"},
    )
    assert page.context["form"].errors["reason"] == ["Hãy ghi lý do sửa đổi (ít nhất 10 ký tự)."]
    client.force_login(reporter)
    assert client.get(reverse("metrology:type_correct", args=[fuel.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.publish_type_correction(
            fuel, by=reporter, reason="Không có quyền sửa", valid_from=dt.date(2025, 1, 1)
        )
    assert TypeListRelease.objects.count() == 0


def test_a_reminder_says_when_a_cycle_is_not_confirmed(business, nha_trang, settings):
    business.email = "kythuat@bienxanh.example"
    business.save()
    pump = instrument(business, nha_trang, serial="BX-CHUA-XAC-NHAN")
    verify(pump, dt.date(2025, 3, 20), stamp="BX-77")  # due 20/03/2026: soon (time frozen)
    assert send_due_reminders(today=dt.date(2026, 3, 10)) == 1
    [message] = mail.outbox
    assert "chu kỳ của loại này chưa được đối chiếu với văn bản hiện hành" in message.body
