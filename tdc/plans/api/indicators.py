"""The indicators API (/api/v1/plans/indicators/…): the same door and services as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from tdc.plans.access import (
    get_indicator_for_user,
    indicators_visible_to,
)
from tdc.plans.api.common import caller, guard
from tdc.plans.models import Indicator, IndicatorValue
from tdc.plans.queries.indicators import indicator_progress
from tdc.plans.services import indicators

router = Router(tags=["plans"])


class IndicatorOut(Schema):
    id: int
    plan_id: int
    name: str
    unit: str
    comparator: str
    target_value: Decimal
    baseline: Decimal | None
    deadline: dt.date
    aggregation: str
    metric_key: str
    actual: Decimal | None
    expected: Decimal | None
    as_of: dt.date | None
    status: str


class IndicatorValueIn(Schema):
    period_start: dt.date
    period_end: dt.date
    value: Decimal
    source: str


class IndicatorValueOut(Schema):
    id: int
    period_start: dt.date
    period_end: dt.date
    value: Decimal
    source: str
    is_computed: bool


def _indicator_out(indicator: Indicator) -> dict[str, Any]:
    progress = indicator_progress(indicator, list(indicator.values.all()))
    return {
        "id": indicator.pk,
        "plan_id": indicator.plan_id,
        "name": indicator.name,
        "unit": indicator.unit,
        "comparator": indicator.comparator,
        "target_value": indicator.target_value,
        "baseline": indicator.baseline,
        "deadline": indicator.deadline,
        "aggregation": indicator.aggregation,
        "metric_key": indicator.metric_key,
        "actual": progress.actual,
        "expected": progress.expected,
        "as_of": progress.as_of,
        "status": progress.status.value,
    }


@router.get("/indicators/", response=list[IndicatorOut])
@paginate
def list_indicators(request: HttpRequest, plan: int | None = None) -> list[dict[str, Any]]:
    items: QuerySet[Indicator] = indicators_visible_to(request.user).prefetch_related("values")
    if plan is not None:
        items = items.filter(plan_id=plan)
    return [_indicator_out(item) for item in items.order_by("plan_id", "position", "pk")]


@router.get("/indicators/{pk}", response=IndicatorOut)
def get_indicator(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _indicator_out(get_indicator_for_user(request.user, pk))


@router.post("/indicators/{pk}/values", response=IndicatorValueOut)
def record_indicator_value(
    request: HttpRequest, pk: int, payload: IndicatorValueIn
) -> IndicatorValue:
    indicator = get_indicator_for_user(request.user, pk)
    user = caller(request)
    return guard(
        lambda: indicators.record_indicator_value(indicator, by=user, **payload.model_dump())
    )
