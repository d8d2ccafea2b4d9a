"""API for plan documents: the plans a user may see, and one plan with everything in it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from tdc.plans.access import get_plan_for_user, plans_visible_to
from tdc.plans.models import Plan, Task
from tdc.plans.queries.plans import plan_with_structure, search_plans, with_counts

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    province_id: int
    owner_id: int
    issuer: str
    locality: str
    title: str
    doc_number: str
    doc_date: dt.date | None
    year: int | None
    status: str
    source_filename: str
    task_count: int
    target_count: int
    created_at: dt.datetime


class TaskGroupOut(Schema):
    id: int
    number: str
    title: str


class TaskUnitOut(Schema):
    role: str
    text: str
    organisation_id: int | None
    organisation_name: str | None
    collective: str
    confidence: float


class TaskOut(Schema):
    id: int
    group_id: int | None
    kind: str  # "task", or "duty" (a unit's duties under "Tổ chức thực hiện")
    number: str
    content: str
    timeline: str
    due_date: dt.date | None
    funding: str
    units: list[TaskUnitOut]


class TargetOut(Schema):
    id: int
    text: str
    value: Decimal
    unit: str
    comparator: str
    period: str


class ReportingDeadlineOut(Schema):
    id: int
    who: str
    to: str
    day: int
    month: int
    recurrence: str


class DutyOut(Schema):
    id: int
    unit: str
    organisation_id: int | None
    count: int
    content: str


class PlanDetailOut(PlanOut):
    references: list[str]
    groups: list[TaskGroupOut]
    tasks: list[TaskOut]
    targets: list[TargetOut]
    reporting_deadlines: list[ReportingDeadlineOut]
    duties: list[DutyOut]


@router.get("/", response=list[PlanOut])
@paginate
def list_plans(request: HttpRequest, q: str = "") -> QuerySet[Plan]:
    return with_counts(search_plans(plans_visible_to(request.user), q))


@router.get("/{int:pk}", response=PlanDetailOut)
def get_plan(request: HttpRequest, pk: int) -> dict[str, object]:
    plan = plan_with_structure(get_plan_for_user(request.user, pk))
    tasks = list(plan.tasks.all())
    return {
        **{field: getattr(plan, field) for field in PlanOut.model_fields if hasattr(plan, field)},
        "task_count": sum(1 for task in tasks if task.kind == Task.Kind.TASK),
        "target_count": len(plan.targets.all()),
        "references": list(plan.references),
        "groups": list(plan.groups.all()),
        "tasks": [
            {
                "id": task.pk,
                "group_id": task.group_id,
                "kind": task.kind,
                "number": task.number,
                "content": task.content,
                "timeline": task.timeline,
                "due_date": task.due_date,
                "funding": task.funding,
                "units": [
                    {
                        "role": unit.role,
                        "text": unit.text,
                        "organisation_id": unit.organisation_id,
                        "organisation_name": unit.organisation.name if unit.organisation else None,
                        "collective": unit.collective,
                        "confidence": unit.confidence,
                    }
                    for unit in task.units.all()
                ],
            }
            for task in tasks
        ],
        "targets": list(plan.targets.all()),
        "reporting_deadlines": list(plan.reporting_deadlines.all()),
        "duties": list(plan.duties.all()),
    }
