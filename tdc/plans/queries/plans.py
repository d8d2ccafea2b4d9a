"""Reads for plan documents: plans, their tasks and structure, the organisations units match.

Which plans a user may read is the door's question (`tdc.plans.access`); these functions
narrow or load what the door let through.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tdc.accounts.models import Organisation, Province
from tdc.core.text import fold
from tdc.plans.models import Plan, Target, Task, TaskGroup, TaskUnit


def _count_of(model: type[Task] | type[Target], **filters: Any) -> Coalesce:
    counted = (
        model.objects.filter(plan=OuterRef("pk"), **filters)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """Annotate `task_count` (active tasks, duties apart), `duty_count` and `target_count`
    without joining rows together."""
    return plans.annotate(
        task_count=_count_of(Task, is_active=True, kind=Task.Kind.TASK),
        duty_count=_count_of(Task, is_active=True, kind=Task.Kind.DUTY),
        target_count=_count_of(Target),
    )


def search_plans(plans: QuerySet[Plan], text: str) -> QuerySet[Plan]:
    """Accent-insensitive search on title, number and issuer ("ke hoach khanh hoa").

    Plans have no stored search key, and a province holds a handful of plans: the folding is
    done in Python over the (id, title, number, issuer) of the visible plans, in one query.
    """
    words = fold(text).split()
    if not words:
        return plans
    matching = [
        pk
        for pk, title, number, issuer in plans.values_list("pk", "title", "doc_number", "issuer")
        if all(word in fold(f"{title} {number} {issuer}") for word in words)
    ]
    return plans.filter(pk__in=matching)


def plan_with_structure(plan: Plan) -> Plan:
    """The plan with its groups, tasks (with units and organisations), targets, deadlines and
    duties loaded in a fixed number of queries."""
    units = TaskUnit.objects.select_related("organisation").order_by("role", "position")
    tasks = (
        Task.objects.filter(is_active=True)
        .select_related("group")
        .prefetch_related(Prefetch("units", queryset=units))
    )
    return (
        Plan.objects.select_related("province", "owner", "created_by")
        .prefetch_related(
            Prefetch("groups", queryset=TaskGroup.objects.order_by("position")),
            Prefetch("tasks", queryset=tasks),
            "targets",
            "reporting_deadlines",
            "duties__organisation",
            "duties__tasks",
        )
        .get(pk=plan.pk)
    )


def grouped_tasks(plan: Plan) -> list[tuple[TaskGroup | None, list[Task]]]:
    """The plan's active tasks under their groups (prefetched by `plan_with_structure`);
    tasks without a group come last, under None. Duties (tasks made of "Tổ chức thực hiện")
    show with their duty, not here."""
    by_group: dict[int | None, list[Task]] = {}
    for task in plan.tasks.all():
        if task.kind == Task.Kind.DUTY:
            continue
        by_group.setdefault(task.group_id, []).append(task)
    sections: list[tuple[TaskGroup | None, list[Task]]] = [
        (group, by_group.get(group.pk, [])) for group in plan.groups.all()
    ]
    if by_group.get(None):
        sections.append((None, by_group[None]))
    return sections


def matching_candidates(province: Province) -> QuerySet[Organisation]:
    """Organisations a plan's units may be matched to: the province's active public bodies
    (not businesses) and the national ones (the Ministry)."""
    return (
        Organisation.objects.filter(Q(province=province) | Q(province__isnull=True))
        .filter(is_active=True)
        .exclude(kind=Organisation.Kind.BUSINESS)
        .order_by("kind", "name")
    )
