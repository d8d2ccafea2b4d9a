"""Who must be reminded of which report today (reminders already sent are left out)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from tdc.accounts.models import Organisation, User
from tdc.accounts.queries import active_members_by_role
from tdc.plans.models import Plan, ProgressReport, ReminderLog, ReportingPeriod
from tdc.plans.queries.notifications import AGENCY_WRITERS, APPROVERS, REVIEWERS
from tdc.plans.queries.reporting import OPEN_STATES, State

Stage = ReminderLog.Stage

LOOKAHEAD_DAYS = 60  # no period reminds earlier than this


@dataclass(frozen=True)
class DueItem:
    report: ProgressReport
    stage: str


def _stage(period: ReportingPeriod, today: dt.date) -> str | None:
    if today < period.deadline - dt.timedelta(days=period.remind_days_before):
        return None
    if today < period.deadline:
        return Stage.BEFORE
    if today == period.deadline:
        return Stage.DUE_TODAY
    return Stage.OVERDUE


def due_items(today: dt.date) -> dict[User, list[DueItem]]:
    """Who must be reminded of what today, leaving out what was already sent."""
    periods = [
        period
        for period in ReportingPeriod.objects.filter(
            plan__status=Plan.Status.ACTIVE,
            deadline__lte=today + dt.timedelta(days=LOOKAHEAD_DAYS),
        )
        if _stage(period, today) is not None
    ]
    if not periods:
        return {}
    reports = list(
        ProgressReport.objects.expected()
        .filter(period__in=periods, state__in=OPEN_STATES)
        .select_related("period", "organisation", "assignment__task")
        .order_by("period__deadline", "organisation__name", "assignment__task__position", "pk")
    )
    people = active_members_by_role({r.organisation_id for r in reports})
    sent = set(
        ReminderLog.objects.filter(report__in=reports).values_list(
            "report_id", "recipient_id", "stage"
        )
    )
    due: dict[User, list[DueItem]] = defaultdict(list)

    def add(users: list[User], report: ProgressReport, stage: str) -> None:
        for user in users:
            if (report.pk, user.pk, stage) not in sent:
                due[user].append(DueItem(report, stage))
                sent.add((report.pk, user.pk, stage))

    for report in reports:
        stage = _stage(report.period, today)
        assert stage is not None  # noqa: S101  (periods were filtered on it)
        roles = people.get(report.organisation_id, {})
        approvers = [user for role in sorted(APPROVERS) for user in roles.get(role, [])]
        if report.state == State.PENDING_APPROVAL:
            add(approvers, report, stage)
            continue
        if report.organisation.kind == Organisation.Kind.DOST:
            writers = [user for role in sorted(REVIEWERS) for user in roles.get(role, [])]
        else:
            writers = [user for role in sorted(AGENCY_WRITERS) for user in roles.get(role, [])]
        add(writers, report, stage)
        escalate_on = report.period.deadline + dt.timedelta(days=report.period.escalate_days_after)
        if today >= escalate_on:
            add(approvers, report, Stage.ESCALATED)
    return due
