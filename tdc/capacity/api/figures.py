"""The capacity figures over JSON: what the plans' targets compute from, for the caller's
province (the country for those who see every province)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from tdc.capacity.api.common import reader
from tdc.capacity.metrics import METRICS
from tdc.capacity.views.common import PLANS_START, scope_for_user
from tdc.core.metrics import MetricScope

router = Router(tags=["capacity"])


class CapacityFigureOut(Schema):
    key: str
    label: str
    unit: str
    value: Decimal | None
    start: dt.date
    end: dt.date


@router.get("/figures", response=list[CapacityFigureOut])
def list_figures(
    request: HttpRequest, start: dt.date = PLANS_START, end: dt.date | None = None
) -> list[dict[str, object]]:
    """Every capacity figure for the caller's province (the country for those who see every
    province), from `start` to `end` (today by default)."""
    user = reader(request)
    end = end or timezone.localdate()
    if end < start:
        raise HttpError(422, "Ngày kết thúc không được trước ngày bắt đầu.")
    base = scope_for_user(user)
    scope = MetricScope(base.province_id, start, end)
    return [
        {
            "key": m.key,
            "label": m.label,
            "unit": m.unit,
            "value": m.compute(scope),
            "start": start,
            "end": end,
        }
        for m in METRICS
    ]
