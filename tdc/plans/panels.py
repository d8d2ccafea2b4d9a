"""What plan execution contributes to shared pages: navigation entries and a home panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.registry import HomePanel, NavItem, register_home_panel, register_nav


def _is_monitor(user: Any) -> bool:
    from tdc.plans.reporting_access import can_monitor

    return can_monitor(user)


def _my_tasks_panel(request: HttpRequest) -> dict[str, Any] | None:
    from tdc.plans.assignments import TaskStatus
    from tdc.plans.notifications import unread_count
    from tdc.plans.reporting_queries import my_assignments

    user: Any = request.user
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
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
    # The dashboard is for DoST and the read-only monitors; agencies use "Nhiệm vụ của tôi".
    register_nav(
        NavItem(
            label=_("Theo dõi, đôn đốc"), url_name="plans:dashboard", order=30, visible=_is_monitor
        )
    )
    register_nav(NavItem(label=_("Thông báo"), url_name="plans:notification_list", order=90))
    register_home_panel(
        HomePanel(template="plans/my_tasks_panel.html", context=_my_tasks_panel, order=10)
    )
