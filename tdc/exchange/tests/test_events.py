"""The existing modules announce their key moments: a report accepted, a synthesis finalised
(plans), instruments fallen overdue (metrology, once a day)."""

from __future__ import annotations

import datetime as dt

import pytest

from tdc.core.events import event_types
from tdc.exchange import services
from tdc.exchange.models import Delivery
from tdc.metrology.jobs import announce_overdue_instruments

pytestmark = pytest.mark.django_db


def test_the_catalogue_lists_the_existing_modules_events():
    names = {t.name for t in event_types()}
    assert {
        "plans.report_accepted",
        "plans.synthesis_finalised",
        "metrology.instruments_overdue",
    } <= names


@pytest.fixture
def subscribed(admin_user, settings):
    settings.EXCHANGE_ALLOW_LOOPBACK = True
    subscription, _secret = services.create_subscription(
        name="Quốc gia", url="http://127.0.0.1:9/", owner_email="a@b.vn", by=admin_user,
        event_types=[t.name for t in event_types()], allow_intranet=True,
    )  # fmt: skip
    return subscription


def test_an_accepted_report_is_announced(
    subscribed, dost, agency, reporter, officer, django_capture_on_commit_callbacks, time_machine
):
    from tdc.plans.services.assignments import assign_plan
    from tdc.plans.tests.factories import HANOI, make_plan, sent_report

    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)
    plan = make_plan(dost, [{"number": "1.1", "content": "Tuyên truyền", "leads": [agency]}])
    assign_plan(plan, by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        report = sent_report(plan, agency, reporter, officer=officer)
    delivery = Delivery.objects.get(event_type="plans.report_accepted")
    assert delivery.payload["report_id"] == report.pk
    assert set(delivery.payload) == {"report_id", "assignment_id", "period_id", "version"}


def test_instruments_fallen_overdue_are_announced_once_a_day(
    subscribed, business, province, django_capture_on_commit_callbacks
):
    from tdc.metrology.models import Instrument
    from tdc.metrology.tests.factories import CommuneFactory, instrument

    day = dt.date(2026, 12, 1)
    commune = CommuneFactory(province=province)
    overdue = instrument(business, commune, serial="A-1")
    today = instrument(business, commune, serial="A-2")
    Instrument.objects.filter(pk=overdue.pk).update(next_due=day - dt.timedelta(days=1))
    Instrument.objects.filter(pk=today.pk).update(next_due=day)  # due today: not overdue yet
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            announce_overdue_instruments.call(on=day.isoformat())
    delivery = Delivery.objects.get(event_type="metrology.instruments_overdue")
    assert delivery.payload == {
        "event_key": f"{overdue.province_id}:2026-12-01",
        "province_id": overdue.province_id,
        "date": "2026-12-01",
        "count": 1,
        "instrument_ids": [overdue.pk],
    }
