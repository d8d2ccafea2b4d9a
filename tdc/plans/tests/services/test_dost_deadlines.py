"""DoST's own deadlines: tracked per period, shown on the officer's home, reminded."""

import datetime as dt

import pytest
from django.urls import reverse

from tdc.plans.models import Notification, Plan, ReportingPeriod
from tdc.plans.queries.periods import dost_deadlines
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reminders import send_dost_deadline_reminders
from tdc.plans.services.synthesis import finalise_synthesis, start_synthesis, update_synthesis
from tdc.plans.tests.factories import HANOI, ReportingDeadlineFactory, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(dost, agency, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 1, 9, tzinfo=HANOI), tick=False)
    plan = make_plan(dost, [{"number": "1", "content": "Tuyên truyền", "leads": [agency]}])
    ReportingDeadlineFactory(
        plan=plan,
        who="Sở Khoa học và Công nghệ",
        to="Bộ Khoa học và Công nghệ",
        day=15,
        month=12,
        position=2,
    )
    assign_plan(plan)
    return plan


def test_dosts_deadlines_are_read_from_the_plan_for_each_period(plan):
    found = dost_deadlines(Plan.objects.all(), today=dt.date(2026, 11, 1))

    assert [(d.to, d.due, d.done) for d in found] == [
        ("UBND tỉnh", dt.date(2026, 11, 20), False),
        ("Bộ Khoa học và Công nghệ", dt.date(2026, 12, 15), False),
    ]


def test_the_officers_home_shows_dosts_deadlines(client, plan, officer, reporter):
    client.force_login(officer)
    page = client.get(reverse("core:home")).content.decode()
    assert "Hạn báo cáo của Sở" in page
    assert "Báo cáo UBND tỉnh trước ngày 20/11/2026" in page
    assert "còn 19 ngày" in page
    client.force_login(reporter)
    assert "Hạn báo cáo của Sở" not in client.get(reverse("core:home")).content.decode()


def test_officers_are_reminded_five_days_before_and_on_the_day_once(plan, officer, time_machine):
    assert send_dost_deadline_reminders(today=dt.date(2026, 11, 14)) == 0
    assert send_dost_deadline_reminders(today=dt.date(2026, 11, 15)) == 1
    assert send_dost_deadline_reminders(today=dt.date(2026, 11, 15)) == 0
    assert send_dost_deadline_reminders(today=dt.date(2026, 11, 20)) == 1
    titles = list(Notification.objects.filter(recipient=officer).values_list("title", flat=True))
    assert titles == [
        "Đến hạn hôm nay — báo cáo của Sở gửi UBND tỉnh trước ngày 20/11/2026",
        "Sắp đến hạn — báo cáo của Sở gửi UBND tỉnh trước ngày 20/11/2026",
    ]


def test_a_final_synthesis_ends_the_deadline(plan, officer, time_machine):
    period = ReportingPeriod.objects.get(plan=plan)
    synthesis = start_synthesis(period, by=officer)
    synthesis = update_synthesis(
        synthesis, by=officer, version=synthesis.version, doc_number="7", signer_name="Lê Văn An"
    )
    finalise_synthesis(synthesis, by=officer)

    found = dost_deadlines(Plan.objects.all(), today=dt.date(2026, 11, 1))

    assert [d.done for d in found] == [True, True]
    assert send_dost_deadline_reminders(today=dt.date(2026, 11, 20)) == 0
