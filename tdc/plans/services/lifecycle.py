"""A plan's life cycle (writes): withdraw it, replace it by a new version (carrying over what
is the same), and link a department's or commune's own plan to the province's (sub-plans).
Nothing is deleted: a withdrawn or replaced plan keeps its tasks, reports and audit trail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.core.audit import record
from tdc.plans.access import require_officer
from tdc.plans.models import (
    Assignment,
    Evidence,
    Indicator,
    IndicatorValue,
    Plan,
    ProgressReport,
    ReportEvent,
    ReportingPeriod,
    ReportVersion,
)
from tdc.plans.queries.versions import REWORDED, SAME, PlanDiff, plan_diff
from tdc.plans.services.periods import sync_period_reports

Status = Plan.Status


@transaction.atomic
def withdraw_plan(plan: Plan, *, by: User, reason: str) -> Plan:
    """Withdraw a plan (imported by mistake, annulled): it stops asking for reports. Its open
    assignments are closed (deactivated), so no report is owed or reminded; nothing else
    changes and everything stays readable."""
    require_officer(by, plan)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Status.ACTIVE:
        raise ValidationError(_("Chỉ thu hồi được kế hoạch đang thực hiện."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Cần nêu lý do thu hồi kế hoạch."))
    open_assignments = Assignment.objects.filter(task__plan=plan, is_active=True)
    closed = list(open_assignments.values_list("pk", flat=True))
    open_assignments.update(is_active=False, updated_at=timezone.now())
    plan.status = Status.WITHDRAWN
    plan.withdrawn_reason = reason
    plan.withdrawn_at = timezone.now()
    plan.save(update_fields=["status", "withdrawn_reason", "withdrawn_at", "updated_at"])
    record(
        actor=by,
        action="plan.withdrawn",
        target=plan,
        data={"reason": reason, "assignments_closed": closed},
        organisation_id=plan.owner_id,
    )
    return plan


@transaction.atomic
def replace_plan(old: Plan, new: Plan, *, by: User | None) -> dict[str, int]:
    """`new` is the next version of `old`: `old` is marked replaced (its open assignments
    closed) and, where a task is the same in both, what was done on it carries over — the
    completion of each organisation's assignment and its officer-set deadline — and every
    indicator of the same name takes over the old one's recorded values. Progress reports on a
    task that is the same or reworded, in a period still open (its deadline not passed), are
    copied onto the matching new task's assignment for the same period of the new version (see
    :func:`_carry_reports`); the old reports stay on the old version, readable."""
    if by is not None:
        require_officer(by, old)
    if old.pk == new.pk or old.province_id != new.province_id:
        raise ValidationError(_("Chỉ thay thế được bằng một kế hoạch khác của cùng tỉnh."))
    if old.status != Status.ACTIVE:
        raise ValidationError(_("Kế hoạch cũ đã được thay thế hoặc thu hồi."))
    diff = plan_diff(old, new)
    carried = 0
    for change in diff.tasks:
        if change.kind != SAME or change.old is None or change.new is None:
            continue
        before = {a.organisation_id: a for a in Assignment.objects.filter(task=change.old)}
        for assignment in Assignment.objects.filter(task=change.new):
            previous = before.get(assignment.organisation_id)
            if previous is None or (previous.completed_on is None and previous.due_date is None):
                continue
            assignment.completed_on = previous.completed_on
            assignment.due_date = assignment.due_date or previous.due_date
            assignment.save(update_fields=["completed_on", "due_date", "updated_at"])
            carried += 1
    values = 0
    old_indicators = {i.name.strip().lower(): i for i in Indicator.objects.filter(plan=old)}
    for indicator in Indicator.objects.filter(plan=new):
        source = old_indicators.get(indicator.name.strip().lower())
        if source is None:
            continue
        if not indicator.metric_key and source.metric_key:
            indicator.metric_key = source.metric_key
            indicator.save(update_fields=["metric_key", "updated_at"])
        have = set(indicator.values.values_list("period_end", flat=True))
        copies = [
            IndicatorValue(
                indicator=indicator,
                period_start=v.period_start,
                period_end=v.period_end,
                value=v.value,
                source=v.source,
                is_computed=v.is_computed,
                entered_by=v.entered_by,
            )
            for v in source.values.all()
            if v.period_end not in have
        ]
        IndicatorValue.objects.bulk_create(copies)
        values += len(copies)
    reports = _carry_reports(old, new, diff, by=by)
    Assignment.objects.filter(task__plan=old, is_active=True).update(
        is_active=False, updated_at=timezone.now()
    )
    old.status = Status.REPLACED
    old.save(update_fields=["status", "updated_at"])
    new.previous = old
    new.save(update_fields=["previous", "updated_at"])
    summary = {
        **diff.counts(),
        "assignments_carried": carried,
        "indicator_values_carried": values,
        "reports_carried": reports,
    }
    record(
        actor=by,
        action="plan.replaced",
        target=old,
        data={"by_plan": new.pk, **summary},
        organisation_id=old.owner_id,
    )
    return summary


_PERIOD_FIELDS = (
    "kind",
    "year",
    "number",
    "title",
    "request",
    "start",
    "end",
    "opened_on",
    "deadline",
    "on_time_cutoff",
    "working_days",
    "count_working_days",
    "synthesis_deadline",
    "remind_days_before",
    "escalate_days_after",
    "created_by",
)
_REPORT_FIELDS = (
    "state",
    "version",
    "progress",
    "percent",
    "completed_on",
    "results",
    "figures",
    "difficulties",
    "proposals",
    "first_submitted_at",
    "submitted_at",
    "reviewed_at",
    "return_reason",
    "last_edited_by",
    "submitted_by",
    "self_approved",
    "reviewed_by",
)


def _matching_period(period: ReportingPeriod, new: Plan) -> ReportingPeriod:
    """The new version's period of the same kind, year and number, created as a copy of the
    old one when the new version has none."""
    found = ReportingPeriod.objects.filter(
        plan=new, kind=period.kind, year=period.year, number=period.number
    ).first()
    if found is not None:
        return found
    copy = ReportingPeriod(plan=new, **{f: getattr(period, f) for f in _PERIOD_FIELDS})
    copy.full_clean()
    copy.save()
    copy.organisations.set(period.organisations.all())
    sync_period_reports(copy)  # the new version collects that period from every assignee
    return copy


def _carry_reports(old: Plan, new: Plan, diff: PlanDiff, *, by: User | None) -> int:
    """Copy the reports of the old version's open periods onto the new version.

    For every task that is the same or reworded, each organisation's report in a period whose
    deadline has not passed goes to that organisation's assignment on the new task, in the new
    version's period of the same kind, year and number (made when missing), with its
    submitted versions, its history and its evidence. An untouched empty draft carries nothing;
    a report already worked on in the new version is never overwritten. Each copy is audited
    ("report.carried_over", naming the report it came from). Reports on removed tasks, and on
    closed periods, stay on the old version only."""
    today = timezone.localdate()
    new_task = {
        change.old.pk: change.new.pk
        for change in diff.tasks
        if change.kind in (SAME, REWORDED) and change.old is not None and change.new is not None
    }
    if not new_task:
        return 0
    targets = {(a.task_id, a.organisation_id): a for a in Assignment.objects.filter(task__plan=new)}
    carried = 0
    reports = (
        ProgressReport.objects.filter(
            period__plan=old, period__deadline__gte=today, assignment__task_id__in=new_task
        )
        .exclude(state=ProgressReport.State.DRAFT, version=0)
        .select_related("period", "assignment")
        .order_by("period_id", "pk")
    )
    periods: dict[int, ReportingPeriod] = {}
    for report in reports:
        target = targets.get((new_task[report.assignment.task_id], report.organisation_id))
        if target is None:
            continue
        if report.period_id not in periods:
            periods[report.period_id] = _matching_period(report.period, new)
        period = periods[report.period_id]
        copy = ProgressReport.objects.filter(period=period, assignment=target).first()
        if copy is not None and (copy.version > 0 or copy.state != ProgressReport.State.DRAFT):
            continue
        if copy is None:
            copy = ProgressReport(period=period, assignment=target)
        copy.organisation_id = report.organisation_id
        for name in _REPORT_FIELDS:
            setattr(copy, name, getattr(report, name))
        copy.full_clean()
        copy.save()
        ReportVersion.objects.bulk_create(
            ReportVersion(report=copy, number=v.number, content=v.content, created_by=v.created_by)
            for v in report.versions.all()
        )
        for event in report.events.all():
            made = ReportEvent.objects.create(
                report=copy,
                kind=event.kind,
                from_state=event.from_state,
                to_state=event.to_state,
                version=event.version,
                note=event.note,
                actor=event.actor,
            )
            ReportEvent.objects.filter(pk=made.pk).update(at=event.at)
        Evidence.objects.bulk_create(
            Evidence(
                report=copy,
                file=e.file.name,
                name=e.name,
                size=e.size,
                uploaded_by=e.uploaded_by,
                removed_at=e.removed_at,
            )
            for e in report.evidence.all()
        )
        record(
            actor=by,
            action="report.carried_over",
            target=copy,
            data={
                "from_report": report.pk,
                "from_plan": old.pk,
                "from_task": report.assignment.task_id,
                "state": report.state,
            },
            organisation_id=new.owner_id,
        )
        carried += 1
    return carried


@transaction.atomic
def link_sub_plan(
    sub_plan: Plan, parent: Plan, *, by: User | None, issued_by: Organisation
) -> Plan:
    """`sub_plan` is `issued_by`'s own plan implementing the province's `parent`: its tasks
    and reports roll up into the parent's dashboard and synthesis."""
    if by is not None:
        require_officer(by, parent)
    if sub_plan.pk == parent.pk or sub_plan.province_id != parent.province_id:
        raise ValidationError(_("Kế hoạch con phải thuộc cùng tỉnh với kế hoạch của tỉnh."))
    if parent.parent_id is not None:
        raise ValidationError(_("Không thể gắn vào một kế hoạch con khác."))
    if issued_by.province_id != parent.province_id:
        raise ValidationError(_("Cơ quan ban hành kế hoạch con không thuộc tỉnh này."))
    sub_plan.parent = parent
    sub_plan.issued_by = issued_by
    sub_plan.save(update_fields=["parent", "issued_by", "updated_at"])
    record(
        actor=by,
        action="plan.linked_as_sub_plan",
        target=sub_plan,
        data={"parent": parent.pk, "issued_by": issued_by.pk},
        organisation_id=parent.owner_id,
    )
    return sub_plan
