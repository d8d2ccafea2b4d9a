"""Reads for monitoring: reporting completeness and timeliness (DHIS2's reporting rate), tasks by
status, overdue assignments, and the provinces side by side.

Every function here runs a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from tdc.core.text import shorten
from tdc.plans.models import (
    Assignment,
    ExplanationRequest,
    Plan,
    ProgressReport,
    ReportingPeriod,
    Task,
    TaskUnit,
)
from tdc.plans.queries.assignments import (
    TaskStatus,
    assignments_by_task,
    combined_task_status,
)

State = ProgressReport.State
REVIEW_STATES = (State.SUBMITTED, State.RESUBMITTED)


def percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Completeness:
    """DHIS2's reporting rate and timeliness for a set of expected reports."""

    expected: int = 0
    arrived: int = 0
    on_time: int = 0
    accepted: int = 0
    in_review: int = 0
    returned: int = 0
    self_approved: int = 0

    @property
    def missing(self) -> int:
        return self.expected - self.arrived

    @property
    def arrived_percent(self) -> Decimal | None:
        return percent(self.arrived, self.expected)

    @property
    def on_time_percent(self) -> Decimal | None:
        return percent(self.on_time, self.expected)


def _counts(cutoff: Any) -> dict[str, Any]:
    return {
        "expected": Count("pk"),
        "arrived": Count("pk", filter=Q(first_submitted_at__isnull=False)),
        "on_time": Count("pk", filter=Q(first_submitted_at__lte=cutoff)),
        "accepted": Count("pk", filter=Q(state=State.ACCEPTED)),
        "in_review": Count("pk", filter=Q(state__in=REVIEW_STATES)),
        "returned": Count("pk", filter=Q(state=State.RETURNED)),
        "self_approved": Count("pk", filter=Q(self_approved=True, submitted_at__isnull=False)),
    }


COUNT_KEYS = (
    "expected",
    "arrived",
    "on_time",
    "accepted",
    "in_review",
    "returned",
    "self_approved",
)


@dataclass
class OrganisationCompleteness(Completeness):
    organisation_id: int = 0
    name: str = ""
    is_late: bool = False
    explanation_id: int | None = None


def period_totals(period: ReportingPeriod) -> Completeness:
    totals = (
        ProgressReport.objects.expected()
        .filter(period=period)
        .aggregate(**_counts(period.on_time_cutoff))
    )
    return Completeness(**totals)


def completeness_by_organisation(
    period: ReportingPeriod, *, now: dt.datetime
) -> list[OrganisationCompleteness]:
    """Per organisation: expected, arrived, on time, accepted; late ones flagged."""
    rows = (
        ProgressReport.objects.expected()
        .filter(period=period)
        .values("organisation_id", "organisation__name")
        .annotate(**_counts(period.on_time_cutoff))
        .order_by("organisation__name")
    )
    explanations = dict(
        ExplanationRequest.objects.filter(period=period)
        .order_by("created_at")
        .values_list("organisation_id", "pk")
    )
    result = []
    for row in rows:
        values: dict[str, Any] = dict(row)
        item = OrganisationCompleteness(
            organisation_id=values["organisation_id"],
            name=values["organisation__name"],
            **{key: values[key] for key in COUNT_KEYS},
        )
        late_arrivals = item.arrived - item.on_time
        item.is_late = late_arrivals > 0 or (now > period.on_time_cutoff and item.missing > 0)
        item.explanation_id = explanations.get(item.organisation_id)
        result.append(item)
    return result


@dataclass
class PeriodCompleteness(Completeness):
    period: ReportingPeriod | None = None


def completeness_by_period(plan: Plan) -> list[PeriodCompleteness]:
    periods = list(ReportingPeriod.objects.filter(plan=plan).order_by("-year", "deadline", "pk"))
    rows: dict[int, dict[str, Any]] = {
        row["period_id"]: dict(row)
        for row in ProgressReport.objects.expected()
        .filter(period__plan=plan)
        .values("period_id")
        .annotate(**_counts(F("period__on_time_cutoff")))
        .order_by()
    }
    result = []
    for period in periods:
        row: dict[str, Any] = rows.get(period.pk, {})
        result.append(
            PeriodCompleteness(period=period, **{key: row.get(key, 0) for key in COUNT_KEYS})
        )
    return result


@dataclass
class GroupStatus:
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[tuple[str, int]]:
        return [(status, self.counts.get(status, 0)) for status in TaskStatus.values]


def tasks_by_group_and_status(plan: Plan, *, today: dt.date) -> list[GroupStatus]:
    """Counts of tasks in each of the four statuses, per task group (and a total row); the
    duties of "Tổ chức thực hiện" and each sub-plan (a department's or commune's own plan
    implementing this one) are a row of their own."""
    tasks = list(
        Task.objects.filter(
            Q(plan=plan) | Q(plan__parent=plan, plan__status=Plan.Status.ACTIVE), is_active=True
        )
        .select_related("group", "plan")
        .order_by("plan_id", "position", "pk")
    )
    grouped = assignments_by_task(task.pk for task in tasks)
    groups: dict[str, GroupStatus] = {}
    for task in tasks:
        if task.plan_id != plan.pk:
            label = _("Kế hoạch triển khai: %(title)s") % {"title": shorten(task.plan.title, 80)}
        elif task.kind == Task.Kind.DUTY:
            label = _("Trách nhiệm theo mục Tổ chức thực hiện")
        else:
            label = str(task.group) if task.group else _("Nhiệm vụ không thuộc nhóm nào")
        row = groups.setdefault(label, GroupStatus(label))
        status: str = combined_task_status(task, grouped.get(task.pk, []), today)
        row.counts[status] = row.counts.get(status, 0) + 1
    total = GroupStatus("Tổng cộng")
    for row in groups.values():
        for status, count in row.counts.items():
            total.counts[status] = total.counts.get(status, 0) + count
    return [*groups.values(), total]


def overdue_assignments(
    plan: Plan | None, *, today: dt.date, province_id: int | None = None
) -> QuerySet[Assignment]:
    assignments = Assignment.objects.filter(
        is_active=True,
        task__is_active=True,
        completed_on__isnull=True,
        task__plan__status=Plan.Status.ACTIVE,
    ).filter(Q(due_date__lt=today) | Q(due_date__isnull=True, task__due_date__lt=today))
    if plan is not None:
        assignments = assignments.filter(task__plan=plan)
    if province_id is not None:
        assignments = assignments.filter(task__plan__province_id=province_id)
    return assignments.select_related("task", "task__plan", "organisation").order_by(
        "task__due_date", "task__position", "organisation__name"
    )


@dataclass
class ProvinceRow(Completeness):
    province_id: int = 0
    name: str = ""
    plans: int = 0
    tasks: int = 0
    overdue_tasks: int = 0


def provinces_side_by_side(*, year: int, today: dt.date) -> list[ProvinceRow]:
    """Per province with an active plan: plans, tasks, overdue tasks, and the year's reporting."""
    plans = (
        Plan.objects.filter(status=Plan.Status.ACTIVE)
        .values("province_id", "province__name")
        .annotate(
            plans=Count("pk", distinct=True),
            task_count=Count("tasks", filter=Q(tasks__is_active=True), distinct=True),
        )
        .order_by("province__name")
    )
    reports: dict[int, dict[str, Any]] = {
        row["period__plan__province_id"]: dict(row)
        for row in ProgressReport.objects.expected()
        .filter(period__year=year, period__kind=ReportingPeriod.Kind.ANNUAL)
        .filter(period__plan__status=Plan.Status.ACTIVE)
        .values("period__plan__province_id")
        .annotate(**_counts(F("period__on_time_cutoff")))
        .order_by()
    }
    overdue = dict(
        overdue_assignments(None, today=today)
        .filter(role=TaskUnit.Role.LEAD)
        .values("task__plan__province_id")
        .annotate(n=Count("task", distinct=True))
        .order_by()
        .values_list("task__plan__province_id", "n")
    )
    result = []
    for plan_row in plans:
        row: dict[str, Any] = dict(plan_row)
        counts: dict[str, Any] = reports.get(row["province_id"], {})
        result.append(
            ProvinceRow(
                province_id=row["province_id"],
                name=row["province__name"],
                plans=row["plans"],
                tasks=row["task_count"],
                overdue_tasks=overdue.get(row["province_id"], 0),
                **{key: counts.get(key, 0) for key in COUNT_KEYS},
            )
        )
    return result


def main_current_period(
    plan_periods: list[ReportingPeriod], today: dt.date
) -> ReportingPeriod | None:
    """The main current period: among the regular (not ad-hoc) periods, the one of this year or
    last still open with the nearest deadline ahead (in January, last year's report due this
    month), else the latest whose deadline has come, else the next."""
    regular = [p for p in plan_periods if p.kind != ReportingPeriod.Kind.AD_HOC] or plan_periods
    ahead = [p for p in regular if today.year - 1 <= p.year <= today.year and p.deadline >= today]
    if ahead:
        return min(ahead, key=lambda p: (p.deadline, p.pk))
    due = [p for p in regular if p.deadline <= today]
    if due:
        return max(due, key=lambda p: (p.deadline, p.pk))
    return min(regular, key=lambda p: (p.deadline, p.pk)) if regular else None
