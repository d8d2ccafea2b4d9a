"""Indicators (writes): targets tracked to their deadline, with values entered or computed
(progress and the trajectory chart are read in `tdc.plans.queries.indicators`).

Each parsed `Target` of a plan becomes an `Indicator`; a TĐC officer may add more. A value is
either entered with its source, or computed from a metric registered in `tdc.core.metrics` by
the app that owns the records (see `tdc/plans/metrics.py` for this app's own).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import changes_between, edit_with_audit, record, snapshot
from tdc.core.metrics import MetricScope, compute_metric, get_metric
from tdc.plans.access import require_officer
from tdc.plans.models import Indicator, IndicatorValue, Plan, Target
from tdc.plans.queries.indicators import suggested_metric, target_aggregation, target_deadline

Comparator = Target.Comparator
Aggregation = Indicator.Aggregation
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


# --- From targets --------------------------------------------------------------------------


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
            metric_key=target.metric_key
            if get_metric(target.metric_key)
            else suggested_metric(target.text, target.unit),
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
    edit_with_audit(
        indicator,
        by=by,
        fields=INDICATOR_FIELDS,
        values=values,
        action="indicator.updated",
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
