"""Plan tasks that other apps link their own work to (a standards project to the task of the
plan that asks for it), read by id without reaching into the plans' models from outside."""

from __future__ import annotations

from dataclasses import dataclass

from tdc.core.text import shorten
from tdc.plans.models import Task


@dataclass(frozen=True)
class LinkedTask:
    pk: int
    label: str  # "Kế hoạch 12/KH-UBND — 2.3. Xây dựng quy chuẩn …"
    url: str
    province_id: int


def _linked(task: Task) -> LinkedTask:
    number = f"{task.number}. " if task.number else ""
    plan = task.plan.doc_number or shorten(task.plan.title, 60)
    return LinkedTask(
        task.pk, f"{plan} — {number}{task.content}", task.get_absolute_url(), task.plan.province_id
    )


def linkable_tasks(province_id: int, *, limit: int = 500) -> list[LinkedTask]:
    """The active tasks of the province's plans, plan by plan, in the plan's order."""
    tasks = (
        Task.objects.filter(plan__province_id=province_id, is_active=True)
        .select_related("plan")
        .order_by("-plan__year", "plan_id", "position", "pk")[:limit]
    )
    return [_linked(task) for task in tasks]


def linked_task(task_id: int) -> LinkedTask | None:
    task = Task.objects.select_related("plan").filter(pk=task_id).first()
    return _linked(task) if task is not None else None
