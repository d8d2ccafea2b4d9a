"""The tasks API (/api/v1/plans/{pk}/targets, /{pk}/assignments, /{pk}/tasks, tasks/{pk}/…):
a plan's targets, who does each task, and DoST's changes to the tasks, through the same doors
(`get_monitored_plan_for_user`, `get_managed_*`) and services (`tdc.plans.services.assignments`)
as the assignment pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status

from tdc.accounts.models import Organisation
from tdc.plans.access import (
    get_managed_plan_for_user,
    get_managed_task_for_user,
    get_monitored_plan_for_user,
    get_plan_for_user,
)
from tdc.plans.api.common import caller, guard
from tdc.plans.api.plans import TargetOut
from tdc.plans.models import Plan, Task, TaskGroup
from tdc.plans.queries.assignments import (
    assignable_organisations,
    assignment_status,
    assignments_by_task,
    combined_task_status,
)
from tdc.plans.services import assignments

router = Router(tags=["plans"])


class PlanAssignmentOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    role: str
    due_date: dt.date | None
    completed_on: dt.date | None
    status: str


class PlanTaskAssignmentsOut(Schema):
    task_id: int
    number: str
    content: str
    is_active: bool
    split_from_id: int | None
    status: str
    assignments: list[PlanAssignmentOut]


class PlanTaskIn(Schema):
    content: str
    leads: list[int]
    partners: list[int] = []
    group_id: int | None = None
    number: str = ""
    timeline: str = ""
    due_date: dt.date | None = None
    funding: str = ""


class PlanTaskPatchIn(Schema):
    content: str | None = None
    number: str | None = None
    timeline: str | None = None
    due_date: dt.date | None = None
    funding: str | None = None


class PlanReassignIn(Schema):
    leads: list[int]
    partners: list[int] = []


class PlanSplitIn(Schema):
    parts: list[str]


def _organisations(plan: Plan, ids: Sequence[int]) -> list[Organisation]:
    """The organisations of the plan's province that may receive a task; 422 for any other."""
    found = {o.pk: o for o in assignable_organisations(plan).filter(pk__in=list(ids))}
    if len(found) != len(set(ids)):
        raise ValidationError("Có đơn vị không thuộc tỉnh của kế hoạch hoặc không nhận việc được.")
    return [found[pk] for pk in dict.fromkeys(ids)]


def _rows(tasks: list[Task]) -> list[dict[str, Any]]:
    today = timezone.localdate()
    grouped = assignments_by_task(task.pk for task in tasks)
    rows = []
    for task in tasks:
        active = grouped.get(task.pk, [])
        rows.append(
            {
                "task_id": task.pk,
                "number": task.number,
                "content": task.content,
                "is_active": task.is_active,
                "split_from_id": task.split_from_id,
                "status": combined_task_status(task, active, today).value,
                "assignments": [
                    {
                        "id": a.pk,
                        "organisation_id": a.organisation_id,
                        "organisation": a.organisation.name,
                        "role": a.role,
                        "due_date": a.due_date,
                        "completed_on": a.completed_on,
                        "status": assignment_status(a, today).value,
                    }
                    for a in active
                ],
            }
        )
    return rows


@router.get("/{int:pk}/targets", response=list[TargetOut])
def list_plan_targets(request: HttpRequest, pk: int) -> list[Any]:
    """The plan's targets as imported (each one is followed as an indicator: see indicators)."""
    return list(get_plan_for_user(request.user, pk).targets.order_by("position", "pk"))


@router.get("/{int:pk}/assignments", response=list[PlanTaskAssignmentsOut])
def list_plan_assignments(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    """Every task of the plan with who leads it, who partners it and its status (monitors)."""
    plan = get_monitored_plan_for_user(request.user, pk)
    tasks = list(Task.objects.filter(plan=plan).order_by("position", "pk"))
    return _rows(tasks)


@router.post("/{int:pk}/tasks", response={201: PlanTaskAssignmentsOut})
def create_plan_task(request: HttpRequest, pk: int, payload: PlanTaskIn) -> Status[Any]:
    """Add a task the plan document did not have (the plan's TĐC officers)."""
    plan = get_managed_plan_for_user(request.user, pk)
    user = caller(request)
    group = None
    if payload.group_id is not None:
        group = TaskGroup.objects.filter(plan=plan, pk=payload.group_id).first()
        if group is None:
            raise ValidationError("Nhóm nhiệm vụ không thuộc kế hoạch này.")
    task = guard(
        lambda: assignments.create_task(
            plan,
            by=user,
            content=payload.content,
            leads=_organisations(plan, payload.leads),
            partners=_organisations(plan, payload.partners),
            group=group,
            number=payload.number,
            timeline=payload.timeline,
            due_date=payload.due_date,
            funding=payload.funding,
        )
    )
    return Status(201, _rows([task])[0])


@router.patch("/tasks/{int:pk}", response=PlanTaskAssignmentsOut)
def update_plan_task(request: HttpRequest, pk: int, payload: PlanTaskPatchIn) -> dict[str, Any]:
    """Change a task's wording, timeline, deadline or funding (the audit keeps old and new)."""
    task = get_managed_task_for_user(request.user, pk)
    user = caller(request)
    values = payload.model_dump(exclude_unset=True)
    values = {k: v for k, v in values.items() if v is not None or k == "due_date"}
    guard(lambda: assignments.update_task(task, by=user, **values))
    return _rows([task])[0]


@router.post("/tasks/{int:pk}/reassign", response=PlanTaskAssignmentsOut)
def reassign_plan_task(request: HttpRequest, pk: int, payload: PlanReassignIn) -> dict[str, Any]:
    task = get_managed_task_for_user(request.user, pk)
    user = caller(request)
    guard(
        lambda: assignments.reassign_task(
            task,
            by=user,
            leads=_organisations(task.plan, payload.leads),
            partners=_organisations(task.plan, payload.partners),
        )
    )
    return _rows([task])[0]


@router.post("/tasks/{int:pk}/split", response=list[PlanTaskAssignmentsOut])
def split_plan_task(request: HttpRequest, pk: int, payload: PlanSplitIn) -> list[dict[str, Any]]:
    """Split a task into parts with the same units; the original stays, inactive."""
    task = get_managed_task_for_user(request.user, pk)
    user = caller(request)
    parts = guard(lambda: assignments.split_task(task, by=user, parts=payload.parts))
    return _rows(parts)
