"""Indicators: progress against the trajectory, the metrics this app computes, the chart."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdc.core.metrics import MetricScope, compute_metric
from tdc.core.models import AuditEvent
from tdc.plans.models import Assignment, IndicatorValue
from tdc.plans.queries.indicators import TrackStatus, indicator_progress, trajectory_chart
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.indicators import (
    compute_indicator_value,
    compute_plan_indicators,
    create_indicator,
    record_indicator_value,
)
from tdc.plans.services.reporting import ReportInput, accept_report, save_report, submit_report
from tdc.plans.tests.factories import HANOI, make_plan, report_of

YEAR_2026 = {"period_start": dt.date(2026, 1, 1), "period_end": dt.date(2026, 12, 31)}


@pytest.fixture(autouse=True)
def in_2026(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(dost, agency, other_agency, commune_org):
    plan = make_plan(
        dost,
        [
            {
                "number": "1.1",
                "content": "Quán triệt, tuyên truyền Chỉ thị",
                "leads": [agency, other_agency, commune_org],
            },
            {"number": "2.1", "content": "Thẩm định tiêu chuẩn", "leads": [agency], "group": 1},
        ],
        groups=["Công tác tuyên truyền, nâng cao nhận thức", "Tăng cường quản lý nhà nước"],
    )
    assign_plan(plan)
    return plan


def _indicator(plan, officer, **values):
    defaults = {
        "name": "Tổ chức ít nhất 05 diễn đàn đối thoại",
        "unit": "diễn đàn",
        "comparator": ">=",
        "target_value": Decimal(5),
        "baseline": Decimal(0),
        "baseline_date": dt.date(2026, 1, 1),
        "deadline": dt.date(2030, 12, 31),
        "aggregation": "cumulative",
    }
    defaults.update(values)
    return create_indicator(plan, by=officer, **defaults)


def _value(indicator, end, value):
    return IndicatorValue.objects.create(
        indicator=indicator,
        period_start=end.replace(month=1, day=1),
        period_end=end,
        value=Decimal(value),
        source="Báo cáo",
    )


def _progress(indicator):
    return indicator_progress(indicator, list(indicator.values.all()))


def test_a_cumulative_indicator_adds_up_its_periods_and_compares_with_the_straight_line(
    plan, officer
):
    forums = _indicator(plan, officer)
    _value(forums, dt.date(2026, 12, 31), 1)

    progress = _progress(forums)
    assert (progress.actual, progress.expected, progress.status) == (
        Decimal(1),
        Decimal("1.00"),
        TrackStatus.ON_TRACK,
    )

    _value(forums, dt.date(2027, 12, 31), 0)
    assert _progress(forums).expected == Decimal("2.00")
    assert _progress(forums).status == TrackStatus.OFF_TRACK

    _value(forums, dt.date(2028, 12, 31), 4)
    assert (_progress(forums).actual, _progress(forums).status) == (
        Decimal(5),
        TrackStatus.ACHIEVED,
    )


def test_a_level_indicator_reads_the_latest_value(plan, officer):
    share = _indicator(
        plan,
        officer,
        name="100% cơ quan quán triệt",
        unit="%",
        comparator="=",
        target_value=100,
        baseline=20,
        aggregation="level",
    )
    _value(share, dt.date(2026, 12, 31), 40)
    _value(share, dt.date(2028, 12, 31), 60)

    progress = _progress(share)

    # 20% + 80 points × (3 years of 5) = 68%: 60% is behind.
    assert (progress.actual, progress.expected, progress.status) == (
        Decimal(60),
        Decimal("68.00"),
        TrackStatus.OFF_TRACK,
    )


def test_a_lower_is_better_indicator_is_on_track_below_the_line(plan, officer):
    defects = _indicator(
        plan,
        officer,
        name="Tỷ lệ hàng kém chất lượng không quá 5%",
        unit="%",
        comparator="<=",
        target_value=5,
        baseline=15,
        aggregation="level",
    )
    _value(defects, dt.date(2026, 12, 31), 12)

    assert _progress(defects).status == TrackStatus.ON_TRACK  # line: 13.01%
    _value(defects, dt.date(2027, 12, 31), 14)
    assert _progress(defects).status == TrackStatus.OFF_TRACK
    _value(defects, dt.date(2028, 12, 31), 4)
    assert _progress(defects).status == TrackStatus.ACHIEVED


def test_an_annual_indicator_must_be_met_every_year(plan, officer):
    surveys = _indicator(
        plan,
        officer,
        name="Hằng năm khảo sát ít nhất 20 sản phẩm",
        unit="sản phẩm",
        target_value=20,
        aggregation="annual",
    )
    _value(surveys, dt.date(2026, 12, 31), 25)
    assert _progress(surveys).status == TrackStatus.ON_TRACK

    _value(surveys, dt.date(2027, 12, 31), 12)
    assert (_progress(surveys).actual, _progress(surveys).status) == (
        Decimal(12),
        TrackStatus.OFF_TRACK,
    )


def test_an_indicator_without_values_says_so(plan, officer):
    assert _progress(_indicator(plan, officer)).status == TrackStatus.NO_DATA


def test_an_entered_value_needs_its_source_and_a_correction_is_audited(plan, officer, reporter):
    forums = _indicator(plan, officer)

    with pytest.raises(ValidationError):
        record_indicator_value(forums, value=Decimal(1), source=" ", by=officer, **YEAR_2026)
    with pytest.raises(PermissionDenied):
        record_indicator_value(forums, value=Decimal(1), source="Báo cáo", by=reporter, **YEAR_2026)
    record_indicator_value(
        forums, value=Decimal(1), source="Báo cáo năm của Sở", by=officer, **YEAR_2026
    )
    record_indicator_value(
        forums, value=Decimal(2), source="Báo cáo năm của Sở (bổ sung)", by=officer, **YEAR_2026
    )

    assert list(forums.values.values_list("value", "source")) == [
        (Decimal("2.00"), "Báo cáo năm của Sở (bổ sung)")
    ]
    change = AuditEvent.objects.get(action="indicator.value_changed")
    assert change.data["changes"]["value"] == {"old": "1.00", "new": "2"}


def _report(plan, organisation, user, *, officer=None):
    report = report_of(plan, organisation, number="1.1")
    report = save_report(
        report,
        data=ReportInput(progress="in_progress", percent=50, results="Đã tuyên truyền"),
        version=0,
        by=user,
    )
    report = submit_report(report, version=report.version, by=user)
    if officer is not None:
        accept_report(report, by=officer)
    return report


def test_the_dissemination_metric_counts_the_organisations_that_reported_on_it(
    plan, agency, other_agency, reporter, other_reporter, officer
):
    scope = MetricScope(
        province_id=plan.province_id, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    assert compute_metric("plans.dissemination_reporting_share", scope) == Decimal("0.00")

    _report(plan, agency, reporter)
    _report(plan, other_agency, other_reporter, officer=officer)

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
    _report(plan, agency, reporter)  # on time (1 October)
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


def test_a_metric_backed_indicator_computes_its_value_with_the_metric_as_source(
    plan, officer, agency, reporter
):
    share = _indicator(
        plan,
        officer,
        name="100% cơ quan quán triệt Chỉ thị",
        unit="%",
        comparator="=",
        target_value=100,
        aggregation="level",
        metric_key="plans.dissemination_reporting_share",
    )
    _report(plan, agency, reporter)

    value = compute_indicator_value(share, by=officer, **YEAR_2026)

    assert (value.value, value.is_computed) == (Decimal("33.33"), True)
    assert (
        value.source
        == "Tính tự động: Tỷ lệ cơ quan được giao đã báo cáo kết quả quán triệt, tuyên truyền"
    )
    assert compute_plan_indicators(plan, year=2026, by=None) == 1
    with pytest.raises(ValidationError):
        compute_indicator_value(_indicator(plan, officer), by=officer, **YEAR_2026)


def test_an_unknown_metric_is_refused(plan, officer):
    with pytest.raises(ValidationError):
        _indicator(plan, officer, metric_key="complaints.khong_ton_tai")


def test_the_trajectory_chart_spans_baseline_to_deadline(plan, officer):
    forums = _indicator(plan, officer)
    _value(forums, dt.date(2026, 12, 31), 1)
    _value(forums, dt.date(2027, 12, 31), 2)

    chart = trajectory_chart(forums, list(forums.values.all()), today=dt.date(2026, 11, 22))

    assert chart.plan_line == "56.0,228.0 624.0,35.3"  # 0 at the bottom left, 5 near the top right
    assert [label for _x, label in chart.x_ticks] == ["2026", "2027", "2028", "2029", "2030"]
    assert [(value, date) for _x, _y, value, date in chart.dots] == [
        ("1", "31/12/2026"),
        ("3", "31/12/2027"),
    ]
    assert chart.actual_line.count(" ") == 1
    assert chart.today_x is not None
    assert 56 < chart.today_x < 200
