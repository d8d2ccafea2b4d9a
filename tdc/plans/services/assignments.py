"""Assignments (writes): which organisation carries out which task, and a TĐC officer's changes
to tasks.

`assign_plan(plan, by)` turns the units a plan names into assignments and sets the plan up for
execution (its indicators and its yearly reporting period). It is idempotent: the import calls
it after creating a plan, the demo calls it again, and nothing is created twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.core.audit import edit_with_audit, record, snapshot
from tdc.plans.access import require_officer
from tdc.plans.models import (
    Assignment,
    Plan,
    ProgressReport,
    ReportingPeriod,
    Task,
    TaskGroup,
    TaskUnit,
)

Role = TaskUnit.Role

# Collective names the import recognises, and the organisations they stand for today.
# Districts no longer exist (2025 reform): their duties fall to the communes.
COMMUNE_COLLECTIVES = frozenset({"all_communes", "all_districts", "all_localities"})
DEPARTMENT_COLLECTIVES = frozenset({"all_departments"})
# Bodies that do not report to the province's DoST even when a plan names them.
NOT_REPORTING_KINDS = frozenset({Organisation.Kind.MINISTRY, Organisation.Kind.BUSINESS})

TASK_FIELDS = ("group", "number", "content", "timeline", "due_date", "funding", "is_active")


# --- assign_plan --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanSetup:
    """What `assign_plan` created (zero everywhere on a second run)."""

    assignments: int
    unassigned_units: int
    indicators: int
    periods: int
    reports: int


def organisations_for_unit(
    unit: TaskUnit,
    *,
    province_id: int,
    communes: list[Organisation],
    departments: list[Organisation],
) -> list[Organisation]:
    """The organisations of the province a named unit stands for: itself (unless it is the
    Ministry, a business or another province's body), or every commune / department."""
    organisation = unit.organisation
    if organisation is not None:
        if organisation.province_id != province_id or organisation.kind in NOT_REPORTING_KINDS:
            return []
        return [organisation]
    if unit.collective in COMMUNE_COLLECTIVES:
        return communes
    if unit.collective in DEPARTMENT_COLLECTIVES:
        return departments
    return []


@transaction.atomic
def assign_plan(plan: Plan, by: User | None = None, *, first_year: int | None = None) -> PlanSetup:
    """Assign every active task of `plan` to its lead and partner organisations, create an
    indicator for every target and open the plan's yearly reporting period. Idempotent.

    A unit matched to an organisation gives one assignment; "UBND các xã, phường, đặc khu"
    (and the former districts) gives every commune committee of the province; "các sở, ban,
    ngành" gives every department. A body that is both lead and partner is assigned as lead.
    The Ministry, businesses and bodies of other provinces do not report to the province's
    DoST and get no assignment. Assignments a TĐC officer changed (even deactivated) are left as they are.
    """
    from tdc.plans.services.indicators import sync_indicators
    from tdc.plans.services.periods import ensure_yearly_period, sync_open_periods

    reports_before = ProgressReport.objects.filter(period__plan=plan).count()
    active = Organisation.objects.filter(province_id=plan.province_id, is_active=True)
    communes = list(active.filter(kind=Organisation.Kind.COMMUNE_COMMITTEE))
    departments = list(active.filter(kind=Organisation.Kind.DEPARTMENT))
    tasks = list(
        Task.objects.filter(plan=plan, is_active=True).prefetch_related("units__organisation")
    )
    existing = set(
        Assignment.objects.filter(task__plan=plan).values_list("task_id", "organisation_id")
    )
    wanted: dict[tuple[int, int], tuple[str, TaskUnit]] = {}
    unassigned = 0
    for task in tasks:
        units = sorted(task.units.all(), key=lambda u: (u.role != Role.LEAD, u.position))
        for unit in units:
            organisations = organisations_for_unit(
                unit, province_id=plan.province_id, communes=communes, departments=departments
            )
            if not organisations:
                unassigned += 1
            for organisation in organisations:
                key = (task.pk, organisation.pk)
                if key not in wanted:
                    wanted[key] = (unit.role, unit)
    new = [
        Assignment(task_id=task_id, organisation_id=org_id, role=role, source=unit)
        for (task_id, org_id), (role, unit) in wanted.items()
        if (task_id, org_id) not in existing
    ]
    Assignment.objects.bulk_create(new)
    if new:
        record(
            actor=by,
            action="plan.assigned",
            target=plan,
            data={"assignments": len(new)},
            organisation_id=plan.owner_id,
        )
    indicators = sync_indicators(plan, by=by)
    year = first_year or first_open_year(plan)
    _period, opened = ensure_yearly_period(plan, year=year, by=None)
    sync_open_periods(plan, today=dt.date(year, 1, 1))
    return PlanSetup(
        assignments=len(new),
        unassigned_units=unassigned,
        indicators=indicators,
        periods=int(opened),
        reports=ProgressReport.objects.filter(period__plan=plan).count() - reports_before,
    )


def first_open_year(plan: Plan, today: dt.date | None = None) -> int:
    """The first year, from the plan's own, whose yearly report is not yet due: a plan
    imported after its first deadline does not start with every report overdue."""
    from tdc.plans.queries.periods import default_deadline

    today = today or timezone.localdate()
    year = plan.year or (plan.doc_date.year if plan.doc_date else today.year)
    opened = (
        ReportingPeriod.objects.filter(plan=plan, kind=ReportingPeriod.Kind.ANNUAL)
        .order_by("year")
        .values_list("year", flat=True)
        .first()
    )
    if opened is not None:
        return opened
    while default_deadline(plan, ReportingPeriod.Kind.ANNUAL, year, 1) < today:
        year += 1
    return year


# --- An officer's changes to tasks ------------------------------------------------------------------


def _check_organisations(plan: Plan, organisations: Iterable[Organisation]) -> None:
    for organisation in organisations:
        if organisation.province_id not in (plan.province_id, None):
            raise ValidationError(
                _("%(name)s không thuộc tỉnh của kế hoạch.") % {"name": organisation.name}
            )


def _assignment_pairs(task: Task) -> list[list[object]]:
    return sorted(
        [a.organisation_id, a.role] for a in Assignment.objects.filter(task=task, is_active=True)
    )


def _set_assignments(
    task: Task, *, leads: Sequence[Organisation], partners: Sequence[Organisation]
) -> None:
    wanted: dict[int, str] = {org.pk: Role.PARTNER for org in partners}
    wanted.update({org.pk: Role.LEAD for org in leads})
    for assignment in Assignment.objects.filter(task=task):
        role = wanted.pop(assignment.organisation_id, None)
        if role is None:
            if assignment.is_active:
                assignment.is_active = False
                assignment.save(update_fields=["is_active", "updated_at"])
            continue
        if not assignment.is_active or assignment.role != role:
            assignment.is_active = True
            assignment.role = role
            assignment.save(update_fields=["is_active", "role", "updated_at"])
    Assignment.objects.bulk_create(
        [
            Assignment(task=task, organisation_id=org_id, role=role)
            for org_id, role in wanted.items()
        ]
    )


@transaction.atomic
def create_task(
    plan: Plan,
    *,
    by: User,
    content: str,
    leads: Sequence[Organisation],
    partners: Sequence[Organisation] = (),
    group: TaskGroup | None = None,
    number: str = "",
    timeline: str = "",
    due_date: dt.date | None = None,
    funding: str = "",
) -> Task:
    """Add a task the plan document did not have, assigned to the given organisations."""
    from tdc.plans.services.periods import sync_open_periods

    require_officer(by, plan)
    if not leads:
        raise ValidationError(_("Cần chọn ít nhất một đơn vị chủ trì."))
    _check_organisations(plan, [*leads, *partners])
    if group is not None and group.plan_id != plan.pk:
        raise ValidationError(_("Nhóm nhiệm vụ không thuộc kế hoạch này."))
    last = Task.objects.filter(plan=plan).aggregate(p=Max("position"))["p"]
    task = Task(
        plan=plan,
        group=group,
        number=number.strip(),
        content=content.strip(),
        timeline=timeline.strip(),
        due_date=due_date,
        funding=funding.strip(),
        position=(last or 0) + 1,
    )
    task.full_clean()
    task.save()
    _set_assignments(task, leads=leads, partners=partners)
    record(
        actor=by,
        action="task.created",
        target=task,
        data={"values": snapshot(task, TASK_FIELDS), "assignments": _assignment_pairs(task)},
        organisation_id=plan.owner_id,
    )
    sync_open_periods(plan)
    return task


@transaction.atomic
def update_task(task: Task, *, by: User, **values: object) -> Task:
    """Edit a task's wording, timeline, deadline or funding; the audit log keeps old and new."""
    require_officer(by, task.plan)
    edit_with_audit(
        task,
        by=by,
        fields=TASK_FIELDS,
        values=values,
        action="task.updated",
        organisation_id=task.plan.owner_id,
    )
    return task


@transaction.atomic
def reassign_task(
    task: Task,
    *,
    by: User,
    leads: Sequence[Organisation],
    partners: Sequence[Organisation] = (),
) -> Task:
    """Set who leads and who partners a task; dropped organisations' assignments are
    deactivated (their reports stay on record)."""
    from tdc.plans.services.periods import sync_open_periods

    require_officer(by, task.plan)
    if not leads:
        raise ValidationError(_("Cần chọn ít nhất một đơn vị chủ trì."))
    _check_organisations(task.plan, [*leads, *partners])
    before = _assignment_pairs(task)
    _set_assignments(task, leads=leads, partners=partners)
    after = _assignment_pairs(task)
    if before != after:
        record(
            actor=by,
            action="task.reassigned",
            target=task,
            data={"changes": {"assignments": {"old": before, "new": after}}},
            organisation_id=task.plan.owner_id,
        )
    sync_open_periods(task.plan)
    return task


@transaction.atomic
def split_task(task: Task, *, by: User, parts: Sequence[str]) -> list[Task]:
    """Split a task into several, each with the same units and assignments; the original
    is kept (inactive) and each part records it was split from it."""
    from tdc.plans.services.periods import sync_open_periods

    require_officer(by, task.plan)
    texts = [part.strip() for part in parts if part.strip()]
    if len(texts) < 2:
        raise ValidationError(_("Cần ít nhất hai phần để tách nhiệm vụ."))
    if not task.is_active:
        raise ValidationError(_("Nhiệm vụ này đã được tách hoặc ngừng theo dõi."))
    units = list(task.units.all())
    assignments = list(Assignment.objects.filter(task=task, is_active=True))
    created = []
    for index, text in enumerate(texts, start=1):
        part = Task(
            plan=task.plan,
            group=task.group,
            number=f"{task.number}.{index}" if task.number else "",
            content=text,
            timeline=task.timeline,
            due_date=task.due_date,
            funding=task.funding,
            position=task.position,
            split_from=task,
        )
        part.full_clean()
        part.save()
        TaskUnit.objects.bulk_create(
            [
                TaskUnit(
                    task=part,
                    role=unit.role,
                    text=unit.text,
                    organisation_id=unit.organisation_id,
                    collective=unit.collective,
                    confidence=unit.confidence,
                    position=unit.position,
                )
                for unit in units
            ]
        )
        Assignment.objects.bulk_create(
            [
                Assignment(
                    task=part,
                    organisation_id=a.organisation_id,
                    role=a.role,
                    due_date=a.due_date,
                )
                for a in assignments
            ]
        )
        created.append(part)
    task.is_active = False
    task.save(update_fields=["is_active", "updated_at"])
    record(
        actor=by,
        action="task.split",
        target=task,
        data={"into": [part.pk for part in created], "parts": texts},
        organisation_id=task.plan.owner_id,
    )
    sync_open_periods(task.plan)
    return created
