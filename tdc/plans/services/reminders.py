"""Reminders of report deadlines, sent by a daily background job.

For each report not yet sent to DoST, a person is reminded once per stage:

- `before`: from `remind_days_before` days before the deadline;
- `due_today`: on the deadline;
- `overdue`: after it;
- `escalated`: `escalate_days_after` days after it, to the agency's approver.

Writers (reporters, commune officers; TĐC officers for DoST's own tasks) get the first three;
a report waiting for internal approval reminds the approver instead. Everything due for one
person in one run goes into a single digest. `ReminderLog`'s unique constraint makes a second
run (or two workers at once) send nothing twice.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tdc.plans.models import Notification, ProgressReport, ReminderLog
from tdc.plans.queries.reminders import DueItem, due_items
from tdc.plans.services.notifications import notify, report_label

State = ProgressReport.State
Stage = ReminderLog.Stage
OPEN_STATES = (State.DRAFT, State.RETURNED, State.PENDING_APPROVAL)


def _digest_text(items: list[DueItem]) -> str:
    lines = []
    for item in items:
        period = item.report.period
        lines.append(
            f"- [{Stage(item.stage).label}] {period.title} · {item.report.organisation.display_name}"
            f" · {report_label(item.report)} ("
            + _("hạn %(date)s") % {"date": period.deadline.strftime("%d/%m/%Y")}
            + ")"
        )
    return "\n".join(lines)


def send_due_reminders(*, today: dt.date) -> int:
    """Send today's reminders: one digest per person. Returns how many digests were sent."""
    sent = 0
    for user, items in due_items(today).items():
        try:
            with transaction.atomic():
                ReminderLog.objects.bulk_create(
                    [
                        ReminderLog(
                            report=item.report, recipient=user, stage=item.stage, sent_on=today
                        )
                        for item in items
                    ]
                )
                (notification,) = notify(
                    [user],
                    kind=Notification.Kind.REMINDER,
                    title=_("Nhắc hạn: %(count)s báo cáo cần anh/chị xử lý")
                    % {"count": len(items)},
                    body=_digest_text(items),
                    url=reverse("plans:my_tasks"),
                )
                ReminderLog.objects.filter(
                    recipient=user, sent_on=today, notification__isnull=True
                ).update(notification=notification)
        except IntegrityError:
            continue  # another run reminded this person of the same items meanwhile
        sent += 1
    return sent
