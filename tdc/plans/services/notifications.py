"""In-app notifications (the bell) and their e-mail copies.

Background jobs call these functions: a notification row is created once, and its e-mail is sent
at most once (`emailed_at` is claimed with a conditional update before sending).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.accounts.queries import users_with_role
from tdc.core.text import shorten
from tdc.plans.models import ExplanationRequest, Notification, ProgressReport, ReportEvent
from tdc.plans.queries.notifications import AGENCY_MEMBERS, AGENCY_WRITERS, APPROVERS, REVIEWERS


def mark_all_read(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


TITLE_LIMIT = 300  # Notification.title's length; titles become e-mail subjects


def shorten_title(title: str) -> str:
    """A notification's title as stored and sent: shortened between words, never inside one."""
    return shorten(title, TITLE_LIMIT)


@transaction.atomic
def notify(
    users: Iterable[User], *, kind: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    """One notification per person (each person once), e-mailed after commit."""
    unique = {user.pk: user for user in users if user.is_active}
    created = Notification.objects.bulk_create(
        [
            Notification(recipient=user, kind=kind, title=shorten_title(title), body=body, url=url)
            for user in unique.values()
        ]
    )
    for notification in created:
        transaction.on_commit(partial(deliver_email, notification.pk))
    return created


def deliver_email(notification_id: int) -> bool:
    """Send a notification's e-mail copy unless it was sent already (safe to run twice)."""
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    address = notification.recipient.email
    if not address:
        return False
    link = f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
    text = notification.body + (f"\n\n{link}" if link else "")
    try:
        send_mail(f"[TĐC] {notification.title}", text, None, [address])
    except OSError:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True


# --- What happened to a report -----------------------------------------------------------------


def _members(organisation_id: int, *roles: str) -> list[User]:
    users: list[User] = []
    for role in roles:
        users.extend(users_with_role(role, organisation_id=organisation_id))
    return users


def _officers_of(province_id: int) -> list[User]:
    users: list[User] = []
    for role in sorted(REVIEWERS):
        users.extend(users_with_role(role).filter(organisation__province_id=province_id))
    return users


def notify_report_event(event_id: int) -> int:
    """Tell the right people about a step in a report's life; returns how many were told."""
    event = ReportEvent.objects.select_related(
        "report",
        "report__period",
        "report__period__plan",
        "report__organisation",
        "report__assignment__task",
    ).get(pk=event_id)
    report = event.report
    url = reverse("plans:report_detail", args=[report.pk])
    subject = f"{report.period.title} — {report_label(report)}"
    kind = ReportEvent.Kind
    recipients: list[User]
    if event.kind in (kind.SUBMITTED, kind.RESUBMITTED):
        recipients = _officers_of(report.period.plan.province_id)
        title = _("%(org)s đã gửi báo cáo: %(subject)s") % {
            "org": report.organisation.display_name,
            "subject": subject,
        }
    elif event.kind == kind.SUBMITTED_FOR_APPROVAL:
        recipients = _members(report.organisation_id, *sorted(APPROVERS))
        title = _("Báo cáo chờ anh/chị duyệt: %(subject)s") % {"subject": subject}
    elif event.kind in (kind.RETURNED, kind.REOPENED, kind.SENT_BACK):
        recipients = _members(report.organisation_id, *sorted(AGENCY_WRITERS))
        if report.organisation.kind == report.organisation.Kind.DOST:
            recipients = _officers_of(report.period.plan.province_id)
        title = _("Báo cáo cần bổ sung: %(subject)s") % {"subject": subject}
    elif event.kind == kind.ACCEPTED:
        recipients = _members(report.organisation_id, *sorted(AGENCY_MEMBERS))
        title = _("Sở KH&CN đã tiếp nhận báo cáo: %(subject)s") % {"subject": subject}
    else:
        return 0
    recipients = [user for user in recipients if event.actor_id != user.pk]
    body = event.note and _("Ghi chú: %(note)s") % {"note": event.note}
    return len(notify(recipients, kind=Notification.Kind.REPORT, title=title, body=body, url=url))


def notify_explanation(explanation_id: int, *, what: str) -> int:
    """'requested': tell the agency; 'answered': tell the officer who asked."""
    explanation = ExplanationRequest.objects.select_related(
        "period", "organisation", "requested_by"
    ).get(pk=explanation_id)
    url = reverse("plans:explanation_detail", args=[explanation.pk])
    if what == "requested":
        recipients = _members(explanation.organisation_id, *sorted(AGENCY_MEMBERS))
        title = _("Sở KH&CN yêu cầu giải trình việc chậm báo cáo: %(period)s") % {
            "period": explanation.period.title
        }
        body = (
            explanation.message
            + "\n"
            + _("Hạn giải trình: %(date)s") % {"date": explanation.due_date.strftime("%d/%m/%Y")}
        )
    else:
        recipients = [explanation.requested_by] if explanation.requested_by else []
        title = _("%(org)s đã giải trình: %(period)s") % {
            "org": explanation.organisation.display_name,
            "period": explanation.period.title,
        }
        body = explanation.response
    return len(
        notify(recipients, kind=Notification.Kind.EXPLANATION, title=title, body=body, url=url)
    )


def report_label(report: ProgressReport) -> str:
    task = report.assignment.task
    number = f"{task.number}. " if task.number else ""
    # One line (a duty's text has one line per item): it goes into e-mail subjects.
    return f"{number}{shorten(' '.join(task.content.split()), 90)}"
