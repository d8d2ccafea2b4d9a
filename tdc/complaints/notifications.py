"""E-mails about complaints. Staff e-mails carry the reference, never the reporter's identity.

This is the one module besides `access` that reads `Reporter`: to write to a citizen who gave
an e-mail address and asked for updates. That e-mail goes to the citizen alone and says only
that there is news, to be read with the receipt code.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from tdc.accounts.models import User
from tdc.complaints.crypto import unseal
from tdc.complaints.models import (
    Complaint,
    IdentityDisclosureRequest,
    Message,
    ReminderLog,
    Reporter,
    Transfer,
)
from tdc.complaints.queries import custodians_of, handlers_of

logger = logging.getLogger(__name__)


def _url(name: str, *args: Any) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _addresses(users: Iterable[User]) -> list[str]:
    return sorted({user.email for user in users if user.email})


def _send(subject: str, template: str, context: dict[str, Any], to: list[str]) -> int:
    if not to:
        return 0
    body = render_to_string(f"complaints/emails/{template}.txt", context)
    return send_mail(f"[TĐC] {subject}", body, None, to)


def _complaint_context(complaint: Complaint) -> dict[str, Any]:
    return {
        "complaint": complaint,
        "category": complaint.get_category_display(),
        "place": complaint.commune.name if complaint.commune else complaint.province.name,
        "url": _url("complaints:detail", complaint.pk),
    }


def send_new_complaint(complaint: Complaint) -> int:
    """Tell the responsible organisation's handlers that a complaint was routed to them."""
    if complaint.organisation_id is None:
        return 0
    to = _addresses(handlers_of(complaint.organisation_id))
    sent = _send(
        f"Phản ánh mới {complaint.reference}", "new_complaint", _complaint_context(complaint), to
    )
    logger.info("complaint %s: new-complaint e-mail to %d handlers", complaint.reference, len(to))
    return sent


def send_assignment(complaint: Complaint) -> int:
    if complaint.assignee is None:
        return 0
    return _send(
        f"Bạn được giao xử lý phản ánh {complaint.reference}",
        "assigned",
        _complaint_context(complaint),
        _addresses([complaint.assignee]),
    )


def send_reply_received(complaint: Complaint, message: Message) -> int:
    """The citizen answered or added files: tell the handler (or the organisation)."""
    if complaint.assignee is not None:
        users: Iterable[User] = [complaint.assignee]
    elif complaint.organisation_id is not None:
        users = handlers_of(complaint.organisation_id)
    else:
        users = []
    return _send(
        f"Người phản ánh đã bổ sung thông tin cho {complaint.reference}",
        "reply_received",
        _complaint_context(complaint),
        _addresses(users),
    )


@sensitive_variables()
def send_citizen_update(complaint: Complaint, message: Message) -> int:
    """Tell a citizen who asked for e-mail updates that their report has news."""
    stored = Reporter.objects.filter(complaint=complaint, wants_email_updates=True).first()
    if stored is None:
        return 0
    address = unseal(stored.sealed_identity, complaint_id=complaint.pk).email
    if not address:
        return 0
    body = render_to_string(
        "complaints/emails/citizen_update.txt",
        {
            "complaint": complaint,
            "is_question": message.kind == Message.Kind.QUESTION,
            "status": complaint.get_status_display(),
            "url": _url("complaints:follow"),
        },
    )
    # One message to one address: the citizen's address is never shown to anyone else.
    return EmailMessage(
        f"[TĐC] Phản ánh {complaint.reference} có cập nhật mới", body, None, [address]
    ).send()


def send_disclosure_requested(request: IdentityDisclosureRequest) -> int:
    complaint = request.complaint
    return _send(
        f"Đề nghị công khai danh tính — {complaint.reference}",
        "disclosure_requested",
        {
            **_complaint_context(complaint),
            "request": request,
            "url": _url("complaints:disclosure_detail", request.pk),
        },
        _addresses(custodians_of(complaint.province_id)),
    )


def send_disclosure_decision(request: IdentityDisclosureRequest) -> int:
    complaint = request.complaint
    return _send(
        f"Kết quả đề nghị công khai danh tính — {complaint.reference}",
        "disclosure_decided",
        {**_complaint_context(complaint), "request": request},
        _addresses([request.requested_by]),
    )


def send_transfer_copy(transfer: Transfer) -> int:
    """The sanitised copy, with the cleaned files, to the receiving authority."""
    if not transfer.authority_email:
        return 0
    complaint = transfer.complaint
    body = render_to_string(
        "complaints/emails/transfer.txt", {"transfer": transfer, "copy": transfer.sanitised_copy}
    )
    email = EmailMessage(
        f"[TĐC] Chuyển phản ánh {complaint.reference} để xử lý theo thẩm quyền",
        body,
        None,
        [transfer.authority_email],
    )
    for attachment in complaint.attachments.filter(status="stored"):
        with attachment.file.open("rb") as handle:
            email.attach(
                f"{complaint.reference}-{attachment.pk}.{(attachment.file.name or 'bin').rsplit('.', 1)[-1]}",
                handle.read(),
                attachment.content_type,
            )
    return email.send()


def send_reminder(log: ReminderLog) -> int:
    complaint = log.complaint
    users = User.objects.filter(pk__in=log.recipients)
    is_escalation = log.kind == ReminderLog.Kind.ESCALATION
    subject = (
        f"Quá hạn xử lý phản ánh {complaint.reference}"
        if is_escalation
        else f"Sắp đến hạn xử lý phản ánh {complaint.reference}"
    )
    return _send(
        subject,
        "reminder",
        {
            **_complaint_context(complaint),
            "log": log,
            "is_escalation": is_escalation,
            "step": STEP_LABELS.get(log.step, log.step),
            "today": timezone.localdate(),
        },
        _addresses(users),
    )


STEP_LABELS = {
    "acknowledge": "xác nhận, thụ lý",
    "assign": "giao cán bộ xử lý",
    "conclude": "giải quyết, kết luận",
}
