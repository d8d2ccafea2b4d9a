"""Background jobs: thin, take ids, safe to run twice.

Jobs that record what they sent (reminders, transfers) do nothing the second time.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tdc.complaints import notifications
from tdc.complaints.models import (
    Complaint,
    IdentityDisclosureRequest,
    Message,
    ReminderLog,
    Transfer,
)


def _complaint(complaint_id: int) -> Complaint | None:
    return (
        Complaint.objects.select_related("province", "commune", "organisation", "assignee")
        .filter(pk=complaint_id)
        .first()
    )


@task()
def notify_new_complaint(*, complaint_id: int) -> int:
    complaint = _complaint(complaint_id)
    return notifications.send_new_complaint(complaint) if complaint else 0


@task()
def notify_assignee(*, complaint_id: int) -> int:
    complaint = _complaint(complaint_id)
    return notifications.send_assignment(complaint) if complaint else 0


@task()
def notify_citizen(*, complaint_id: int, message_id: int) -> int:
    complaint = _complaint(complaint_id)
    message = Message.objects.filter(pk=message_id, complaint_id=complaint_id).first()
    if complaint is None or message is None:
        return 0
    return notifications.send_citizen_update(complaint, message)


@task()
def notify_reply_received(*, complaint_id: int, message_id: int) -> int:
    complaint = _complaint(complaint_id)
    message = Message.objects.filter(pk=message_id, complaint_id=complaint_id).first()
    if complaint is None or message is None:
        return 0
    return notifications.send_reply_received(complaint, message)


@task()
def notify_disclosure_requested(*, request_id: int) -> int:
    request = (
        IdentityDisclosureRequest.objects.select_related("complaint").filter(pk=request_id).first()
    )
    return notifications.send_disclosure_requested(request) if request else 0


@task()
def notify_disclosure_decided(*, request_id: int) -> int:
    request = (
        IdentityDisclosureRequest.objects.select_related("complaint", "requested_by")
        .filter(pk=request_id)
        .first()
    )
    return notifications.send_disclosure_decision(request) if request else 0


@task()
def send_transfer(*, transfer_id: int) -> int:
    """Send the sanitised copy once: a transfer already sent is not sent again."""
    with transaction.atomic():
        transfer = (
            Transfer.objects.select_for_update(of=("self",))
            .select_related("complaint")
            .filter(pk=transfer_id, sent_at__isnull=True)
            .first()
        )
        if transfer is None:
            return 0
        sent = notifications.send_transfer_copy(transfer)
        if sent:
            transfer.sent_at = timezone.now()
            transfer.save(update_fields=["sent_at"])
        return sent


@task()
def send_reminder(*, reminder_id: int) -> int:
    """Send one reminder or escalation once."""
    with transaction.atomic():
        log = (
            ReminderLog.objects.select_for_update(of=("self",))
            .select_related("complaint", "complaint__province", "complaint__commune")
            .filter(pk=reminder_id, sent_at__isnull=True)
            .first()
        )
        if log is None:
            return 0
        sent = notifications.send_reminder(log)
        log.sent_at = timezone.now()
        log.save(update_fields=["sent_at"])
        return sent


@task()
def send_complaint_reminders() -> dict[str, int]:
    """The periodic sweep (also `manage.py sendcomplaintreminders`)."""
    from tdc.complaints.services import send_due_reminders

    result = send_due_reminders(today=timezone.localdate())
    return {"created": result.created, "resent": result.resent, "pruned": result.pruned}
