"""The demo: the seed plans imported, then the Khánh Hòa 2026 plan executed as a round in
progress, dated relative to the day it runs; idempotent, and still current on a later day."""

import datetime as dt
import io
import re
from collections import Counter

import pytest
import time_machine
from django.test import Client

from tdc.accounts import demo as accounts_demo
from tdc.accounts.geography import province_by_name
from tdc.accounts.models import User
from tdc.core.models import AuditEvent
from tdc.plans import demo as plans_demo
from tdc.plans.demo import execution as execution_demo
from tdc.plans.demo import plans as seed_plans
from tdc.plans.exports.synthesis import synthesis_docx
from tdc.plans.models import (
    Assignment,
    ExplanationRequest,
    Indicator,
    IndicatorValue,
    Notification,
    ProgressReport,
    ReportingPeriod,
    Synthesis,
)
from tdc.plans.services.importing import import_plan_document

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))
MONITORS = ["canbo.tdc", "kiemtra.tdc", "lanhdao.tinh", "bo.khcn"]
REPORTERS = ["baocao.taichinh", "duyet.taichinh", "baocao.congthuong", "canbo.nhatrang"]


def _travel(day: dt.date) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=HANOI), tick=False)


def _load_khanh_hoa_2026() -> None:
    """The demo users and only the seed plan the execution demo plays (faster than all five)."""
    accounts_demo.load(io.StringIO())
    filename, named_province, year = seed_plans.SEED_PLANS[1]
    assert filename.startswith("002_")
    province = province_by_name(named_province)
    seed_plans.ensure_dost(province)
    data = (seed_plans.SEEDS / filename).read_bytes()
    import_plan_document(province, data=data, filename=filename, by=None, year=year)


def _home(username: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _dates(pattern: str, html: str) -> list[dt.date]:
    return [
        dt.date(int(year), int(month), int(day))
        for day, month, year in (
            found.split("/") for found in re.findall(pattern, html, flags=re.S)
        )
    ]


def _assert_homes_show_the_round_ahead(today: dt.date) -> None:
    for username in MONITORS:
        html = _home(username)
        (deadline,) = _dates(r"— hạn gửi (\d\d/\d\d/\d{4})", html)
        assert deadline >= today, (username, deadline)
        assert "đang trong kỳ" in html, username
    for username in REPORTERS:
        html = _home(username)
        (deadline,) = _dates(r'data-testid="next-deadline">Hạn báo cáo sắp tới: ([\d/]+)', html)
        assert deadline >= today, (username, deadline)


def test_without_the_2026_plan_the_execution_demo_only_assigns_what_exists():
    accounts_demo.load(io.StringIO())
    out = io.StringIO()

    execution_demo.load(out)

    assert (
        out.getvalue()
        == "Execution demo: the Khánh Hòa 2026 plan is not imported yet; nothing more to do.\n"
    )
    assert not ProgressReport.objects.exists()


def test_the_demo_executes_the_khanh_hoa_2026_plan_and_runs_twice_without_change():
    today = dt.date(2026, 12, 1)
    with _travel(today):
        accounts_demo.load(io.StringIO())
        plans_demo.load(io.StringIO())
        execution_demo.load(io.StringIO())

        plan = execution_demo.khanh_hoa_2026()
        assert plan is not None
        assert (
            Assignment.objects.filter(task__plan=plan).values("task").distinct().count()
            == plan.tasks.count()
        )
        period = ReportingPeriod.objects.get(plan=plan, kind="quarterly")
        assert (period.title, period.year, period.number) == ("Báo cáo quý IV/2026", 2026, 4)
        assert period.deadline == dt.date(2026, 12, 11)  # 8 working days ahead
        assert period.opened_on == dt.date(2026, 10, 22)
        states = Counter(
            ProgressReport.objects.filter(period=period).values_list("state", flat=True)
        )
        assert set(states) == {
            "draft",
            "pending_approval",
            "submitted",
            "resubmitted",
            "returned",
            "accepted",
        }
        assert states["accepted"] == 6
        # Everything the story tells happened before today, after the round was asked for.
        sent = ProgressReport.objects.filter(period=period, submitted_at__isnull=False)
        assert sent.count() == 10
        first = dt.datetime.combine(period.opened_on, dt.time(), tzinfo=HANOI)
        now = dt.datetime.combine(today, dt.time(), tzinfo=HANOI)
        times = [r.submitted_at for r in sent if r.submitted_at is not None]
        assert all(first <= at < now <= period.on_time_cutoff for at in times)
        # The ad-hoc request is past its deadline: one agency on time, one late and explaining.
        ad_hoc = ReportingPeriod.objects.get(plan=plan, kind="ad_hoc")
        assert ad_hoc.deadline < today
        explanation = ExplanationRequest.objects.get(period=ad_hoc)
        assert explanation.organisation.name == "Sở Công Thương"
        assert explanation.is_answered
        assert f"hạn {ad_hoc.deadline:%d/%m/%Y}" in explanation.message
        # Three assignments are overdue (the officer's deadlines are past).
        overdue = Assignment.objects.filter(
            task__plan=plan, due_date__lt=today, completed_on__isnull=True
        )
        assert overdue.count() == 3
        assert Indicator.objects.filter(plan=plan).count() == 5
        assert IndicatorValue.objects.filter(indicator__plan=plan).count() == 5
        assert set(
            IndicatorValue.objects.filter(indicator__plan=plan).values_list(
                "period_start__year", flat=True
            )
        ) == {2026}
        assert Notification.objects.filter(kind="reminder").exists()
        synthesis = Synthesis.objects.get(period=period)
        # DoST's own three accepted reports count for their tasks, not among the agencies'.
        assert synthesis.snapshot["totals"]["accepted"] == 3
        assert synthesis_docx(synthesis).startswith(b"PK")
        _assert_homes_show_the_round_ahead(today)

        counts = (
            ReportingPeriod.objects.count(),
            ProgressReport.objects.count(),
            Notification.objects.count(),
            AuditEvent.objects.count(),
        )
        out = io.StringIO()
        execution_demo.load(out)
        assert (
            ReportingPeriod.objects.count(),
            ProgressReport.objects.count(),
            Notification.objects.count(),
            AuditEvent.objects.count(),
        ) == counts
        assert out.getvalue() == ""


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2026, 3, 2),  # the plan's first quarter
        dt.date(2026, 12, 28),  # the deadline falls after the New Year's day off
        dt.date(2027, 1, 6),  # last year's fourth quarter due this month
        dt.date(2027, 8, 17),
    ],
)
def test_on_any_day_every_persona_finds_a_round_in_progress_with_its_deadline_ahead(today):
    _load_khanh_hoa_2026()
    with _travel(today):
        execution_demo.load(io.StringIO())
        period = ReportingPeriod.objects.get(plan=execution_demo.khanh_hoa_2026(), kind="quarterly")
        assert period.opened_on <= today <= period.deadline
        assert (today + dt.timedelta(days=8)) <= period.deadline <= today + dt.timedelta(days=16)
        states = Counter(
            ProgressReport.objects.filter(period=period).values_list("state", flat=True)
        )
        assert states["accepted"] == 6
        assert states["returned"] == 2
        assert states["pending_approval"] == 1
        _assert_homes_show_the_round_ahead(today)


def test_run_after_its_round_closed_the_demo_opens_the_next_quarter_and_duplicates_nothing():
    _load_khanh_hoa_2026()
    with _travel(dt.date(2026, 12, 1)):
        execution_demo.load(io.StringIO())
    plan = execution_demo.khanh_hoa_2026()
    first = ReportingPeriod.objects.get(plan=plan, kind="quarterly")
    histories = list(
        ProgressReport.objects.filter(period=first, events__isnull=False)
        .distinct()
        .values_list("pk", "state")
    )
    later = dt.date(2026, 12, 21)
    with _travel(later):
        execution_demo.load(io.StringIO())
        counts = (ReportingPeriod.objects.count(), ProgressReport.objects.count())
        execution_demo.load(io.StringIO())
        assert (ReportingPeriod.objects.count(), ProgressReport.objects.count()) == counts
        rounds = list(ReportingPeriod.objects.filter(plan=plan, kind="quarterly").order_by("pk"))
        assert [(r.year, r.number) for r in rounds] == [(2026, 4), (2027, 1)]
        assert rounds[1].deadline == dt.date(2027, 3, 10)  # the plan's day, in the quarter
        assert ReportingPeriod.objects.filter(plan=plan, kind="ad_hoc").count() == 1
        assert (
            list(
                ProgressReport.objects.filter(period=first, events__isnull=False)
                .distinct()
                .values_list("pk", "state")
            )
            == histories
        )
        for username in REPORTERS:
            html = _home(username)
            (deadline,) = _dates(r'data-testid="next-deadline">Hạn báo cáo sắp tới: ([\d/]+)', html)
            assert deadline == dt.date(2027, 3, 10)
