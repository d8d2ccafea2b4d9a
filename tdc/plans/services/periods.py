"""Reporting periods (writes): open a period, change its deadlines, create the reports it
expects, and ask late agencies for a written explanation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.core.audit import changes_between, record, snapshot
from tdc.core.workdays import add_working_days, next_working_day
from tdc.plans.access import may_answer_explanation, require_officer
from tdc.plans.jobs import notify_explanation
from tdc.plans.models import (
    ExplanationRequest,
    Plan,
    ProgressReport,
    ReportingPeriod,
)
from tdc.plans.queries.periods import (
    day_in,
    default_deadline,
    default_title,
    dost_deadline,
    end_of_day,
    expected_assignments,
    organisation_is_late,
    period_bounds,
)

Kind = ReportingPeriod.Kind

PERIOD_FIELDS = (
    "title",
    "request",
    "start",
    "end",
    "deadline",
    "on_time_cutoff",
    "working_days",
    "count_working_days",
    "synthesis_deadline",
    "remind_days_before",
    "escalate_days_after",
)


def _validate_numbers(kind: str, number: int) -> None:
    limits = {Kind.ANNUAL: 1, Kind.SEMIANNUAL: 2, Kind.QUARTERLY: 4}
    if kind in limits and not 1 <= number <= limits[Kind(kind)]:
        raise ValidationError(_("Số thứ tự kỳ báo cáo không hợp lệ."))


@transaction.atomic
def open_period(
    plan: Plan,
    *,
    kind: str,
    year: int,
    by: User,
    number: int | None = None,
    title: str = "",
    request: str = "",
    opened_on: dt.date | None = None,
    deadline: dt.date | None = None,
    working_days: int | None = None,
    count_working_days: bool = False,
    on_time_cutoff: dt.datetime | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    organisations: Iterable[Organisation] = (),
    remind_days_before: int = 5,
    escalate_days_after: int = 3,
) -> ReportingPeriod:
    """A TĐC officer opens a reporting period on a plan (see `_open_period`)."""
    require_officer(by, plan)
    return _open_period(
        plan,
        kind=kind,
        year=year,
        by=by,
        number=number,
        title=title,
        request=request,
        opened_on=opened_on,
        deadline=deadline,
        working_days=working_days,
        count_working_days=count_working_days,
        on_time_cutoff=on_time_cutoff,
        start=start,
        end=end,
        organisations=organisations,
        remind_days_before=remind_days_before,
        escalate_days_after=escalate_days_after,
    )


def _open_period(
    plan: Plan,
    *,
    kind: str,
    year: int,
    by: User | None,
    number: int | None = None,
    title: str = "",
    request: str = "",
    opened_on: dt.date | None = None,
    deadline: dt.date | None = None,
    working_days: int | None = None,
    count_working_days: bool = False,
    on_time_cutoff: dt.datetime | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    organisations: Iterable[Organisation] = (),
    remind_days_before: int = 5,
    escalate_days_after: int = 3,
) -> ReportingPeriod:
    """Open a reporting period on a plan and create the reports it expects.

    The yearly deadline comes from the plan's "báo cáo … trước ngày DD/MM" duty; an ad-hoc
    request (báo cáo đột xuất) gives its own deadline, as a date or as working days. `by` None
    is the system (the yearly period opened when a plan is set up).
    """
    opened_on = opened_on or timezone.localdate()
    if kind == Kind.AD_HOC:
        last = ReportingPeriod.objects.filter(plan=plan, kind=kind, year=year).aggregate(
            n=Max("number")
        )["n"]
        number = (last or 0) + 1
        if deadline is None and not working_days:
            raise ValidationError(_("Báo cáo đột xuất cần có hạn gửi hoặc số ngày làm việc."))
    else:
        number = 1 if kind == Kind.ANNUAL else (number or 1)
        _validate_numbers(kind, number)
        if ReportingPeriod.objects.filter(plan=plan, kind=kind, year=year, number=number).exists():
            raise ValidationError(_("Kỳ báo cáo này đã được mở."))
    bounds = period_bounds(kind, year, number)
    if kind == Kind.AD_HOC:
        bounds = (dt.date(year, 1, 1), opened_on)
    if working_days:
        deadline = add_working_days(opened_on, working_days)
    elif deadline is None:
        deadline = default_deadline(plan, kind, year, number)
    if count_working_days:
        deadline = next_working_day(deadline)
    synthesis = dost_deadline(plan) if kind == Kind.ANNUAL else None
    period = ReportingPeriod(
        plan=plan,
        kind=kind,
        year=year,
        number=number,
        title=title.strip() or default_title(kind, year, number),
        request=request.strip(),
        start=start or bounds[0],
        end=end or bounds[1],
        opened_on=opened_on,
        deadline=deadline,
        on_time_cutoff=on_time_cutoff or end_of_day(deadline),
        working_days=working_days or None,
        count_working_days=count_working_days,
        synthesis_deadline=(
            day_in(year, synthesis.month, synthesis.day) if synthesis is not None else None
        ),
        remind_days_before=remind_days_before,
        escalate_days_after=escalate_days_after,
        created_by=by,
    )
    _check_dates(period)
    period.full_clean()
    period.save()
    chosen = list(organisations)
    if chosen:
        period.organisations.set(chosen)
    record(
        actor=by,
        action="reporting_period.opened",
        target=period,
        data={"values": snapshot(period, PERIOD_FIELDS), "organisations": [o.pk for o in chosen]},
        organisation_id=plan.owner_id,
    )
    sync_period_reports(period)
    return period


def _check_dates(period: ReportingPeriod) -> None:
    if period.deadline < period.opened_on:
        raise ValidationError(_("Hạn gửi báo cáo không được trước ngày yêu cầu."))
    if timezone.localdate(period.on_time_cutoff) < period.opened_on:
        raise ValidationError(_("Mốc tính đúng hạn không được trước ngày yêu cầu."))


def ensure_yearly_period(plan: Plan, *, year: int, by: User | None) -> tuple[ReportingPeriod, bool]:
    """The plan's yearly period for `year`, opened if missing (idempotent)."""
    existing = ReportingPeriod.objects.filter(plan=plan, kind=Kind.ANNUAL, year=year).first()
    if existing is not None:
        return existing, False
    return _open_period(
        plan, kind=Kind.ANNUAL, year=year, by=by, opened_on=dt.date(year, 1, 1)
    ), True


@transaction.atomic
def change_period(period: ReportingPeriod, *, by: User, **values: Any) -> ReportingPeriod:
    """Change a period's deadlines or wording; the audit log keeps old and new values.

    Giving `working_days` recomputes the deadline from the request date; with
    `count_working_days` a deadline on a day off moves to the next working day. A new deadline
    without an explicit cut-off moves the cut-off to the end of that day.
    """
    require_officer(by, period.plan)
    before = snapshot(period, PERIOD_FIELDS)
    old_deadline = period.deadline  # the snapshot holds text: compare dates with dates
    for field, value in values.items():
        if field not in PERIOD_FIELDS:
            raise ValueError(f"Unknown period field {field!r}")
        setattr(period, field, value)
    if period.working_days:
        period.deadline = add_working_days(period.opened_on, period.working_days)
    if period.count_working_days:
        period.deadline = next_working_day(period.deadline)
    if period.deadline != old_deadline and "on_time_cutoff" not in values:
        period.on_time_cutoff = end_of_day(period.deadline)
    _check_dates(period)
    period.full_clean()
    period.save()
    changes = changes_between(before, snapshot(period, PERIOD_FIELDS))
    if changes:
        record(
            actor=by,
            action="reporting_period.changed",
            target=period,
            data={"changes": changes},
            organisation_id=period.plan.owner_id,
        )
    return period


@transaction.atomic
def sync_period_reports(period: ReportingPeriod) -> int:
    """Create an empty draft report for every expected assignment that has none (idempotent)."""
    existing = set(period.reports.values_list("assignment_id", flat=True))
    missing = [
        ProgressReport(period=period, assignment_id=a_id, organisation_id=org_id)
        for a_id, org_id in expected_assignments(period).values_list("pk", "organisation_id")
        if a_id not in existing
    ]
    ProgressReport.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        record(
            actor=None,
            action="reporting_period.reports_expected",
            target=period,
            data={"created": len(missing)},
            organisation_id=period.plan.owner_id,
        )
    return len(missing)


def sync_open_periods(plan: Plan, *, today: dt.date | None = None) -> int:
    """Add reports for new assignments to every period whose deadline has not passed."""
    today = today or timezone.localdate()
    return sum(
        sync_period_reports(period)
        for period in ReportingPeriod.objects.filter(plan=plan, deadline__gte=today)
    )


# --- Explanations ------------------------------------------------------------------------------


@transaction.atomic
def request_explanation(
    period: ReportingPeriod,
    *,
    organisation: Organisation,
    message: str,
    due_date: dt.date,
    by: User,
) -> ExplanationRequest:
    """Ask a late agency for a written explanation: a tracked record it answers in TĐC."""
    require_officer(by, period.plan)
    if not organisation_is_late(period, organisation.pk):
        raise ValidationError(_("Cơ quan này không chậm báo cáo trong kỳ này."))
    if due_date < timezone.localdate():
        raise ValidationError(_("Hạn giải trình không được ở trong quá khứ."))
    explanation = ExplanationRequest(
        period=period,
        organisation=organisation,
        message=message.strip(),
        due_date=due_date,
        requested_by=by,
    )
    explanation.full_clean()
    explanation.save()
    record(
        actor=by,
        action="explanation_request.created",
        target=explanation,
        data={"period": period.pk, "organisation": organisation.pk, "due_date": due_date},
        organisation_id=organisation.pk,
    )
    transaction.on_commit(
        partial(notify_explanation.enqueue, explanation_id=explanation.pk, what="requested")
    )
    return explanation


@transaction.atomic
def answer_explanation(
    explanation: ExplanationRequest, *, response: str, by: User
) -> ExplanationRequest:
    """The agency's written explanation; given once, then kept as it was sent."""
    if not may_answer_explanation(by, explanation):
        raise PermissionDenied
    if explanation.is_answered:
        raise ValidationError(_("Yêu cầu này đã được giải trình."))
    if not response.strip():
        raise ValidationError(_("Cần nhập nội dung giải trình."))
    explanation.response = response.strip()
    explanation.responded_by = by
    explanation.responded_at = timezone.now()
    explanation.save(update_fields=["response", "responded_by", "responded_at", "updated_at"])
    record(
        actor=by,
        action="explanation_request.answered",
        target=explanation,
        organisation_id=explanation.organisation_id,
    )
    transaction.on_commit(
        partial(notify_explanation.enqueue, explanation_id=explanation.pk, what="answered")
    )
    return explanation
