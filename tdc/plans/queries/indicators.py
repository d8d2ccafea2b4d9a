"""Reads about indicators: where a target's deadline falls, progress against the trajectory (achieved, on track, off track), and the trajectory chart's geometry."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tdc.core.metrics import metrics_matching
from tdc.core.text import fold
from tdc.plans.models import Indicator, IndicatorValue, Target

Comparator = Target.Comparator
Aggregation = Indicator.Aggregation

DEFAULT_HORIZON = 2030  # Directive 38-CT/TW and Decision 1703/QĐ-TTg run to 2030


class TrackStatus(TextChoices):
    ACHIEVED = "achieved", gettext_lazy("Đã đạt chỉ tiêu")
    ON_TRACK = "on_track", gettext_lazy("Đúng lộ trình")
    OFF_TRACK = "off_track", gettext_lazy("Chậm so với lộ trình")
    NO_DATA = "no_data", gettext_lazy("Chưa có số liệu")


TRACK_BADGE = {
    TrackStatus.ACHIEVED: "text-bg-success",
    TrackStatus.ON_TRACK: "text-bg-primary",
    TrackStatus.OFF_TRACK: "text-bg-danger",
    TrackStatus.NO_DATA: "text-bg-secondary",
}


def target_deadline(target: Target) -> dt.date:
    """ "by 2030" → 31/12/2030; a period naming a year → that year's end; otherwise 2030."""
    found = re.search(r"(20\d\d)", target.period or "")
    year = int(found.group(1)) if found else DEFAULT_HORIZON
    return dt.date(year, 12, 31)


def target_aggregation(target: Target) -> str:
    if fold(target.period or "") in ("annual", "hang nam", "hằng năm"):
        return Aggregation.ANNUAL
    if target.unit.strip() == "%":
        return Aggregation.LEVEL
    return Aggregation.CUMULATIVE


def suggested_metric(text: str, unit: str) -> str:
    """The platform figure a target's wording names (`Metric.wording`, most specific first,
    of a unit that agrees, `units_agree`), else this app's dissemination share for "quán
    triệt … %" targets."""
    found = metrics_matching(text, unit)
    if found:
        return found[0].key
    key = fold(text)
    if unit.strip() == "%" and ("quan triet" in key or "tuyen truyen" in key):
        return "plans.dissemination_reporting_share"
    return ""


@dataclass(frozen=True)
class IndicatorProgress:
    actual: Decimal | None
    expected: Decimal | None
    as_of: dt.date | None
    status: TrackStatus

    @property
    def badge(self) -> str:
        return TRACK_BADGE[self.status]


def higher_is_better(indicator: Indicator) -> bool:
    if indicator.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return False
    return indicator.target_value >= (indicator.baseline or Decimal(0))


def meets(value: Decimal, goal: Decimal, comparator: str, *, higher: bool) -> bool:
    if comparator == Comparator.AT_LEAST:
        return value >= goal
    if comparator == Comparator.MORE_THAN:
        return value > goal
    if comparator == Comparator.AT_MOST:
        return value <= goal
    if comparator == Comparator.LESS_THAN:
        return value < goal
    return value >= goal if higher else value <= goal


def series(indicator: Indicator, values: list[IndicatorValue]) -> list[tuple[dt.date, Decimal]]:
    """(period end, value to plot): running totals for a cumulative indicator."""
    ordered = sorted(values, key=lambda v: v.period_end)
    points = []
    total = Decimal(0)
    for item in ordered:
        total += item.value
        points.append(
            (
                item.period_end,
                total if indicator.aggregation == Aggregation.CUMULATIVE else item.value,
            )
        )
    return points


def expected_at(indicator: Indicator, day: dt.date) -> Decimal:
    """Where the straight line from the baseline to the target stands on `day`."""
    if indicator.aggregation == Aggregation.ANNUAL:
        return indicator.target_value
    start = indicator.baseline_date or indicator.plan.created_at.date()
    base = indicator.baseline or Decimal(0)
    if day >= indicator.deadline or indicator.deadline <= start:
        return indicator.target_value
    if day <= start:
        return base
    share = Decimal((day - start).days) / Decimal((indicator.deadline - start).days)
    return (base + (indicator.target_value - base) * share).quantize(Decimal("0.01"))


def indicator_progress(indicator: Indicator, values: list[IndicatorValue]) -> IndicatorProgress:
    """The latest actual value against the trajectory: achieved, on track, off track, no data."""
    points = series(indicator, values)
    if not points:
        return IndicatorProgress(None, None, None, TrackStatus.NO_DATA)
    as_of, actual = points[-1]
    higher = higher_is_better(indicator)
    expected = expected_at(indicator, as_of)
    if indicator.aggregation != Aggregation.ANNUAL and meets(
        actual, indicator.target_value, indicator.comparator, higher=higher
    ):
        status = TrackStatus.ACHIEVED
    elif meets(
        actual, expected, Comparator.AT_LEAST if higher else Comparator.AT_MOST, higher=higher
    ):
        status = TrackStatus.ON_TRACK
    else:
        status = TrackStatus.OFF_TRACK
    return IndicatorProgress(actual, expected, as_of, status)


@dataclass(frozen=True)
class Chart:
    """Server-side SVG geometry for the trajectory chart (rendered by a template, CSP-safe)."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    plan_line: str  # "x1,y1 x2,y2": baseline → target
    actual_line: str
    dots: list[tuple[float, float, str, str]]  # x, y, value label, date label
    target_y: float
    target_label: str
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    today_x: float | None

    @property
    def x_end(self) -> int:
        return self.width - self.right

    @property
    def y_end(self) -> int:
        return self.height - self.bottom


def _number(value: Decimal) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u2009")


def trajectory_chart(
    indicator: Indicator, values: list[IndicatorValue], *, today: dt.date | None = None
) -> Chart:
    today = today or timezone.localdate()
    width, height, left, right, top, bottom = 640, 260, 56, 16, 16, 32
    start = indicator.baseline_date or indicator.plan.created_at.date()
    end = max(indicator.deadline, start + dt.timedelta(days=1))
    points = series(indicator, values)
    base = indicator.baseline or Decimal(0)
    top_value = max([indicator.target_value, base, *[v for _d, v in points]]) or Decimal(1)
    ceiling = float(top_value) * 1.1
    span_days = (end - start).days

    def x(day: dt.date) -> float:
        day = min(max(day, start), end)
        return round(left + (width - left - right) * (day - start).days / span_days, 1)

    def y(value: Decimal) -> float:
        return round(top + (height - top - bottom) * (1 - float(value) / ceiling), 1)

    if indicator.aggregation == Aggregation.ANNUAL:
        plan_line = f"{x(start)},{y(indicator.target_value)} {x(end)},{y(indicator.target_value)}"
    else:
        plan_line = f"{x(start)},{y(base)} {x(end)},{y(indicator.target_value)}"
    years = range(start.year, end.year + 1)
    step = max(1, len(years) // 8)
    x_ticks = [
        (x(dt.date(year, 1, 1) if year > start.year else start), str(year))
        for year in years[::step]
    ]
    y_ticks = [
        (y(Decimal(str(ceiling * i / 4))), _number(Decimal(str(round(ceiling * i / 4, 2)))))
        for i in range(5)
    ]
    return Chart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        plan_line=plan_line,
        actual_line=" ".join(f"{x(d)},{y(v)}" for d, v in points),
        dots=[(x(d), y(v), _number(v), d.strftime("%d/%m/%Y")) for d, v in points],
        target_y=y(indicator.target_value),
        target_label=_number(indicator.target_value),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        today_x=x(today) if start <= today <= end else None,
    )
