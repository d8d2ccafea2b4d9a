"""Indicators read: progress against the straight line to the target, and the trajectory chart."""

import datetime as dt
from decimal import Decimal

import pytest

from tdc.plans.queries.indicators import TrackStatus, indicator_progress, trajectory_chart
from tdc.plans.tests.factories import HANOI, indicator_value, make_indicator


@pytest.fixture(autouse=True)
def in_2026(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def plan(indicator_plan):
    return indicator_plan


def _progress(indicator):
    return indicator_progress(indicator, list(indicator.values.all()))


def test_a_cumulative_indicator_adds_up_its_periods_and_compares_with_the_straight_line(
    plan, officer
):
    forums = make_indicator(plan, officer)
    indicator_value(forums, dt.date(2026, 12, 31), 1)

    progress = _progress(forums)
    assert (progress.actual, progress.expected, progress.status) == (
        Decimal(1),
        Decimal("1.00"),
        TrackStatus.ON_TRACK,
    )

    indicator_value(forums, dt.date(2027, 12, 31), 0)
    assert _progress(forums).expected == Decimal("2.00")
    assert _progress(forums).status == TrackStatus.OFF_TRACK

    indicator_value(forums, dt.date(2028, 12, 31), 4)
    assert (_progress(forums).actual, _progress(forums).status) == (
        Decimal(5),
        TrackStatus.ACHIEVED,
    )


def test_a_level_indicator_reads_the_latest_value(plan, officer):
    share = make_indicator(
        plan,
        officer,
        name="100% cơ quan quán triệt",
        unit="%",
        comparator="=",
        target_value=100,
        baseline=20,
        aggregation="level",
    )
    indicator_value(share, dt.date(2026, 12, 31), 40)
    indicator_value(share, dt.date(2028, 12, 31), 60)

    progress = _progress(share)

    # 20% + 80 points × (3 years of 5) = 68%: 60% is behind.
    assert (progress.actual, progress.expected, progress.status) == (
        Decimal(60),
        Decimal("68.00"),
        TrackStatus.OFF_TRACK,
    )


def test_a_lower_is_better_indicator_is_on_track_below_the_line(plan, officer):
    defects = make_indicator(
        plan,
        officer,
        name="Tỷ lệ hàng kém chất lượng không quá 5%",
        unit="%",
        comparator="<=",
        target_value=5,
        baseline=15,
        aggregation="level",
    )
    indicator_value(defects, dt.date(2026, 12, 31), 12)

    assert _progress(defects).status == TrackStatus.ON_TRACK  # line: 13.01%
    indicator_value(defects, dt.date(2027, 12, 31), 14)
    assert _progress(defects).status == TrackStatus.OFF_TRACK
    indicator_value(defects, dt.date(2028, 12, 31), 4)
    assert _progress(defects).status == TrackStatus.ACHIEVED


def test_an_annual_indicator_must_be_met_every_year(plan, officer):
    surveys = make_indicator(
        plan,
        officer,
        name="Hằng năm khảo sát ít nhất 20 sản phẩm",
        unit="sản phẩm",
        target_value=20,
        aggregation="annual",
    )
    indicator_value(surveys, dt.date(2026, 12, 31), 25)
    assert _progress(surveys).status == TrackStatus.ON_TRACK

    indicator_value(surveys, dt.date(2027, 12, 31), 12)
    assert (_progress(surveys).actual, _progress(surveys).status) == (
        Decimal(12),
        TrackStatus.OFF_TRACK,
    )


def test_an_indicator_without_values_says_so(plan, officer):
    assert _progress(make_indicator(plan, officer)).status == TrackStatus.NO_DATA


def test_the_trajectory_chart_spans_baseline_to_deadline(plan, officer):
    forums = make_indicator(plan, officer)
    indicator_value(forums, dt.date(2026, 12, 31), 1)
    indicator_value(forums, dt.date(2027, 12, 31), 2)

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
