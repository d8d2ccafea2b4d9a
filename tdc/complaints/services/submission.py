"""A citizen's side: submitting a report, answering questions, adding files."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import Commune, Province, User
from tdc.complaints import jobs
from tdc.complaints.access import store_identity
from tdc.complaints.attachments import (
    MAX_FILES_PER_COMPLAINT,
    AttachmentRejected,
    clean_upload,
)
from tdc.complaints.crypto import Identity
from tdc.complaints.deadlines import policy
from tdc.complaints.models import OPEN_STATUSES, Attachment, Complaint, Message, Receipt
from tdc.complaints.queries import route_for
from tdc.complaints.receipts import ALPHABET, hash_code, new_receipt_code
from tdc.complaints.services.common import enqueue, public_update
from tdc.core.audit import record
from tdc.core.text import fold
from tdc.core.workdays import add_working_days

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submitted:
    complaint: Complaint
    receipt_code: str  # shown once, never stored
    failed_files: int


def new_reference(today: dt.date) -> str:
    for _attempt in range(10):
        suffix = "".join(secrets.choice(ALPHABET) for _ in range(6))
        reference = f"PA{today:%y}-{suffix}"
        if not Complaint.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free complaint reference.")  # 32^6 codes: never


def refresh_search_key(complaint: Complaint) -> None:
    parts = [
        complaint.reference,
        complaint.business_name,
        complaint.address,
        complaint.commune.name if complaint.commune else "",
        complaint.description[:300],
    ]
    complaint.search_key = fold(" ".join(p for p in parts if p))[:600]


@sensitive_variables()
@transaction.atomic
def _create(
    *,
    category: str,
    province: Province,
    commune: Commune | None,
    address: str,
    business_name: str,
    occurred_on: dt.date | None,
    description: str,
    identity: Identity | None,
    wants_denunciation: bool,
    wants_email_updates: bool,
    channel: str = Complaint.Channel.WEB,
    recorded_by: User | None = None,
) -> tuple[Complaint, str]:
    if commune is not None and commune.province_id != province.pk:
        raise ValidationError({"commune": _("Xã, phường không thuộc tỉnh đã chọn.")})
    has_identity = identity is not None and not identity.is_empty
    if wants_denunciation and not (has_identity and identity is not None and identity.name):
        raise ValidationError(
            _("Đơn tố cáo cần có họ tên người tố cáo (được giữ bí mật theo Luật Tố cáo).")
        )
    today = timezone.localdate()
    organisation = route_for(
        category=category, province_id=province.pk, commune_id=commune.pk if commune else None
    )
    complaint = Complaint(
        reference=new_reference(today),
        category=category,
        track=Complaint.Track.DENUNCIATION if wants_denunciation else Complaint.Track.TIP,
        is_anonymous=not has_identity,
        province=province,
        commune=commune,
        address=address.strip(),
        business_name=business_name.strip(),
        business_key=fold(business_name)[:200],
        occurred_on=occurred_on,
        description=description.strip(),
        organisation=organisation,
        acknowledge_due=add_working_days(today, policy().acknowledge_working_days),
        channel=channel,
        recorded_by=recorded_by,
    )
    refresh_search_key(complaint)
    complaint.full_clean()
    complaint.save()
    if has_identity and identity is not None:
        store_identity(complaint, identity, wants_email_updates=wants_email_updates)
    code = new_receipt_code()
    Receipt.objects.create(complaint=complaint, code_hash=hash_code(code))
    public_update(complaint, _("Đã tiếp nhận phản ánh."))
    record(
        actor=recorded_by,
        action="complaint.recorded" if recorded_by is not None else "complaint.submitted",
        target=complaint,
        data={
            "category": complaint.category,
            "track": complaint.track,
            "channel": complaint.channel,
            "anonymous": complaint.is_anonymous,
            "organisation": organisation.pk if organisation else None,
        },
        organisation_id=organisation.pk if organisation else None,
    )
    enqueue(jobs.notify_new_complaint, complaint_id=complaint.pk)
    return complaint, code


@sensitive_variables()
def submit_complaint(
    *,
    category: str,
    province: Province,
    commune: Commune | None,
    description: str,
    address: str = "",
    business_name: str = "",
    occurred_on: dt.date | None = None,
    identity: Identity | None = None,
    wants_denunciation: bool = False,
    wants_email_updates: bool = False,
    files: Sequence[UploadedFile[Any]] = (),
    channel: str = Complaint.Channel.WEB,
    recorded_by: User | None = None,
) -> Submitted:
    """Store a citizen's report, route it, and issue its receipt code.

    The report is committed before its files are processed: a file that fails is recorded as
    failed with a reason, and never costs the report its text. A report received by phone,
    hotline, letter, e-mail or in person is entered by staff (`recorded_by`, `channel`) through
    `record_received_complaint`.
    """
    complaint, code = _create(
        channel=channel,
        recorded_by=recorded_by,
        category=category,
        province=province,
        commune=commune,
        address=address,
        business_name=business_name,
        occurred_on=occurred_on,
        description=description,
        identity=identity,
        wants_denunciation=wants_denunciation,
        wants_email_updates=wants_email_updates,
    )
    attachments = attach_files(complaint, files, by=recorded_by)
    failed = sum(1 for a in attachments if a.status == Attachment.Status.FAILED)
    logger.info(
        "complaint %s submitted: category=%s files=%d failed=%d",
        complaint.reference,
        complaint.category,
        len(attachments),
        failed,
    )
    return Submitted(complaint=complaint, receipt_code=code, failed_files=failed)


@sensitive_variables()
def record_received_complaint(
    *, by: User, channel: str, province: Province, **values: Any
) -> Submitted:
    """A DoST officer enters a report received outside the web form (hotline, phone, letter,
    e-mail, walk-in), so that every report, whatever its channel, is counted and handled."""
    if not can(by, Capability.RECORD_COMPLAINTS) or by.province_id != province.pk:
        raise PermissionDenied
    if channel == Complaint.Channel.WEB or channel not in Complaint.Channel.values:
        raise ValidationError({"channel": _("Hãy chọn kênh đã tiếp nhận phản ánh.")})
    return submit_complaint(province=province, channel=channel, recorded_by=by, **values)


def attach_files(
    complaint: Complaint,
    files: Sequence[UploadedFile[Any]],
    *,
    by: User | None,
    message: Message | None = None,
) -> list[Attachment]:
    """Clean and store each file on its own; a failure becomes a failed row with its reason."""
    results = []
    room = MAX_FILES_PER_COMPLAINT - complaint.attachments.count()
    for index, upload in enumerate(files):
        if index >= room:
            results.append(
                _failed(complaint, message, by, _("Đã đạt số tệp tối đa cho một hồ sơ."))
            )
            continue
        results.append(_attach_one(complaint, upload, by=by, message=message))
    return results


def _failed(
    complaint: Complaint, message: Message | None, by: User | None, reason: str
) -> Attachment:
    return Attachment.objects.create(
        complaint=complaint,
        message=message,
        kind=Attachment.Kind.UNKNOWN,
        status=Attachment.Status.FAILED,
        failure_reason=reason[:300],
        uploaded_by=by,
    )


def _attach_one(
    complaint: Complaint, upload: UploadedFile[Any], *, by: User | None, message: Message | None
) -> Attachment:
    try:
        clean = clean_upload(upload)
        with transaction.atomic():
            attachment = Attachment(
                complaint=complaint,
                message=message,
                kind=clean.kind,
                status=Attachment.Status.STORED,
                content_type=clean.content_type,
                size=len(clean.content),
                sha256=clean.sha256,
                uploaded_by=by,
            )
            attachment.file.save(
                f"upload.{clean.extension}", ContentFile(clean.content), save=False
            )
            attachment.save()
            return attachment
    except AttachmentRejected as rejected:
        return _failed(complaint, message, by, rejected.reason)
    except Exception:
        # The one broad catch, on purpose: whatever a file does (a storage error, a decoder
        # bug), the report it came with is already stored and must stay so. Record it.
        logger.exception("complaint %s: attachment processing failed", complaint.reference)
        return _failed(complaint, message, by, _("Lỗi hệ thống khi xử lý tệp; vui lòng gửi lại."))


@sensitive_variables()
def add_citizen_reply(
    complaint: Complaint,
    *,
    body: str,
    files: Sequence[UploadedFile[Any]] = (),
    in_reply_to: Message | None = None,
) -> Message:
    """A citizen answers a question or adds information, through their receipt."""
    if complaint.status not in OPEN_STATUSES:
        raise ValidationError(_("Hồ sơ đã xử lý xong nên không nhận thêm thông tin."))
    if not body.strip() and not files:
        raise ValidationError(_("Hãy viết nội dung trả lời hoặc chọn tệp."))
    if in_reply_to is not None and (
        in_reply_to.complaint_id != complaint.pk or in_reply_to.kind != Message.Kind.QUESTION
    ):
        raise ValidationError(_("Câu hỏi không thuộc hồ sơ này."))
    with transaction.atomic():
        message = Message.objects.create(
            complaint=complaint,
            kind=Message.Kind.REPLY,
            body=body.strip() or _("(Bổ sung tệp)"),
            in_reply_to=in_reply_to,
        )
        record(
            actor=None,
            action="complaint.citizen_replied",
            target=complaint,
            data={"message": message.pk, "files": len(files)},
        )
        enqueue(jobs.notify_reply_received, complaint_id=complaint.pk, message_id=message.pk)
    attach_files(complaint, files, by=None, message=message)
    logger.info("complaint %s: citizen reply %d", complaint.reference, message.pk)
    return message
