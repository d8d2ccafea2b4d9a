"""What plans contribute to the home page: the panel of my tasks."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from tdc.accounts.models import User
from tdc.core.registry import HomePanel, register_home_panel


def _my_tasks_panel(request: HttpRequest) -> dict[str, Any] | None:
    from tdc.plans.queries.assignments import TaskStatus
    from tdc.plans.queries.notifications import unread_count
    from tdc.plans.queries.reporting import my_assignments

    user = request.user
    if not isinstance(user, User) or not user.is_authenticated or user.organisation_id is None:
        return None
    mine = my_assignments(user, today=timezone.localdate())
    unread = unread_count(user)
    if not mine.rows and not unread:
        return None
    return {
        "tasks": len(mine.rows),
        "overdue": mine.counts.get(TaskStatus.OVERDUE, 0),
        "next_deadline": mine.next_deadline,
        "open_reports": mine.open_reports,
        "unread": unread,
    }


def register() -> None:
    register_home_panel(
        HomePanel(template="plans/my_tasks_panel.html", context=_my_tasks_panel, order=10)
    )
