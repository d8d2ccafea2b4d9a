"""What the capacity app contributes to shared pages and jobs (called from `apps.py`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def _sees_registers(user: Any) -> bool:
    from tdc.accounts.capabilities import Capability, can

    return can(user, Capability.VIEW_CAPACITY)


def _home_panel(request: HttpRequest) -> dict[str, Any] | None:
    from django.utils import timezone

    from tdc.capacity.access import equipment_visible_to, standards_visible_to
    from tdc.capacity.queries import due_for_calibration

    if not _sees_registers(request.user):
        return None
    today = timezone.localdate()
    due = due_for_calibration(equipment_visible_to(request.user), today=today).count()
    due += due_for_calibration(standards_visible_to(request.user), today=today).count()
    return {"calibration_due": due}


def register() -> None:
    from tdc.capacity import jobs
    from tdc.capacity.metrics import register_capacity_metrics
    from tdc.core.registry import (
        DemoStep,
        HomePanel,
        NavItem,
        PeriodicJob,
        register_demo,
        register_home_panel,
        register_nav,
        register_periodic,
    )

    register_capacity_metrics()
    from tdc.core.registry import NavGroup, register_nav_group

    register_nav_group(NavGroup(key="quality", label=_("Chất lượng"), order=45))
    register_nav(
        NavItem(
            label=_("Năng lực"),
            url_name="capacity:overview",
            group="quality",
            order=45,
            visible=_sees_registers,
        )
    )
    register_home_panel(
        HomePanel(template="capacity/home_panel.html", context=_home_panel, order=45)
    )
    register_periodic(
        PeriodicJob(
            name="capacity.create_yearly_days",
            enqueue=jobs.create_yearly_days.enqueue,
            every_seconds=24 * 3600,
        )
    )
    register_periodic(
        PeriodicJob(
            name="capacity.send_calibration_reminders",
            enqueue=jobs.send_calibration_reminders.enqueue,
            every_seconds=24 * 3600,
        )
    )
    # After the plans demo (90): its targets are then linked to the capacity figures.
    register_demo(DemoStep(name="capacity", load="tdc.capacity.demo.load", order=95))
