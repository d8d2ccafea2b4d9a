"""The registry of named metrics that indicators can be computed from.

Each domain app registers the figures it can compute from its own records (in its
`AppConfig.ready()`); the plans app evaluates them for an indicator's province and period.
Core knows no domain: it only keeps the registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class MetricScope:
    """Where and when to compute: a province (None: the whole country) and a closed period."""

    province_id: int | None
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Metric:
    key: str  # "<app>.<name>", e.g. "complaints.handled_share"
    label: str  # Vietnamese, shown to users
    unit: str  # "%", "lớp", "phương tiện", …
    compute: Callable[[MetricScope], Decimal | None]
    description: str = ""


_METRICS: dict[str, Metric] = {}


def register_metric(metric: Metric) -> None:
    _METRICS[metric.key] = metric


def get_metric(key: str) -> Metric | None:
    return _METRICS.get(key)


def all_metrics() -> list[Metric]:
    return sorted(_METRICS.values(), key=lambda m: m.key)


def compute_metric(key: str, scope: MetricScope) -> Decimal | None:
    """The metric's value, or None when it is unknown or has nothing to count."""
    metric = _METRICS.get(key)
    if metric is None:
        return None
    return metric.compute(scope)
