"""A handler's side: the lifecycle of a complaint, from receipt to closing.

received → accepted (or rejected: out of scope, duplicate, insufficient information) →
assigned → verifying → concluded (violation confirmed, not confirmed, transferred) → closed.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.complaints import jobs
from tdc.complaints.deadlines import policy
from tdc.complaints.models import OPEN_STATUSES, Complaint, Message, Transfer
from tdc.complaints.queries import assignable_users, routable_organisations
from tdc.complaints.services.common import (
    check_transition,
    enqueue,
    handled_on_time,
    local_today,
    move,
    public_update,
)
from tdc.core.audit import record
from tdc.core.workdays import add_working_days

logger = logging.getLogger(__name__)
Status = Complaint.Status


def _conclude_due(complaint: Complaint, accepted_on: dt.date) -> dt.date:
    return accepted_on + dt.timedelta(
        days=policy().conclude_days(complaint.track) + complaint.extension_days
    )


@transaction.atomic
def accept_complaint(complaint: Complaint, *, by: User, note: str = "") -> Complaint:
    """Accept for handling: the assign and conclude deadlines start today."""
    now = timezone.now()
    today = local_today()
    complaint.accepted_at = now
    complaint.acknowledged_at = complaint.acknowledged_at or now
    complaint.assign_due = add_working_days(today, policy().assign_working_days)
    complaint.conclude_due = _conclude_due(complaint, today)
    move(
        complaint,
        to=Status.ACCEPTED,
        by=by,
        fields=["accepted_at", "acknowledged_at", "assign_due", "conclude_due"],
        data={"note": note},
    )
    # The deadline is not written into the text: the follow-up page shows the current one.
    organisation = complaint.organisation.name if complaint.organisation else ""
    text = _("Phản ánh đã được thụ lý. Cơ quan xử lý: %(org)s.") % {"org": organisation}
    public_update(complaint, text, by=by)
    return complaint


def _mark_handled(complaint: Complaint) -> list[str]:
    now = timezone.now()
    complaint.handled_at = now
    complaint.acknowledged_at = complaint.acknowledged_at or now
    complaint.handled_on_time = handled_on_time(complaint, now)
    return ["handled_at", "acknowledged_at", "handled_on_time"]


@transaction.atomic
def reject_complaint(complaint: Complaint, *, reason: str, by: User, note: str = "") -> Complaint:
    """Do not handle it, with one of the reasons the citizen is told."""
    if reason not in Complaint.RejectionReason.values:
        raise ValidationError(_("Hãy chọn lý do không thụ lý."))
    check_transition(complaint, Status.REJECTED)
    complaint.rejection_reason = reason
    fields = ["rejection_reason", *_mark_handled(complaint)]
    move(complaint, to=Status.REJECTED, by=by, fields=fields, data={"reason": reason, "note": note})
    text = _("Không thụ lý: %(reason)s.") % {"reason": Complaint.RejectionReason(reason).label}
    public_update(complaint, f"{text} {note}".strip(), by=by)
    return complaint


@transaction.atomic
def assign_complaint(complaint: Complaint, *, to: User, by: User) -> Complaint:
    """Give the complaint to a handler of the responsible organisation (or change handler)."""
    if not assignable_users(complaint).filter(pk=to.pk).exists():
        raise ValidationError(_("Chỉ giao cho cán bộ của cơ quan đang xử lý hồ sơ."))
    if complaint.status not in (Status.ACCEPTED, Status.ASSIGNED, Status.VERIFYING):
        raise ValidationError(_("Chỉ giao xử lý hồ sơ đã được thụ lý."))
    previous = complaint.assignee_id
    complaint.assignee = to
    if complaint.status == Status.ACCEPTED:
        move(complaint, to=Status.ASSIGNED, by=by, fields=["assignee"], data={"assignee": to.pk})
        public_update(complaint, _("Hồ sơ đã được giao cán bộ xử lý."), by=by)
    else:
        complaint.save(update_fields=["assignee", "updated_at"])
    record(
        actor=by,
        action="complaint.assigned",
        target=complaint,
        data={"changes": {"assignee": {"old": previous, "new": to.pk}}},
    )
    enqueue(jobs.notify_assignee, complaint_id=complaint.pk)
    return complaint


@transaction.atomic
def start_verification(complaint: Complaint, *, by: User, note: str = "") -> Complaint:
    move(complaint, to=Status.VERIFYING, by=by, data={"note": note})
    public_update(complaint, _("Cơ quan chức năng đang xác minh nội dung phản ánh."), by=by)
    return complaint


@transaction.atomic
def conclude_complaint(
    complaint: Complaint, *, outcome: str, conclusion: str, by: User
) -> Complaint:
    """Record the conclusion; `conclusion` is the text the citizen reads."""
    if outcome not in (Complaint.Outcome.VIOLATION_CONFIRMED, Complaint.Outcome.NOT_CONFIRMED):
        raise ValidationError(_("Hãy chọn kết quả xác minh."))
    if not conclusion.strip():
        raise ValidationError(_("Hãy ghi kết luận để thông báo cho người phản ánh."))
    check_transition(complaint, Status.CONCLUDED)
    complaint.outcome = outcome
    complaint.conclusion = conclusion.strip()
    fields = ["outcome", "conclusion", *_mark_handled(complaint)]
    move(complaint, to=Status.CONCLUDED, by=by, fields=fields, data={"outcome": outcome})
    text = _("Đã có kết luận: %(outcome)s.") % {"outcome": Complaint.Outcome(outcome).label}
    public_update(complaint, f"{text} {complaint.conclusion}", by=by)
    return complaint


@transaction.atomic
def close_complaint(complaint: Complaint, *, by: User, note: str = "") -> Complaint:
    complaint.closed_at = timezone.now()
    move(complaint, to=Status.CLOSED, by=by, fields=["closed_at"], data={"note": note})
    public_update(complaint, _("Hồ sơ đã được đóng."), by=by)
    return complaint


def change_complaint_status(
    complaint: Complaint,
    *,
    to: str,
    by: User,
    note: str = "",
    reason: str = "",
    outcome: str = "",
    conclusion: str = "",
) -> Complaint:
    """One entry point for every status change (the API and simple forms use it)."""
    if to == Status.ACCEPTED:
        return accept_complaint(complaint, by=by, note=note)
    if to == Status.REJECTED:
        return reject_complaint(complaint, reason=reason, by=by, note=note)
    if to == Status.VERIFYING:
        return start_verification(complaint, by=by, note=note)
    if to == Status.CONCLUDED:
        return conclude_complaint(complaint, outcome=outcome, conclusion=conclusion, by=by)
    if to == Status.CLOSED:
        return close_complaint(complaint, by=by, note=note)
    raise ValidationError(_("Dùng chức năng giao xử lý để chuyển hồ sơ sang “Đã giao xử lý”."))


@transaction.atomic
def change_track(complaint: Complaint, *, to: str, reason: str, by: User) -> Complaint:
    """Move between phản ánh and tố cáo, with a reason. A tố cáo needs the reporter's identity."""
    if to not in Complaint.Track.values or to == complaint.track:
        raise ValidationError(_("Hãy chọn diện xử lý khác diện hiện tại."))
    if not reason.strip():
        raise ValidationError(_("Hãy ghi lý do chuyển diện xử lý."))
    if complaint.status not in OPEN_STATUSES:
        raise ValidationError(_("Hồ sơ đã xử lý xong không thể chuyển diện."))
    if to == Complaint.Track.DENUNCIATION and complaint.is_anonymous:
        raise ValidationError(
            _("Phản ánh ẩn danh không thể chuyển thành tố cáo: tố cáo cần danh tính người tố cáo.")
        )
    previous = complaint.track
    complaint.track = to
    fields = ["track"]
    if to == Complaint.Track.TIP:
        complaint.extension_days = 0
        complaint.extension_count = 0
        fields += ["extension_days", "extension_count"]
    if complaint.accepted_at is not None:
        complaint.conclude_due = _conclude_due(complaint, timezone.localdate(complaint.accepted_at))
        fields.append("conclude_due")
    complaint.full_clean()
    complaint.save(update_fields=[*fields, "updated_at"])
    record(
        actor=by,
        action="complaint.track_changed",
        target=complaint,
        data={"changes": {"track": {"old": previous, "new": to}}, "reason": reason},
    )
    public_update(
        complaint,
        _("Hồ sơ được xử lý theo diện: %(track)s.") % {"track": Complaint.Track(to).label},
        by=by,
    )
    return complaint


@transaction.atomic
def extend_settlement(complaint: Complaint, *, days: int, reason: str, by: User) -> Complaint:
    """Extend a denunciation's settlement (Law on Denunciation 2018: to 60, at most 90 days)."""
    rules = policy()
    if complaint.track != Complaint.Track.DENUNCIATION:
        raise ValidationError(_("Chỉ gia hạn giải quyết đối với tố cáo."))
    if complaint.status not in (Status.ACCEPTED, Status.ASSIGNED, Status.VERIFYING):
        raise ValidationError(_("Chỉ gia hạn hồ sơ đang giải quyết."))
    if complaint.extension_count >= rules.max_extensions:
        raise ValidationError(_("Đã gia hạn tối đa số lần cho phép."))
    if not 1 <= days <= rules.max_extension_days_each:
        raise ValidationError(
            _("Mỗi lần gia hạn không quá %(n)d ngày.") % {"n": rules.max_extension_days_each}
        )
    if not reason.strip():
        raise ValidationError(_("Hãy ghi lý do gia hạn."))
    previous = complaint.conclude_due
    complaint.extension_days += days
    complaint.extension_count += 1
    complaint.conclude_due = (complaint.conclude_due or local_today()) + dt.timedelta(days=days)
    complaint.full_clean()
    complaint.save(
        update_fields=["extension_days", "extension_count", "conclude_due", "updated_at"]
    )
    record(
        actor=by,
        action="complaint.settlement_extended",
        target=complaint,
        data={
            "changes": {"conclude_due": {"old": previous, "new": complaint.conclude_due}},
            "days": days,
            "reason": reason,
        },
    )
    public_update(
        complaint,
        _("Thời hạn giải quyết được gia hạn đến %(due)s.")
        % {"due": date_format(complaint.conclude_due, "d/m/Y")},
        by=by,
    )
    return complaint


@transaction.atomic
def reroute_complaint(
    complaint: Complaint, *, to: Organisation, reason: str, by: User
) -> Complaint:
    """Hand the complaint to another organisation of the province, with a reason."""
    if complaint.status not in OPEN_STATUSES:
        raise ValidationError(_("Hồ sơ đã xử lý xong không thể chuyển cơ quan xử lý."))
    if not routable_organisations(complaint.province_id).filter(pk=to.pk).exists():
        raise ValidationError(_("Cơ quan nhận phải là cơ quan nhà nước trong tỉnh."))
    if to.pk == complaint.organisation_id:
        raise ValidationError(_("Hồ sơ đã thuộc cơ quan này."))
    if not reason.strip():
        raise ValidationError(_("Hãy ghi lý do chuyển."))
    previous = complaint.organisation_id
    complaint.organisation = to
    complaint.assignee = None
    fields = ["organisation", "assignee"]
    if complaint.status in (Status.ASSIGNED, Status.VERIFYING):
        complaint.assign_due = add_working_days(local_today(), policy().assign_working_days)
        move(
            complaint,
            to=Status.ACCEPTED,
            by=by,
            fields=[*fields, "assign_due"],
            data={"note": "rerouted"},
        )
    else:
        complaint.save(update_fields=[*fields, "updated_at"])
    record(
        actor=by,
        action="complaint.rerouted",
        target=complaint,
        data={"changes": {"organisation": {"old": previous, "new": to.pk}}, "reason": reason},
        organisation_id=to.pk,
    )
    public_update(complaint, _("Hồ sơ được chuyển cho %(org)s xử lý.") % {"org": to.name}, by=by)
    enqueue(jobs.notify_new_complaint, complaint_id=complaint.pk)
    return complaint


def sanitised_copy(complaint: Complaint) -> dict[str, Any]:
    """What another authority receives: the facts and files, never who reported them."""
    return {
        "reference": complaint.reference,
        "received_on": timezone.localdate(complaint.created_at).isoformat(),
        "category": str(complaint.get_category_display()),
        "track": str(complaint.get_track_display()),
        "province": complaint.province.name,
        "commune": complaint.commune.name if complaint.commune else "",
        "address": complaint.address,
        "business_name": complaint.business_name,
        "occurred_on": complaint.occurred_on.isoformat() if complaint.occurred_on else "",
        "description": complaint.description,
        "files": complaint.attachments.filter(status="stored").count(),
    }


@transaction.atomic
def transfer_complaint(
    complaint: Complaint,
    *,
    authority_name: str,
    reason: str,
    by: User,
    authority: Organisation | None = None,
    authority_email: str = "",
) -> Transfer:
    """Conclude by handing over to another authority, which gets a copy without identity."""
    if complaint.status not in (Status.ACCEPTED, Status.ASSIGNED, Status.VERIFYING):
        raise ValidationError(_("Chỉ chuyển hồ sơ đã thụ lý và đang giải quyết."))
    if not reason.strip():
        raise ValidationError(_("Hãy ghi lý do chuyển."))
    name = (authority.name if authority is not None else authority_name).strip()
    if not name:
        raise ValidationError(_("Hãy chọn hoặc ghi tên cơ quan nhận."))
    email = authority_email.strip() or (authority.email if authority is not None else "")
    transfer = Transfer.objects.create(
        complaint=complaint,
        authority=authority,
        authority_name=name,
        authority_email=email,
        reason=reason.strip(),
        sanitised_copy=sanitised_copy(complaint),
        created_by=by,
    )
    complaint.outcome = Complaint.Outcome.TRANSFERRED
    complaint.conclusion = _("Chuyển %(name)s xử lý theo thẩm quyền.") % {"name": name}
    fields = ["outcome", "conclusion", *_mark_handled(complaint)]
    move(
        complaint,
        to=Status.CONCLUDED,
        by=by,
        fields=fields,
        data={"outcome": complaint.outcome, "transfer": transfer.pk},
    )
    record(
        actor=by,
        action="complaint.transferred",
        target=complaint,
        data={"authority": name, "email": email, "reason": reason, "transfer": transfer.pk},
    )
    public_update(complaint, complaint.conclusion, by=by)
    enqueue(jobs.send_transfer, transfer_id=transfer.pk)
    return transfer


@transaction.atomic
def merge_complaint(duplicate: Complaint, *, into: Complaint, by: User) -> Complaint:
    """Fold a duplicate into the complaint that will be handled; the duplicate is rejected."""
    if duplicate.pk == into.pk:
        raise ValidationError(_("Không thể gộp hồ sơ vào chính nó."))
    if into.duplicate_of_id is not None:
        raise ValidationError(_("Hồ sơ đích đã được gộp vào hồ sơ khác."))
    if duplicate.status not in OPEN_STATUSES:
        raise ValidationError(_("Chỉ gộp hồ sơ đang mở."))
    check_transition(duplicate, Status.REJECTED)
    duplicate.duplicate_of = into
    duplicate.rejection_reason = Complaint.RejectionReason.DUPLICATE
    fields = ["duplicate_of", "rejection_reason", *_mark_handled(duplicate)]
    move(duplicate, to=Status.REJECTED, by=by, fields=fields, data={"merged_into": into.pk})
    record(
        actor=by,
        action="complaint.merged",
        target=duplicate,
        data={"into": into.pk, "into_reference": into.reference},
    )
    Message.objects.create(
        complaint=into,
        kind=Message.Kind.NOTE,
        body=_("Hồ sơ %(ref)s (cùng sự việc) đã được gộp vào hồ sơ này.")
        % {"ref": duplicate.reference},
        author=by,
    )
    public_update(
        duplicate,
        _("Phản ánh này trùng với một phản ánh khác về cùng sự việc và được xử lý chung."),
        by=by,
    )
    return duplicate


@transaction.atomic
def post_message(complaint: Complaint, *, kind: str, body: str, by: User) -> Message:
    """A handler's question to the citizen (public) or an internal note."""
    if kind not in (Message.Kind.QUESTION, Message.Kind.NOTE):
        raise ValidationError(_("Loại trao đổi không hợp lệ."))
    if not body.strip():
        raise ValidationError(_("Hãy viết nội dung."))
    if kind == Message.Kind.QUESTION and complaint.status not in OPEN_STATUSES:
        raise ValidationError(_("Hồ sơ đã xử lý xong: không gửi câu hỏi cho người phản ánh."))
    message = Message.objects.create(complaint=complaint, kind=kind, body=body.strip(), author=by)
    record(
        actor=by,
        action="complaint.question_asked"
        if kind == Message.Kind.QUESTION
        else "complaint.note_added",
        target=complaint,
        data={"message": message.pk},
    )
    if kind == Message.Kind.QUESTION and not complaint.is_anonymous:
        enqueue(jobs.notify_citizen, complaint_id=complaint.pk, message_id=message.pk)
    return message
