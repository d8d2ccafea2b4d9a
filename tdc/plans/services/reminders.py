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

from tdc.accounts.models import User
from tdc.plans.models import Notification, Plan, ProgressReport, ReminderLog
from tdc.plans.queries.reminders import DueItem, due_items
from tdc.plans.services.notifications import notify, report_label, shorten_title

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


# Days before DoST's own deadline its officers are reminded (and on the day itself).
DOST_REMIND_DAYS = (5, 0)


def send_dost_deadline_reminders(*, today: dt.date) -> int:
    """Remind each province's plan officers of DoST's own deadlines (the synthesis to the
    People's Committee, to the Ministry) 5 days before and on the day; once per stage."""
    from tdc.accounts.capabilities import Capability, roles_with
    from tdc.plans.queries.periods import dost_deadlines

    sent = 0
    roles = roles_with(Capability.MANAGE_PLANS)
    for deadline in dost_deadlines(
        Plan.objects.filter(status=Plan.Status.ACTIVE), today=today, window_days=0
    ):
        left = deadline.days_left(today)
        if deadline.done or left not in DOST_REMIND_DAYS:
            continue
        officers = User.objects.filter(
            is_active=True,
            organisation_id=deadline.period.plan.owner_id,
            role_grants__role__in=list(roles),
        ).distinct()
        stage = _("Đến hạn hôm nay") if left == 0 else _("Sắp đến hạn")
        title = _("%(stage)s — báo cáo của Sở gửi %(to)s trước ngày %(date)s") % {
            "stage": stage,
            "to": deadline.to,
            "date": deadline.due.strftime("%d/%m/%Y"),
        }
        url = deadline.period.get_absolute_url()
        recipients = [
            user
            for user in officers
            if not Notification.objects.filter(
                recipient=user, title=shorten_title(title), url=url
            ).exists()
        ]
        if not recipients:
            continue
        body = _("%(period)s: %(what)s.") % {
            "period": deadline.period.title,
            "what": _("hôm nay là hạn") if left == 0 else _("còn %(n)s ngày") % {"n": left},
        }
        notify(recipients, kind=Notification.Kind.REMINDER, title=title, body=body, url=url)
        sent += len(recipients)
    return sent
