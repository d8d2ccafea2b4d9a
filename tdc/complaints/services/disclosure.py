"""Revealing a reporter's identity: a handler asks with a reason, a custodian decides."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.complaints import jobs
from tdc.complaints.access import can_decide_disclosure, can_request_disclosure
from tdc.complaints.deadlines import policy
from tdc.complaints.models import Complaint, IdentityDisclosureRequest
from tdc.complaints.services.common import enqueue
from tdc.core.audit import record

Status = IdentityDisclosureRequest.Status


@transaction.atomic
def request_identity_disclosure(
    complaint: Complaint, *, reason: str, by: User
) -> IdentityDisclosureRequest:
    """Ask a custodian to reveal the reporter's identity to `by` alone."""
    if complaint.is_anonymous:
        raise ValidationError(_("Phản ánh ẩn danh: không có danh tính để công khai."))
    if not can_request_disclosure(by, complaint):
        raise ValidationError(_("Bạn không xử lý hồ sơ này."))
    if len(reason.strip()) < 20:
        raise ValidationError(_("Hãy nêu rõ lý do cần biết danh tính (ít nhất 20 ký tự)."))
    if IdentityDisclosureRequest.objects.filter(
        complaint=complaint, requested_by=by, status=Status.PENDING
    ).exists():
        raise ValidationError(_("Bạn đã có một đề nghị đang chờ quyết định."))
    request = IdentityDisclosureRequest.objects.create(
        complaint=complaint, requested_by=by, reason=reason.strip()
    )
    record(
        actor=by,
        action="complaint.identity_disclosure_requested",
        target=complaint,
        data={"disclosure_request": request.pk, "reason": request.reason},
    )
    enqueue(jobs.notify_disclosure_requested, request_id=request.pk)
    return request


@transaction.atomic
def decide_identity_disclosure(
    request: IdentityDisclosureRequest, *, approve: bool, note: str, by: User
) -> IdentityDisclosureRequest:
    """Approve (for a limited time, to the requester only) or refuse; both are audited."""
    if request.requested_by_id == by.pk:
        raise ValidationError(
            _(
                "Bạn không thể tự quyết định đề nghị của chính mình: người đề nghị và người "
                "quyết định phải là hai người khác nhau."
            )
        )
    if not can_decide_disclosure(by, request):
        raise ValidationError(_("Bạn không có quyền quyết định đề nghị này."))
    if request.status != Status.PENDING:
        raise ValidationError(_("Đề nghị này đã được quyết định."))
    if not approve and not note.strip():
        raise ValidationError(_("Hãy ghi lý do từ chối."))
    now = timezone.now()
    request.status = Status.APPROVED if approve else Status.REFUSED
    request.decided_by = by
    request.decided_at = now
    request.decision_note = note.strip()
    request.expires_at = (
        now + dt.timedelta(days=policy().disclosure_valid_days) if approve else None
    )
    request.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", "expires_at"]
    )
    record(
        actor=by,
        action=(
            "complaint.identity_disclosure_approved"
            if approve
            else "complaint.identity_disclosure_refused"
        ),
        target=request.complaint,
        data={
            "disclosure_request": request.pk,
            "requested_by": request.requested_by_id,
            "note": request.decision_note,
        },
    )
    enqueue(jobs.notify_disclosure_decided, request_id=request.pk)
    return request
