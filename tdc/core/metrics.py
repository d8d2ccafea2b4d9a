"""The registry of named metrics that indicators can be computed from.

Each domain app registers the figures it can compute from its own records (in its
`AppConfig.ready()`); the plans app evaluates them for an indicator's province and period.
Core knows no domain: it only keeps the registry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from tdc.core.text import fold


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
    # How a plan's target names this figure: regular expressions over the target's folded text
    # (lower case, no accents, see `tdc.core.text.fold`), e.g. r"lop (dao tao|tap huan)". A
    # target matching one of them is proposed for this metric on import; the officer decides.
    wording: tuple[str, ...] = ()

    def matches(self, target_text: str) -> bool:
        folded = fold(target_text)
        return any(re.search(pattern, folded) for pattern in self.wording)


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


def units_agree(metric_unit: str, target_unit: str) -> bool:
    """Whether a target counted in `target_unit` can be measured by a metric counted in
    `metric_unit`: the same unit, accents and case aside, or one naming the other's noun
    ("thiết bị" and "trang thiết bị", "lượt" and "lượt người"). A share ("%") agrees only with
    a share."""
    metric, target = _unit_key(metric_unit), _unit_key(target_unit)
    if not metric or not target:
        return False
    if "%" in (metric, target):
        return metric == target
    return (
        metric == target
        or metric.endswith(f" {target}")
        or target.endswith(f" {metric}")
        or (metric.startswith(f"{target} ") or target.startswith(f"{metric} "))
    )


def _unit_key(unit: str) -> str:
    return " ".join(fold(unit).split())


def metrics_matching(target_text: str, unit: str | None = None) -> list[Metric]:
    """The metrics whose wording a target's text matches, best first; given the target's
    unit ("%", "lớp", "diễn đàn", …), only the metrics counted in a unit that agrees with it
    (`units_agree`): a share is never proposed for a count, nor a count of classes for a count
    of forums.

    A target names what it counts early, right after its number ("ít nhất 30 lớp tập huấn …
    về …, truy xuất nguồn gốc"): the metric matched earliest comes first, the longest match
    breaking ties."""
    folded = fold(target_text)
    scored: list[tuple[int, int, str, Metric]] = []
    for metric in _METRICS.values():
        if unit is not None and not units_agree(metric.unit, unit):
            continue
        found = [m for p in metric.wording if (m := re.search(p, folded))]
        if found:
            best = min(found, key=lambda m: (m.start(), -(m.end() - m.start())))
            scored.append((best.start(), -(best.end() - best.start()), metric.key, metric))
    return [metric for *_, metric in sorted(scored)]
