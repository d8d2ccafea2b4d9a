"""Reads of the audit log."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from tdc.core.models import AuditEvent


def audit_events(
    *,
    action: str = "",
    actor: str = "",
    target_type: str = "",
    target_id: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if action:
        events = events.filter(action__startswith=action)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if target_type:
        events = events.filter(target_type=target_type)
    if target_id:
        events = events.filter(target_id=target_id)
    if since:
        events = events.filter(occurred_at__date__gte=since)
    if until:
        events = events.filter(occurred_at__date__lte=until)
    return events


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def audit_target_types() -> list[str]:
    return list(
        AuditEvent.objects.exclude(target_type="")
        .order_by("target_type")
        .values_list("target_type", flat=True)
        .distinct()
    )


def audit_actor_ids(*, action: str, target_type: str, target_id: int | str) -> frozenset[int]:
    """The users who did `action` on one record, as the audit log remembers them."""
    return frozenset(
        AuditEvent.objects.filter(
            action=action, target_type=target_type, target_id=str(target_id), actor__isnull=False
        ).values_list("actor_id", flat=True)
    )
