"""The metrics plans registers (tdc.plans.metrics), computed over real reports."""

import datetime as dt
from decimal import Decimal

import pytest

from tdc.core.metrics import MetricScope, compute_metric
from tdc.plans.models import Assignment
from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report
from tdc.plans.tests.factories import HANOI, report_of, sent_report


@pytest.fixture(autouse=True)
def in_2026(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(indicator_plan):
    return indicator_plan


def test_the_dissemination_metric_counts_the_organisations_that_reported_on_it(
    plan, agency, other_agency, reporter, other_reporter, officer
):
    scope = MetricScope(
        province_id=plan.province_id, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    assert compute_metric("plans.dissemination_reporting_share", scope) == Decimal("0.00")

    sent_report(plan, agency, reporter)
    sent_report(plan, other_agency, other_reporter, officer=officer)

    assert compute_metric("plans.dissemination_reporting_share", scope) == Decimal("66.67")
    # Another province, or another year, has nothing to count.
    assert (
        compute_metric(
            "plans.dissemination_reporting_share",
            MetricScope(province_id=46, start=scope.start, end=scope.end),
        )
        is None
    )
    assert (
        compute_metric(
            "plans.dissemination_reporting_share",
            MetricScope(
                province_id=plan.province_id, start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31)
            ),
        )
        is None
    )


def test_the_completeness_timeliness_and_completion_metrics(
    plan, agency, reporter, officer, time_machine
):
    scope = MetricScope(province_id=None, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    sent_report(plan, agency, reporter)  # on time (1 October)
    time_machine.move_to(dt.datetime(2026, 11, 12, 9, tzinfo=HANOI), tick=False)
    late = report_of(plan, agency, number="2.1")
    late = save_report(
        late,
        data=ReportInput(
            progress="completed", percent=100, results="Xong", completed_on=dt.date(2026, 11, 1)
        ),
        version=0,
        by=reporter,
    )
    accept_report(submit_report(late, version=late.version, by=reporter), by=officer)

    assert compute_metric("plans.reporting_completeness", scope) == Decimal("50.00")  # 2 of 4
    assert compute_metric("plans.reporting_timeliness", scope) == Decimal("25.00")  # 1 of 4
    assert compute_metric("plans.tasks_completed_share", scope) == Decimal(
        "25.00"
    )  # 1 of 4 lead assignments
    assert Assignment.objects.filter(completed_on=dt.date(2026, 11, 1)).count() == 1
