"""The door of the national view: the Ministry (and the administrator), who see every province.

The capability is checked by each view's decorator; the plans behind the comparison come
through the plans app's own door (`plans_visible_to`), so a province's plan reaches the
national view only if its viewer may read it anyway."""

from __future__ import annotations

from django.http import Http404

from tdc.national.queries import PlanSummary, ProvinceFigures


def province_in(rows: list[ProvinceFigures], province_id: int) -> ProvinceFigures:
    for row in rows:
        if row.province_id == province_id:
            return row
    raise Http404


def chosen_plans(plans: list[PlanSummary], province_ids: list[int]) -> list[PlanSummary]:
    """The provinces to compare (all when none is chosen); an unknown one is simply not shown."""
    if not province_ids:
        return plans
    return [p for p in plans if p.province_id in province_ids]
