"""Template helpers: what a user's menu offers (the same questions the door asks)."""

from __future__ import annotations

from django import template

from tdc.accounts.http import AnyUser
from tdc.surveillance import access

register = template.Library()


@register.filter
def sees_province_records(user: AnyUser) -> bool:
    return access.can_see_province_records(user)


@register.filter
def manages_surveillance(user: AnyUser) -> bool:
    return access.can_manage(user)


@register.filter
def channel_labels(codes: list[str]) -> str:
    from tdc.surveillance.models import Establishment

    labels = dict(Establishment.Channel.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or []) or "—"


@register.filter
def criterion_limit(criterion: object) -> str:
    """ "≤ 50 mg/kg", "≥ 92 RON", "6,5 – 8,5 %"."""
    from tdc.surveillance.rules.measurements import limit_text

    return limit_text(
        getattr(criterion, "limit_min", None),
        getattr(criterion, "limit_max", None),
        str(getattr(criterion, "unit", "")),
    )
