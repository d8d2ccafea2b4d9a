"""Indicators: targets tracked to their deadline, with values entered or computed, a trajectory
chart and an on-track flag.

Each parsed `Target` of a plan becomes an `Indicator`; a TĐC officer may add more. A value is
either entered with its source, or computed from a metric registered in `tdc.core.metrics` by
the app that owns the records (see `tdc/plans/metrics.py` for this app's own).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.accounts.models import User
from tdc.core.audit import changes_between, record, snapshot
from tdc.core.metrics import MetricScope, compute_metric, get_metric
from tdc.core.text import fold
from tdc.plans.access import require_officer
from tdc.plans.models import Indicator, IndicatorValue, Plan, Target

Comparator = Target.Comparator
Aggregation = Indicator.Aggregation
DEFAULT_HORIZON = 2030  # Directive 38-CT/TW and Decision 1703/QĐ-TTg run to 2030
INDICATOR_FIELDS = (
    "name",
    "unit",
    "comparator",
    "target_value",
    "baseline",
    "baseline_date",
    "deadline",
    "aggregation",
    "metric_key",
    "source_note",
)


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


# --- From targets --------------------------------------------------------------------------


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
    """The metric this app computes for a target, when the wording clearly matches one."""
    key = fold(text)
    if unit.strip() == "%" and ("quan triet" in key or "tuyen truyen" in key):
        return "plans.dissemination_reporting_share"
    return ""


def _plan_start(plan: Plan) -> dt.date:
    year = plan.year or (plan.doc_date.year if plan.doc_date else timezone.localdate().year)
    return dt.date(year, 1, 1)


@transaction.atomic
def sync_indicators(plan: Plan, *, by: User | None) -> int:
    """Create an indicator for every target of the plan that has none (idempotent)."""
    targets = Target.objects.filter(plan=plan, indicator__isnull=True).order_by("position", "pk")
    last = Indicator.objects.filter(plan=plan).aggregate(p=Max("position"))["p"] or 0
    created = 0
    for target in targets:
        last += 1
        indicator = Indicator(
            plan=plan,
            target=target,
            name=target.text,
            unit=target.unit,
            comparator=target.comparator,
            target_value=target.value,
            baseline_date=_plan_start(plan),
            deadline=target_deadline(target),
            aggregation=target_aggregation(target),
            metric_key=suggested_metric(target.text, target.unit),
            source_note=_("Chỉ tiêu của kế hoạch"),
            position=last,
        )
        indicator.full_clean()
        indicator.save()
        record(
            actor=by,
            action="indicator.created",
            target=indicator,
            data={"values": snapshot(indicator, INDICATOR_FIELDS), "target": target.pk},
            organisation_id=plan.owner_id,
        )
        created += 1
    return created


def _check_metric(key: str) -> None:
    if key and get_metric(key) is None:
        raise ValidationError(
            {"metric_key": _("Không có chỉ số tự động tên “%(key)s”.") % {"key": key}}
        )


@transaction.atomic
def create_indicator(plan: Plan, *, by: User, **values: Any) -> Indicator:
    """An indicator the officer adds (e.g. from the national plan), not parsed from a target."""
    require_officer(by, plan)
    _check_metric(values.get("metric_key", ""))
    last = Indicator.objects.filter(plan=plan).aggregate(p=Max("position"))["p"] or 0
    unknown = set(values) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Unknown indicator fields {sorted(unknown)}")
    indicator = Indicator(plan=plan, position=last + 1, **values)
    if indicator.baseline_date is None:
        indicator.baseline_date = _plan_start(plan)
    indicator.full_clean()
    indicator.save()
    record(
        actor=by,
        action="indicator.created",
        target=indicator,
        data={"values": snapshot(indicator, INDICATOR_FIELDS)},
        organisation_id=plan.owner_id,
    )
    return indicator


@transaction.atomic
def update_indicator(indicator: Indicator, *, by: User, **values: Any) -> Indicator:
    require_officer(by, indicator.plan)
    _check_metric(values.get("metric_key", indicator.metric_key))
    before = snapshot(indicator, INDICATOR_FIELDS)
    for field, value in values.items():
        if field not in INDICATOR_FIELDS:
            raise ValueError(f"Unknown indicator field {field!r}")
        setattr(indicator, field, value)
    indicator.full_clean()
    indicator.save()
    changes = changes_between(before, snapshot(indicator, INDICATOR_FIELDS))
    if changes:
        record(
            actor=by,
            action="indicator.updated",
            target=indicator,
            data={"changes": changes},
            organisation_id=indicator.plan.owner_id,
        )
    return indicator


@transaction.atomic
def record_indicator_value(
    indicator: Indicator,
    *,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    source: str,
    by: User,
) -> IndicatorValue:
    """A TĐC officer enters (or corrects) the actual value for a period; the source is required."""
    require_officer(by, indicator.plan)
    return _store_value(
        indicator,
        period_start=period_start,
        period_end=period_end,
        value=value,
        source=source,
        by=by,
    )


def _store_value(
    indicator: Indicator,
    *,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    source: str,
    by: User | None,
    is_computed: bool = False,
) -> IndicatorValue:
    if not source.strip():
        raise ValidationError({"source": _("Cần ghi nguồn số liệu.")})
    if period_end < period_start:
        raise ValidationError(_("Ngày kết thúc kỳ không được trước ngày bắt đầu."))
    existing = IndicatorValue.objects.filter(indicator=indicator, period_end=period_end).first()
    before = snapshot(existing, ("period_start", "value", "source")) if existing else None
    item = existing or IndicatorValue(indicator=indicator, period_end=period_end)
    item.period_start = period_start
    item.value = value
    item.source = source.strip()
    item.is_computed = is_computed
    item.entered_by = by
    item.full_clean()
    after = snapshot(item, ("period_start", "value", "source"))
    if before is not None and not changes_between(before, after):
        return item  # the same value again (a recomputation): nothing to record
    item.save()
    record(
        actor=by,
        action="indicator.value_recorded" if before is None else "indicator.value_changed",
        target=indicator,
        data={
            "period_end": period_end,
            **({"changes": changes_between(before, after)} if before else {"values": after}),
        },
        organisation_id=indicator.plan.owner_id,
    )
    return item


def compute_indicator_value(
    indicator: Indicator, *, period_start: dt.date, period_end: dt.date, by: User
) -> IndicatorValue | None:
    """A TĐC officer computes the period's value from the indicator's metric; None when it has
    nothing to count."""
    require_officer(by, indicator.plan)
    return _compute(indicator, period_start=period_start, period_end=period_end, by=by)


@transaction.atomic
def _compute(
    indicator: Indicator, *, period_start: dt.date, period_end: dt.date, by: User | None
) -> IndicatorValue | None:
    metric = get_metric(indicator.metric_key) if indicator.metric_key else None
    if metric is None:
        raise ValidationError(_("Chỉ tiêu này không có cách tính tự động."))
    value = compute_metric(
        metric.key,
        MetricScope(province_id=indicator.plan.province_id, start=period_start, end=period_end),
    )
    if value is None:
        return None
    return _store_value(
        indicator,
        period_start=period_start,
        period_end=period_end,
        value=value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        source=_("Tính tự động: %(label)s") % {"label": metric.label},
        by=by,
        is_computed=True,
    )


def compute_plan_indicators(plan: Plan, *, year: int, by: User | None) -> int:
    """Compute every metric-backed indicator of the plan for a year; returns how many got values.

    `by` None is the system (the demo, a scheduled job); a person must manage the plan."""
    if by is not None:
        require_officer(by, plan)
    count = 0
    for indicator in Indicator.objects.filter(plan=plan).exclude(metric_key=""):
        if get_metric(indicator.metric_key) is None:
            continue
        value = _compute(
            indicator, period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31), by=by
        )
        count += value is not None
    return count


# --- Progress and trajectory ----------------------------------------------------------------


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
