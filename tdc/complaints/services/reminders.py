"""Deadline reminders and escalations. Idempotent: what was sent is recorded, never resent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tdc.complaints import jobs, throttle
from tdc.complaints.deadlines import policy
from tdc.complaints.models import Complaint, ReminderLog
from tdc.complaints.queries import handlers_of, heads_of
from tdc.complaints.services.common import enqueue
from tdc.core.workdays import holidays_around, subtract_working_days


@dataclass(frozen=True)
class ReminderRun:
    created: int
    resent: int
    pruned: int


def _recipients(complaint: Complaint, kind: str) -> list[int]:
    ids: set[int] = set()
    if complaint.assignee_id is not None:
        ids.add(complaint.assignee_id)
    if complaint.organisation_id is not None:
        if kind == ReminderLog.Kind.ESCALATION:
            ids |= set(heads_of(complaint.organisation_id).values_list("pk", flat=True))
        if not ids:
            ids |= set(handlers_of(complaint.organisation_id).values_list("pk", flat=True))
    return sorted(ids)


def send_due_reminders(*, today: dt.date) -> ReminderRun:
    """Remind before a step's deadline, escalate to the organisation's head after it.

    One ReminderLog per complaint, step, kind and due date: a second run the same day (or a
    job run twice) finds the log and sends nothing. A log whose e-mail job never ran is
    enqueued again.
    """
    before = policy().remind_working_days_before
    holidays = holidays_around(today)
    created = 0
    for complaint in Complaint.objects.open().select_related("organisation").iterator():
        due = complaint.current_due
        if due is None:
            continue
        if today > due:
            kind = ReminderLog.Kind.ESCALATION
        elif subtract_working_days(due, before, holidays) <= today:
            kind = ReminderLog.Kind.REMINDER
        else:
            continue
        with transaction.atomic():
            log, is_new = ReminderLog.objects.get_or_create(
                complaint=complaint,
                step=complaint.current_step,
                kind=kind,
                due_on=due,
                defaults={"recipients": _recipients(complaint, kind)},
            )
            if is_new:
                created += 1
                enqueue(jobs.send_reminder, reminder_id=log.pk)
    stale = ReminderLog.objects.filter(
        sent_at__isnull=True, created_at__lt=timezone.now() - dt.timedelta(minutes=30)
    ).values_list("pk", flat=True)
    resent = 0
    for pk in stale:
        jobs.send_reminder.enqueue(reminder_id=pk)
        resent += 1
    return ReminderRun(created=created, resent=resent, pruned=throttle.prune())
