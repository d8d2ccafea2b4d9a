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


def _dost_deadlines_panel(request: HttpRequest) -> dict[str, Any] | None:
    """DoST's own deadlines (its syntheses to the People's Committee and the Ministry), for the
    officers who manage the province's plans."""
    from tdc.accounts.capabilities import Capability, can
    from tdc.plans.models import Plan
    from tdc.plans.queries.periods import dost_deadlines

    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    if not can(user, Capability.MANAGE_PLANS) or user.organisation is None:
        return None
    province_id = user.organisation.province_id
    if province_id is None:
        return None
    today = timezone.localdate()
    plans = Plan.objects.filter(province_id=province_id, status=Plan.Status.ACTIVE)
    rows = [d for d in dost_deadlines(plans, today=today) if not d.done]
    if not rows:
        return None
    return {
        "rows": [
            {
                "deadline": row,
                "days_left": row.days_left(today),
                "overdue": row.due < today,
            }
            for row in rows[:6]
        ]
    }


def register() -> None:
    register_home_panel(
        HomePanel(template="plans/my_tasks_panel.html", context=_my_tasks_panel, order=10)
    )
    register_home_panel(
        HomePanel(
            template="plans/dost_deadlines_panel.html", context=_dost_deadlines_panel, order=11
        )
    )
