"""`{% load capacity %}{% report_events report %}`: the events a progress report points at,
for the plans' report page (one line there; the link itself lives in capacity)."""

from __future__ import annotations

from typing import Any

from django import template

from tdc.capacity.access import events_visible_to
from tdc.capacity.queries import events_of_report

register = template.Library()


@register.inclusion_tag("capacity/_report_events.html", takes_context=True)
def report_events(context: dict[str, Any], report: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    events = events_of_report(report.pk).filter(pk__in=events_visible_to(user).values("pk"))
    return {"events": list(events), "report": report}
