"""Progress reports (writes): edit a draft, submit it, approve it internally, and DoST's review.

The lifecycle is a state machine (`REPORT_TRANSITIONS`):

    draft ──submit──▶ submitted ──accept──▶ accepted ──reopen (DoST)──▶ returned
      │                   └──return──▶ returned ──submit──▶ resubmitted ──accept / return──▶ …
      └──submit (agency has an approver)──▶ pending_approval ──approve──▶ submitted | resubmitted
                                                              └─send_back─▶ draft

Every save bumps `version`; a save or submit that names a stale version is refused, so two
people editing the same draft never overwrite each other. Every submission is kept as a
`ReportVersion`, every step as a `ReportEvent` and in the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tdc.accounts.capabilities import Capability, can, roles_with
from tdc.accounts.models import User
from tdc.core.audit import record
from tdc.core.events import publish
from tdc.core.uploads import MB, UploadLimits, check_upload
from tdc.plans.access import (
    can_review_report,
    is_report_author,
    is_report_owner,
    may_approve_report,
    report_author_ids,
)
from tdc.plans.jobs import notify_report_event
from tdc.plans.models import (
    REPORT_TRANSITIONS,
    Assignment,
    Evidence,
    ProgressReport,
    ReportEvent,
    ReportVersion,
)
from tdc.plans.queries.reporting import Figure, report_content

State = ProgressReport.State
Progress = ProgressReport.Progress
CONTENT_FIELDS = (
    "progress",
    "percent",
    "completed_on",
    "results",
    "figures",
    "difficulties",
    "proposals",
)
MAX_EVIDENCE_BYTES = 10 * MB
EVIDENCE_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png", "zip"}
)
# Office files and ZIP archives are checked on their zip directory too: whoever opens the
# evidence (the DoST officer, the synthesis) must not meet a decompression bomb.
ZIP_EVIDENCE = frozenset({"docx", "xlsx", "odt", "ods", "zip"})
EVIDENCE_LIMITS = UploadLimits(max_bytes=MAX_EVIDENCE_BYTES)
ZIP_EVIDENCE_LIMITS = UploadLimits(max_bytes=MAX_EVIDENCE_BYTES, zip_based=True)


class StaleReportError(ValidationError):
    """Someone else saved the report since this user opened it."""


@dataclass(frozen=True)
class ReportInput:
    """What a reporter writes: the content fields of a report."""

    progress: str
    percent: int
    results: str
    difficulties: str = ""
    proposals: str = ""
    completed_on: dt.date | None = None
    figures: tuple[Figure, ...] = ()


# --- Content ---------------------------------------------------------------------------------


# How much one report may say: a long annual report fits, a pasted book does not.
TEXT_LIMITS = {"results": 20_000, "difficulties": 10_000, "proposals": 10_000}
MAX_FIGURES = 100
MAX_FIGURE_TEXT = 300
MAX_NOTE = 5_000


def too_long(text: str, limit: int) -> str | None:
    """The Vietnamese message when `text` is longer than `limit` characters, else None."""
    if len(text) <= limit:
        return None
    return _("Tối đa %(limit)s ký tự (bạn đã nhập %(count)s ký tự).") % {
        "limit": f"{limit:,}".replace(",", "."),
        "count": f"{len(text):,}".replace(",", "."),
    }


def _check_note(text: str, field: str = "note") -> None:
    message = too_long(text, MAX_NOTE)
    if message:
        raise ValidationError({field: message})


def _validate(data: ReportInput) -> None:
    errors: dict[str, str] = {}
    for field, limit in TEXT_LIMITS.items():
        message = too_long(getattr(data, field), limit)
        if message:
            errors[field] = message
    if len(data.figures) > MAX_FIGURES:
        errors["figures"] = _("Tối đa %(limit)s số liệu.") % {"limit": MAX_FIGURES}
    elif any(
        len(str(value)) > MAX_FIGURE_TEXT for figure in data.figures for value in figure.values()
    ):
        errors["figures"] = _("Mỗi số liệu tối đa %(limit)s ký tự.") % {"limit": MAX_FIGURE_TEXT}
    if data.progress not in Progress.values:
        errors["progress"] = _("Tình hình thực hiện không hợp lệ.")
    if not 0 <= data.percent <= 100:
        errors["percent"] = _("Tỷ lệ hoàn thành phải từ 0 đến 100.")
    if data.progress == Progress.COMPLETED:
        if data.completed_on is None:
            errors["completed_on"] = _("Cần nhập ngày hoàn thành.")
        elif data.completed_on > timezone.localdate():
            errors["completed_on"] = _("Ngày hoàn thành không được ở tương lai.")
        if data.percent != 100:
            errors["percent"] = _("Nhiệm vụ đã hoàn thành thì tỷ lệ phải là 100%.")
    elif data.completed_on is not None:
        errors["completed_on"] = _("Chỉ nhập ngày hoàn thành khi nhiệm vụ đã hoàn thành.")
    if errors:
        raise ValidationError(errors)


def _check_evidence(files: Sequence[UploadedFile[Any]]) -> None:
    for upload in files:
        name = upload.name or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in EVIDENCE_EXTENSIONS:
            raise ValidationError(
                _("Tệp “%(name)s” không thuộc loại được nhận (PDF, Word, Excel, ảnh, ZIP).")
                % {"name": name}
            )
        limits = ZIP_EVIDENCE_LIMITS if extension in ZIP_EVIDENCE else EVIDENCE_LIMITS
        try:
            check_upload(upload, limits)
        except ValidationError as error:
            raise ValidationError(
                _("Tệp “%(name)s”: %(reason)s") % {"name": name, "reason": error.messages[0]},
                code=error.code,
            ) from None


def _stale(report: ProgressReport) -> StaleReportError:
    current = ProgressReport.objects.select_related("last_edited_by").get(pk=report.pk)
    editor = current.last_edited_by
    when = date_format(timezone.localtime(current.updated_at), "d/m/Y H:i")
    return StaleReportError(
        _(
            "Báo cáo vừa được %(who)s cập nhật lúc %(when)s, sau khi anh/chị mở trang. Nội dung "
            "anh/chị nhập chưa được lưu và vẫn còn trong ô dưới đây: hãy sao chép lại, tải lại "
            "trang để xem bản mới nhất rồi cập nhật."
        )
        % {"who": editor or _("người khác"), "when": when}
    )


# --- Writing a report ----------------------------------------------------------------------------


@transaction.atomic
def save_report(
    report: ProgressReport,
    *,
    data: ReportInput,
    version: int,
    by: User,
    new_files: Sequence[UploadedFile[Any]] = (),
) -> ProgressReport:
    """Save the working copy of a draft (or returned) report, with new evidence files."""
    if not is_report_owner(by, report):
        raise PermissionDenied
    if not report.is_editable:
        raise ValidationError(
            _("Báo cáo ở trạng thái “%(state)s” nên không sửa được.")
            % {"state": report.get_state_display()}
        )
    _validate(data)
    _check_evidence(new_files)
    values = {
        "progress": data.progress,
        "percent": data.percent,
        "completed_on": data.completed_on,
        "results": data.results.strip(),
        "figures": list(data.figures),
        "difficulties": data.difficulties.strip(),
        "proposals": data.proposals.strip(),
    }
    updated = ProgressReport.objects.filter(
        pk=report.pk, version=version, state__in=(State.DRAFT, State.RETURNED)
    ).update(**values, version=F("version") + 1, last_edited_by=by, updated_at=timezone.now())
    if not updated:
        raise _stale(report)
    for upload in new_files:
        Evidence.objects.create(
            report=report,
            file=upload,
            name=(upload.name or "")[:255],
            size=upload.size or 0,
            uploaded_by=by,
        )
    report.refresh_from_db()
    record(
        actor=by,
        action="progress_report.saved",
        target=report,
        data={"version": report.version, "files": [u.name for u in new_files]},
        organisation_id=report.organisation_id,
    )
    return report


@transaction.atomic
def remove_evidence(evidence: Evidence, *, by: User) -> None:
    """Take an evidence file off a report that can still be edited (versions keep it)."""
    report = evidence.report
    if not is_report_owner(by, report):
        raise PermissionDenied
    if not report.is_editable:
        raise ValidationError(_("Báo cáo đã gửi thì không gỡ được minh chứng."))
    record(
        actor=by,
        action="progress_report.evidence_removed",
        target=report,
        data={"name": evidence.name},
        organisation_id=report.organisation_id,
    )
    ProgressReport.objects.filter(pk=report.pk).update(
        version=F("version") + 1, last_edited_by=by, updated_at=timezone.now()
    )
    evidence.removed_at = timezone.now()
    evidence.save(update_fields=["removed_at"])


# --- Moving a report through its lifecycle ---------------------------------------------------------


_OWN_REPORT_REVIEW = _lazy(
    "Báo cáo do chính bạn soạn hoặc gửi phải do một cán bộ khác của Sở tiếp nhận hoặc trả lại."
)


def _approvers(report: ProgressReport, *, besides: User) -> QuerySet[User]:
    """The organisation's active approvers other than `besides`."""
    return (
        User.objects.filter(
            organisation_id=report.organisation_id,
            is_active=True,
            role_grants__role__in=roles_with(Capability.APPROVE_REPORTS),
        )
        .exclude(pk=besides.pk)
        .distinct()
    )


def _needs_approval(report: ProgressReport, by: User) -> bool:
    """An agency that has an approver sends its reports to DoST only through an approver —
    another one when the approver wrote the report."""
    return _approvers(report, besides=by).exists()


def _refused(report: ProgressReport, action: str) -> ValidationError:
    labels = {
        "submit": _("gửi"),
        "approve": _("duyệt"),
        "send_back": _("trả lại để sửa"),
        "accept": _("tiếp nhận"),
        "return": _("trả lại"),
        "reopen": _("mở lại"),
    }
    return ValidationError(
        _("Báo cáo đang ở trạng thái “%(state)s” nên không thể %(action)s.")
        % {"state": report.get_state_display(), "action": labels[action]}
    )


def _move(
    report: ProgressReport,
    *,
    action: str,
    to: str,
    kind: str,
    by: User,
    note: str = "",
    version: int | None = None,
    extra: dict[str, Any] | None = None,
) -> ProgressReport:
    """Move the report (checking state and, if given, version), log the step, notify."""
    allowed = REPORT_TRANSITIONS[action].get(report.state, frozenset())
    if to not in allowed:
        raise _refused(report, action)
    expected_version = report.version if version is None else version
    previous = report.state
    values: dict[str, Any] = {"state": to, **(extra or {})}
    updated = ProgressReport.objects.filter(
        pk=report.pk, version=expected_version, state=previous
    ).update(**values, version=F("version") + 1, updated_at=timezone.now())
    if not updated:
        raise _stale(report)
    report.refresh_from_db()
    event = ReportEvent.objects.create(
        report=report,
        kind=kind,
        from_state=previous,
        to_state=to,
        version=report.version,
        note=note,
        actor=by,
    )
    record(
        actor=by,
        action=f"progress_report.{kind}",
        target=report,
        data={"from": previous, "to": to, "note": note, "version": report.version},
        organisation_id=report.organisation_id,
    )
    transaction.on_commit(partial(notify_report_event.enqueue, event_id=event.pk))
    return report


def _send_to_dost(
    report: ProgressReport,
    *,
    action: str,
    by: User,
    version: int | None,
    self_approved: bool = False,
) -> ProgressReport:
    first = report.first_submitted_at is None
    now = timezone.now()
    extra: dict[str, Any] = {
        "submitted_at": now,
        "submitted_by": by,
        "self_approved": self_approved,
    }
    if first:
        extra["first_submitted_at"] = now
    to = State.SUBMITTED if first else State.RESUBMITTED
    kind = ReportEvent.Kind.SUBMITTED if first else ReportEvent.Kind.RESUBMITTED
    report = _move(report, action=action, to=to, kind=kind, by=by, version=version, extra=extra)
    ReportVersion.objects.create(
        report=report, number=report.version, content=report_content(report), created_by=by
    )
    return report


@transaction.atomic
def submit_report(report: ProgressReport, *, version: int, by: User) -> ProgressReport:
    """Send the report to DoST, or to the agency's approver first if it has one."""
    if not is_report_owner(by, report):
        raise PermissionDenied
    if report.state not in REPORT_TRANSITIONS["submit"]:
        raise _refused(report, "submit")
    if not report.results.strip():
        raise ValidationError(
            _("Cần nêu kết quả đạt được (hoặc lý do chưa triển khai) trước khi gửi báo cáo.")
        )
    if _needs_approval(report, by):
        return _move(
            report,
            action="submit",
            to=State.PENDING_APPROVAL,
            kind=ReportEvent.Kind.SUBMITTED_FOR_APPROVAL,
            by=by,
            version=version,
        )
    # An approver with no other approver to turn to signs off their own report, and says so.
    self_approved = can(by, Capability.APPROVE_REPORTS)
    return _send_to_dost(
        report, action="submit", by=by, version=version, self_approved=self_approved
    )


@transaction.atomic
def approve_report(report: ProgressReport, *, by: User) -> ProgressReport:
    """The agency's approver signs off the report and it goes to DoST."""
    if not may_approve_report(by, report):
        raise PermissionDenied
    authors = report_author_ids(report)
    own = by.pk in authors
    if own and _approvers(report, besides=by).exclude(pk__in=authors).exists():
        raise ValidationError(
            _("Báo cáo do chính bạn soạn phải do một lãnh đạo khác của đơn vị phê duyệt.")
        )
    return _send_to_dost(report, action="approve", by=by, version=None, self_approved=own)


@transaction.atomic
def send_back_report(report: ProgressReport, *, by: User, note: str) -> ProgressReport:
    """The agency's approver asks the reporter to correct the draft before it goes to DoST."""
    if not may_approve_report(by, report):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError(_("Cần ghi rõ nội dung cần sửa."))
    _check_note(note)
    return _move(
        report,
        action="send_back",
        to=State.DRAFT,
        kind=ReportEvent.Kind.SENT_BACK,
        by=by,
        note=note.strip(),
    )


@transaction.atomic
def accept_report(report: ProgressReport, *, by: User, note: str = "") -> ProgressReport:
    """DoST accepts the report; an accepted 'completed' report completes the assignment."""
    if not can_review_report(by, report):
        raise PermissionDenied
    if is_report_author(by, report):
        raise ValidationError(str(_OWN_REPORT_REVIEW))
    _check_note(note)
    report = _move(
        report,
        action="accept",
        to=State.ACCEPTED,
        kind=ReportEvent.Kind.ACCEPTED,
        by=by,
        note=note.strip(),
        extra={"reviewed_at": timezone.now(), "reviewed_by": by, "return_reason": ""},
    )
    _refresh_completion(report.assignment)
    publish("plans.report_accepted", {"report_id": report.pk, "assignment_id": report.assignment_id, "period_id": report.period_id, "version": report.version})  # fmt: skip
    return report


@transaction.atomic
def return_report(report: ProgressReport, *, by: User, reason: str) -> ProgressReport:
    """DoST sends the report back with the reason; the agency corrects and resubmits it."""
    if not can_review_report(by, report):
        raise PermissionDenied
    if is_report_author(by, report):
        raise ValidationError(str(_OWN_REPORT_REVIEW))
    if not reason.strip():
        raise ValidationError(_("Cần ghi rõ lý do trả lại."))
    _check_note(reason, "reason")
    return _move(
        report,
        action="return",
        to=State.RETURNED,
        kind=ReportEvent.Kind.RETURNED,
        by=by,
        note=reason.strip(),
        extra={"reviewed_at": timezone.now(), "reviewed_by": by, "return_reason": reason.strip()},
    )


@transaction.atomic
def reopen_report(report: ProgressReport, *, by: User, reason: str) -> ProgressReport:
    """Only DoST reopens an accepted report; it goes back to the agency as returned."""
    if not can_review_report(by, report):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Cần ghi rõ lý do mở lại báo cáo."))
    _check_note(reason, "reason")
    report = _move(
        report,
        action="reopen",
        to=State.RETURNED,
        kind=ReportEvent.Kind.REOPENED,
        by=by,
        note=reason.strip(),
        extra={"reviewed_at": timezone.now(), "reviewed_by": by, "return_reason": reason.strip()},
    )
    _refresh_completion(report.assignment)
    return report


def _refresh_completion(assignment: Assignment) -> None:
    """An assignment is completed on the earliest completion date of its accepted reports."""
    completed = (
        assignment.reports.filter(state=State.ACCEPTED, progress=Progress.COMPLETED)
        .exclude(completed_on=None)
        .order_by("completed_on")
        .values_list("completed_on", flat=True)
        .first()
    )
    if completed != assignment.completed_on:
        assignment.completed_on = completed
        assignment.save(update_fields=["completed_on", "updated_at"])


# --- What changed since the reviewer returned it ----------------------------------------------------
