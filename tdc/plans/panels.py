"""What plans contribute to the home page: my tasks (whoever reports), and Directive 38's
progress for the DoST and the read-only monitors (leadership, the Ministry)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import User
from tdc.core.registry import HomePanel, register_home_panel


def _my_tasks_panel(request: HttpRequest) -> dict[str, Any] | None:
    from tdc.plans.queries.assignments import TaskStatus
    from tdc.plans.queries.notifications import unread_count
    from tdc.plans.queries.reporting import OPEN_STATES, my_assignments

    user = request.user
    if not isinstance(user, User) or not user.is_authenticated or user.organisation_id is None:
        return None
    if not (can(user, Capability.WRITE_REPORTS) or can(user, Capability.APPROVE_REPORTS)):
        return None
    today = timezone.localdate()
    mine = my_assignments(user, today=today)
    unread = unread_count(user)
    if not mine.rows and not unread:
        return None
    pending = [
        report.period.deadline
        for row in mine.rows
        for report in row.reports
        if report.state in OPEN_STATES
    ]
    ahead = [deadline for deadline in pending if deadline >= today]
    return {
        "tasks": len(mine.rows),
        "overdue": mine.counts.get(TaskStatus.OVERDUE, 0),
        # Never a past date called "next": late reports are counted apart.
        "next_deadline": min(ahead) if ahead else None,
        "due_next": sum(1 for deadline in ahead if deadline == min(ahead)) if ahead else 0,
        "late_reports": len(pending) - len(ahead),
        "open_reports": len(pending),
        "unread": unread,
    }


def _progress_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Directive 38 at a glance: the main current period's completeness and timeliness, what
    waits for DoST's review, overdue assignments, indicators on and off track."""
    from tdc.plans.access import can_monitor, plans_visible_to, sees_every_province
    from tdc.plans.models import Plan, ProgressReport, ReportingPeriod
    from tdc.plans.queries.indicators import TrackStatus, indicator_progress
    from tdc.plans.queries.monitoring import main_current_period, overdue_assignments, period_totals

    user = request.user
    if not isinstance(user, User) or not can_monitor(user):
        return None
    today = timezone.localdate()
    plans = plans_visible_to(user).filter(status=Plan.Status.ACTIVE)
    if not sees_every_province(user):
        plans = plans.filter(province_id=user.province_id or 0)
    plan_list = list(plans.select_related("province").order_by("-year", "-pk")[:20])
    if not plan_list:
        return None
    plan = plan_list[0]
    period = main_current_period(
        list(ReportingPeriod.objects.filter(plan=plan).order_by("-year", "deadline", "pk")), today
    )
    tracks = dict.fromkeys(TrackStatus.values, 0)
    for indicator in plan.indicators.prefetch_related("values"):
        tracks[indicator_progress(indicator, list(indicator.values.all())).status] += 1
    reviewing = can(user, Capability.REVIEW_REPORTS)
    waiting = (
        ProgressReport.objects.expected()
        .filter(
            period__plan__in=plan_list,
            state__in=[ProgressReport.State.SUBMITTED, ProgressReport.State.RESUBMITTED],
        )
        .count()
        if reviewing
        else None
    )
    return {
        "plan": plan,
        "plans": len(plan_list),
        "national": sees_every_province(user),
        "period": period,
        "totals": period_totals(period) if period is not None else None,
        "waiting_review": waiting,
        "overdue": overdue_assignments(plan, today=today).count(),
        "tracks": [(TrackStatus(value).label, value, n) for value, n in tracks.items()],
        "today": today,
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
        HomePanel(template="plans/progress_panel.html", context=_progress_panel, order=5)
    )
    register_home_panel(
        HomePanel(template="plans/my_tasks_panel.html", context=_my_tasks_panel, order=10)
    )
    register_home_panel(
        HomePanel(
            template="plans/dost_deadlines_panel.html", context=_dost_deadlines_panel, order=11
        )
    )
