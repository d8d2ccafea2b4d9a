"""Reporting periods: deadlines from the plan, working days, ad-hoc requests, the on-time cut-off."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdc.core.models import AuditEvent, Holiday
from tdc.core.workdays import add_working_days, next_working_day
from tdc.plans.models import ProgressReport, ReportingPeriod
from tdc.plans.queries.monitoring import period_totals
from tdc.plans.queries.periods import default_deadline
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.periods import change_period, open_period
from tdc.plans.services.reporting import ReportInput, save_report, submit_report
from tdc.plans.tests.factories import HANOI, ReportingDeadlineFactory, make_plan, report_of


@pytest.fixture(autouse=True)
def in_2026(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(dost, agency):
    plan = make_plan(dost, [{"number": "1.1", "leads": [agency]}])
    assign_plan(plan)
    return plan


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (dt.date(2026, 10, 2), 1, dt.date(2026, 10, 5)),  # Friday + 1 → Monday
        (dt.date(2026, 9, 1), 1, dt.date(2026, 9, 3)),  # 2/9 Quốc khánh is a day off
        (dt.date(2026, 4, 29), 2, dt.date(2026, 5, 5)),  # 30/4 and 1/5, then the weekend
        (dt.date(2026, 2, 12), 3, dt.date(2026, 2, 24)),  # Tết, entered as holidays
    ],
)
def test_working_days_skip_weekends_and_holidays(db, start, days, expected):
    for day in range(16, 21):
        Holiday.objects.create(date=dt.date(2026, 2, day), name="Tết Nguyên đán")

    assert add_working_days(start, days) == expected


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day(db):
    assert next_working_day(dt.date(2026, 10, 10)) == dt.date(2026, 10, 12)  # Saturday → Monday
    assert next_working_day(dt.date(2026, 10, 12)) == dt.date(2026, 10, 12)


def test_the_yearly_period_takes_the_plans_reporting_day(plan):
    period = ReportingPeriod.objects.get(plan=plan)

    assert (period.title, period.start, period.end, period.deadline, period.synthesis_deadline) == (
        "Báo cáo năm 2026",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 20),
    )


def test_a_plan_without_a_reporting_day_falls_back_to_30_november(dost, agency):
    plan = make_plan(dost, [{"number": "1.1", "leads": [agency]}], deadline=None)

    assign_plan(plan)

    assert ReportingPeriod.objects.get(plan=plan).deadline == dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("kind", "number", "title", "deadline"),
    [
        ("semiannual", 1, "Báo cáo 6 tháng đầu năm 2026", dt.date(2026, 6, 10)),
        ("semiannual", 2, "Báo cáo 6 tháng cuối năm 2026", dt.date(2026, 12, 10)),
        ("quarterly", 3, "Báo cáo quý III/2026", dt.date(2026, 9, 10)),
    ],
)
def test_six_monthly_and_quarterly_periods_get_default_titles_and_deadlines(
    plan, officer, kind, number, title, deadline
):
    period = open_period(
        plan, kind=kind, year=2026, number=number, by=officer, opened_on=dt.date(2026, 1, 2)
    )

    assert (period.title, period.deadline) == (title, deadline)
    assert ProgressReport.objects.filter(period=period).count() == 1


def test_an_ad_hoc_request_has_its_own_deadline_and_numbering(plan, officer, agency):
    first = open_period(
        plan,
        kind="ad_hoc",
        year=2026,
        by=officer,
        deadline=dt.date(2026, 10, 15),
        organisations=[agency],
    )
    second = open_period(plan, kind="ad_hoc", year=2026, by=officer, working_days=10)

    assert (first.title, first.deadline, first.number) == (
        "Báo cáo đột xuất số 1/2026",
        dt.date(2026, 10, 15),
        1,
    )
    assert (second.title, second.deadline, second.working_days) == (
        "Báo cáo đột xuất số 2/2026",
        dt.date(2026, 10, 15),
        10,
    )
    with pytest.raises(ValidationError):
        open_period(plan, kind="ad_hoc", year=2026, by=officer)


def test_counting_working_days_moves_a_weekend_deadline(plan, officer):
    period = open_period(
        plan,
        kind="ad_hoc",
        year=2026,
        by=officer,
        deadline=dt.date(2026, 10, 10),
        count_working_days=True,
    )

    assert period.deadline == dt.date(2026, 10, 12)
    assert period.on_time_cutoff == dt.datetime(2026, 10, 12, 23, 59, 59, tzinfo=HANOI)


def test_a_period_is_opened_once(plan, officer):
    with pytest.raises(ValidationError):
        open_period(plan, kind="annual", year=2026, by=officer)


def test_only_the_provinces_officer_opens_or_changes_periods(
    plan, reporter, leader, other_province_officer
):
    period = ReportingPeriod.objects.get(plan=plan)
    for user in (reporter, leader, other_province_officer):
        with pytest.raises(PermissionDenied):
            open_period(plan, kind="quarterly", year=2026, number=4, by=user)
        with pytest.raises(PermissionDenied):
            change_period(period, by=user, deadline=dt.date(2026, 11, 30))


def test_the_on_time_cutoff_is_distinct_from_the_deadline(
    plan, officer, agency, reporter, time_machine
):
    period = ReportingPeriod.objects.get(plan=plan)
    change_period(period, by=officer, on_time_cutoff=dt.datetime(2026, 11, 11, 12, tzinfo=HANOI))
    report = report_of(plan, agency)
    report = save_report(
        report,
        data=ReportInput(progress="in_progress", percent=10, results="Đã triển khai"),
        version=0,
        by=reporter,
    )
    time_machine.move_to(
        dt.datetime(2026, 11, 11, 9, tzinfo=HANOI), tick=False
    )  # a day after the deadline

    submit_report(report, version=report.version, by=reporter)

    period.refresh_from_db()
    assert period.deadline == dt.date(2026, 11, 10)
    totals = period_totals(period)
    assert (totals.arrived, totals.on_time) == (1, 1)


def test_moving_a_deadline_moves_the_cutoff_and_is_audited(plan, officer):
    period = ReportingPeriod.objects.get(plan=plan)

    change_period(period, by=officer, deadline=dt.date(2026, 11, 16))

    assert period.on_time_cutoff == dt.datetime(2026, 11, 16, 23, 59, 59, tzinfo=HANOI)
    changes = AuditEvent.objects.get(action="reporting_period.changed").data["changes"]
    assert changes["deadline"] == {"old": "2026-11-10", "new": "2026-11-16"}
    assert set(changes) == {"deadline", "on_time_cutoff"}


def test_changing_only_the_title_keeps_a_custom_on_time_cutoff(plan, officer):
    period = ReportingPeriod.objects.get(plan=plan)
    cutoff = dt.datetime(2026, 11, 11, 12, tzinfo=HANOI)
    change_period(period, by=officer, on_time_cutoff=cutoff)

    change_period(period, by=officer, title="Báo cáo quý IV (đã sửa tên)")

    period.refresh_from_db()
    assert period.title == "Báo cáo quý IV (đã sửa tên)"
    assert period.deadline == dt.date(2026, 11, 10)
    assert period.on_time_cutoff == cutoff
    changes = AuditEvent.objects.filter(action="reporting_period.changed").order_by("pk").last()
    assert changes is not None
    assert set(changes.data["changes"]) == {"title"}


def test_giving_working_days_recomputes_the_deadline_from_the_request_date(plan, officer):
    period = open_period(plan, kind="ad_hoc", year=2026, by=officer, deadline=dt.date(2026, 10, 20))

    change_period(period, by=officer, working_days=3)

    assert period.deadline == dt.date(2026, 10, 6)


@pytest.mark.parametrize(
    ("stated", "number", "expected"),
    [
        ((15, 3), 1, dt.date(2026, 3, 15)),  # 15th of each quarter's last month
        ((15, 3), 4, dt.date(2026, 12, 15)),
        ((10, 4), 1, dt.date(2026, 4, 10)),  # 10th of the month after each quarter
        ((10, 4), 4, dt.date(2027, 1, 10)),
    ],
)
def test_a_quarterly_deadline_keeps_its_distance_from_each_quarters_end(
    officer, stated, number, expected
):
    plan = make_plan(officer.organisation, deadline=None)
    ReportingDeadlineFactory(
        plan=plan, who="Các sở, ban, ngành", day=stated[0], month=stated[1], recurrence="quarterly"
    )

    assert default_deadline(plan, "quarterly", 2026, number) == expected


def test_without_a_quarterly_deadline_a_quarter_takes_the_yearly_day_in_its_last_month(officer):
    plan = make_plan(officer.organisation, deadline=None)
    ReportingDeadlineFactory(
        plan=plan, who="Các sở, ban, ngành", to="Sở KH&CN", day=10, month=11, recurrence="annual"
    )

    assert default_deadline(plan, "quarterly", 2026, 2) == dt.date(2026, 6, 10)
    assert default_deadline(plan, "annual", 2026, 1) == dt.date(2026, 11, 10)
