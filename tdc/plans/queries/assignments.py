"""Reads about assignments: the four statuses of a task or an assignment, and the assignments of many tasks in one query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import QuerySet, TextChoices
from django.utils.translation import gettext_lazy

from tdc.accounts.models import Organisation
from tdc.plans.models import Assignment, Plan, Task, TaskUnit

Role = TaskUnit.Role


class TaskStatus(TextChoices):
    """The four statuses of Vietnamese task statistics (as in the Government Office's system)."""

    DONE_ON_TIME = "done_on_time", gettext_lazy("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", gettext_lazy("Hoàn thành quá hạn")
    IN_PROGRESS = "in_progress", gettext_lazy("Đang thực hiện trong hạn")
    OVERDUE = "overdue", gettext_lazy("Quá hạn chưa hoàn thành")


STATUS_BADGE = {
    TaskStatus.DONE_ON_TIME: "text-bg-success",
    TaskStatus.DONE_LATE: "text-bg-warning",
    TaskStatus.IN_PROGRESS: "text-bg-primary",
    TaskStatus.OVERDUE: "text-bg-danger",
}


def task_status(*, due: dt.date | None, completed_on: dt.date | None, today: dt.date) -> TaskStatus:
    """Done on time, done late, in progress within the deadline, or overdue and not done."""
    if completed_on is not None:
        if due is None or completed_on <= due:
            return TaskStatus.DONE_ON_TIME
        return TaskStatus.DONE_LATE
    if due is not None and today > due:
        return TaskStatus.OVERDUE
    return TaskStatus.IN_PROGRESS


def assignments_by_task(
    task_ids: Iterable[int], *, active_only: bool = True
) -> dict[int, list[Assignment]]:
    """The assignments of many tasks in one query, with their organisations, keyed by task id."""
    assignments = Assignment.objects.filter(task_id__in=list(task_ids)).select_related(
        "organisation", "task"
    )
    if active_only:
        assignments = assignments.filter(is_active=True)
    grouped: dict[int, list[Assignment]] = {}
    for assignment in assignments.order_by("role", "organisation__name", "pk"):
        grouped.setdefault(assignment.task_id, []).append(assignment)
    return grouped


def assignment_due(assignment: Assignment) -> dt.date | None:
    return assignment.due_date or assignment.task.due_date


def assignment_status(assignment: Assignment, today: dt.date) -> TaskStatus:
    return task_status(
        due=assignment_due(assignment), completed_on=assignment.completed_on, today=today
    )


def combined_task_status(
    task: Task, assignments: Sequence[Assignment], today: dt.date
) -> TaskStatus:
    """A task's status from its lead organisations' (all assignees' if it has no lead): done
    when every one is done, late if any was late; overdue as soon as one is overdue."""
    active = [a for a in assignments if a.is_active]
    leads = [a for a in active if a.role == Role.LEAD] or active
    if not leads:
        return task_status(due=task.due_date, completed_on=None, today=today)
    statuses = {
        task_status(due=a.due_date or task.due_date, completed_on=a.completed_on, today=today)
        for a in leads
    }
    if statuses <= {TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE}:
        return TaskStatus.DONE_LATE if TaskStatus.DONE_LATE in statuses else TaskStatus.DONE_ON_TIME
    return TaskStatus.OVERDUE if TaskStatus.OVERDUE in statuses else TaskStatus.IN_PROGRESS


ASSIGNABLE_KINDS = (
    Organisation.Kind.DOST,
    Organisation.Kind.DEPARTMENT,
    Organisation.Kind.COMMUNE_COMMITTEE,
    Organisation.Kind.PROVINCIAL_COMMITTEE,
    Organisation.Kind.TESTING_BODY,
    Organisation.Kind.OTHER,
)


def assignable_organisations(plan: Plan) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        province_id=plan.province_id, is_active=True, kind__in=ASSIGNABLE_KINDS
    ).order_by("kind", "name")
