"""Helpers shared by the complaint services: moving along the lifecycle, public updates, jobs."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.complaints import jobs
from tdc.complaints.models import TRANSITIONS, Complaint, Message
from tdc.core.audit import record


def enqueue(job: Any, **kwargs: Any) -> None:
    """Run `job` after the transaction commits (never for work that was rolled back)."""
    transaction.on_commit(partial(job.enqueue, **kwargs))


def check_transition(complaint: Complaint, to: str) -> None:
    if to not in TRANSITIONS[complaint.status]:
        raise ValidationError(
            _("Hồ sơ đang ở trạng thái “%(old)s” không thể chuyển sang “%(new)s”.")
            % {"old": complaint.get_status_display(), "new": Complaint.Status(to).label}
        )


def move(
    complaint: Complaint,
    *,
    to: str,
    by: User | None,
    fields: list[str] | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Change the status (after the caller set the step's other fields) and audit it."""
    check_transition(complaint, to)
    previous = complaint.status
    complaint.status = to
    complaint.full_clean()
    complaint.save(update_fields=["status", "updated_at", *(fields or [])])
    record(
        actor=by,
        action="complaint.status_changed",
        target=complaint,
        data={"from": previous, "to": to, **(data or {})},
    )


def public_update(complaint: Complaint, text: str, *, by: User | None = None) -> Message:
    """A step the citizen sees on the follow-up page (and by e-mail if they asked for it)."""
    message = Message.objects.create(
        complaint=complaint,
        kind=Message.Kind.UPDATE,
        body=text,
        author=by if by is not None and by.is_authenticated else None,
        status=complaint.status,
    )
    if not complaint.is_anonymous:
        enqueue(jobs.notify_citizen, complaint_id=complaint.pk, message_id=message.pk)
    return message


def local_today() -> dt.date:
    return timezone.localdate()


def handled_on_time(complaint: Complaint, when: dt.datetime) -> bool | None:
    """Handled by the deadline of the step it was handled in (conclude, or acknowledge)."""
    due = complaint.conclude_due if complaint.accepted_at else complaint.acknowledge_due
    if due is None:
        return None
    return timezone.localdate(when) <= due
