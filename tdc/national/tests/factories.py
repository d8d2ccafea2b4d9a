"""The five seed plans (four provinces), imported as the demo does."""

from __future__ import annotations

import io

from tdc.national.queries import PlanSummary


def load_seed_plans() -> None:
    from tdc.plans.demo.plans import load

    load(io.StringIO())


def by_province(plans: list[PlanSummary]) -> dict[str, PlanSummary]:
    return {p.province: p for p in plans}
