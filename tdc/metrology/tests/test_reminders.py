import datetime as dt

import pytest
from django.core.management import call_command

from tdc.accounts.tests.factories import OrganisationFactory, UserFactory
from tdc.core.models import AuditEvent
from tdc.metrology.tests.factories import TAXIMETER, instrument, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_soon(business, business_user, nha_trang, centre):
    business.email = "lienhe@bienxanh.vn"
    business.save()
    a = instrument(business, nha_trang, serial="P-1", address="12 Trần Phú")
    verify(a, dt.date(2025, 3, 20), stamp="R1")  # due 20/03/2026
    b = instrument(business, nha_trang, code=TAXIMETER, serial="T-1")
    verify(b, dt.date(2024, 10, 10), stamp="R2")  # due 10/04/2026
    later = instrument(business, nha_trang, serial="P-2")
    verify(later, dt.date(2025, 6, 1), stamp="R3")  # due 01/06/2026: not yet
    return a


def test_each_owner_gets_one_digest_and_a_second_run_sends_nothing(
    due_soon, business_user, province, nha_trang, mailoutbox
):
    other = OrganisationFactory(
        name="Chợ Đầm", kind="business", province=province, email="cho@dam.vn"
    )
    UserFactory(organisation=other, email="")
    scale = instrument(other, nha_trang, code="can-dong-ho-lo-xo", serial="C-1")
    verify(scale, dt.date(2024, 4, 1), stamp="R9")  # due 01/04/2026

    call_command("sendinstrumentreminders")
    call_command("sendinstrumentreminders")

    assert sorted(m.to[0] for m in mailoutbox) == ["cho@dam.vn", "lienhe@bienxanh.vn"]
    digest = next(m for m in mailoutbox if m.to[0] == "lienhe@bienxanh.vn")
    assert digest.to == ["lienhe@bienxanh.vn", business_user.email]
    assert digest.subject == "Phương tiện đo sắp đến hạn kiểm định (2)"
    assert (
        "- Cột đo xăng dầu, số sản xuất P-1, 12 Trần Phú, Phường Nha Trang: hạn kiểm định 20/03/2026"
        in digest.body
    )
    assert "- Taximet, số sản xuất T-1, Phường Nha Trang: hạn kiểm định 10/04/2026" in digest.body
    assert "P-2" not in digest.body
    assert AuditEvent.objects.filter(action="instrument.reminder_sent").count() == 2


def test_a_new_due_date_is_reminded_again(due_soon, mailoutbox, time_machine):
    call_command("sendinstrumentreminders")
    verify(due_soon, dt.date(2026, 3, 15), stamp="R1B")  # due 15/03/2027
    time_machine.move_to(dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC))

    call_command("sendinstrumentreminders")

    assert [m.subject for m in mailoutbox] == [
        "Phương tiện đo sắp đến hạn kiểm định (2)",
        "Phương tiện đo sắp đến hạn kiểm định (1)",
    ]


def test_the_background_job_sends_the_same_digests(due_soon, mailoutbox):
    from tdc.metrology.jobs import send_instrument_reminders

    result = send_instrument_reminders.enqueue()
    assert result.return_value == 1
    assert len(mailoutbox) == 1
