"""Plan import, first step: an uploaded document becomes a draft that the worker reads.

* `create_import_draft` checks an upload (size limits, the zip directory of a DOCX, duplicate
  by SHA-256 per province), stores it in a `PlanImportDraft` that is being read ("đang đọc")
  and queues `parse_import_draft` in the worker, which runs the parser and stores the editable
  preview (`tdc.plans.queries.importing.build_preview`), or the parser's Vietnamese message on
  a draft that failed;
* a draft whose worker died (its lease ran out) is queued again by the scheduler
  (`requeue_stalled_drafts`) or by the officer (`retry_import_draft`), never while a live
  worker reads it; `discard_import_draft` drops it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import partial
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from tdc.accounts.models import Province, User
from tdc.core.audit import record
from tdc.core.text import shorten
from tdc.core.uploads import MB, UploadLimits, check_upload
from tdc.plans.ingest import PlanParseError
from tdc.plans.ingest import errors as ingest_errors
from tdc.plans.ingest.readers import check_document_kind
from tdc.plans.models import (
    Plan,
    PlanImportDraft,
)
from tdc.plans.queries.importing import (
    Preview,
    build_preview,
    existing_plan,
    file_hash,
    parse_upload,
)

MAX_UPLOAD_BYTES = 10 * MB
# A Word plan of 40 pages holds 1–3 MB of XML and its pictures: 50 MB unpacked and 500 parts
# leave room for any real plan, and none for a decompression bomb.
DOCX_LIMITS = UploadLimits(
    max_bytes=MAX_UPLOAD_BYTES, zip_based=True, max_uncompressed_bytes=50 * MB, max_members=500
)
FILE_LIMITS = UploadLimits(max_bytes=MAX_UPLOAD_BYTES)

# A worker reading a file holds the draft this long; past it, the draft may be queued again.
# Reading a plan within the limits above takes seconds.
PARSE_LEASE = dt.timedelta(minutes=10)
# Queued this many times without finishing (its worker died each time): the draft fails.
MAX_PARSE_ATTEMPTS = 3
# Drafts not yet imported nor discarded.
OPEN_STATUSES = (
    PlanImportDraft.Status.PARSING,
    PlanImportDraft.Status.PENDING,
    PlanImportDraft.Status.FAILED,
)


# --- Errors -------------------------------------------------------------------------------------


class PlanAlreadyImported(ValidationError):
    """The same file (same SHA-256) was already imported into this province."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(
            _("Tệp này đã được nhập trước đây thành kế hoạch “%(title)s”.")
            % {"title": shorten(plan.title, 160)},
            code="duplicate",
        )
        self.plan = plan


# --- Building the preview -------------------------------------------------------------------


def stored_name(filename: str) -> str:
    return get_valid_filename(PurePath(filename).name) or "ke-hoach"


def check_plan_upload(upload: Any, filename: str) -> None:
    """Refuse, before any parser opens it, a plan document that breaks the stated limits: the
    file size, and for a DOCX the parts and unpacked size its zip directory announces.
    `upload`: an uploaded file or the bytes. Raises ValidationError (Vietnamese, the limit)."""
    size = len(upload) if isinstance(upload, bytes) else getattr(upload, "size", None)
    if size == 0:
        return  # an empty file is told in the readers' words (`check_document_kind`)
    is_docx = PurePath(filename or "").suffix.lower() == ".docx"
    try:
        check_upload(upload, DOCX_LIMITS if is_docx else FILE_LIMITS)
    except ValidationError as error:
        if error.code == "not_zip":  # say it in the words the parser uses for Word files
            raise ValidationError(ingest_errors.CORRUPT_DOCX, code="corrupt_docx") from None
        raise


def read_plan_document(data: bytes, filename: str, *, province: Province, **kwargs: Any) -> Preview:
    """The preview of a plan document: its limits checked first, then the parser, then the
    matching of its units. Raises ValidationError with a Vietnamese message."""
    check_plan_upload(data, filename)
    return build_preview(parse_upload(data, filename), province=province, **kwargs)


def _check_readable(data: bytes, filename: str) -> None:
    """What can be told of a file without reading it as a plan (extension, empty, limits)."""
    try:
        check_document_kind(data, filename)
    except PlanParseError as error:
        raise ValidationError(error.message, code=error.code) from error
    check_plan_upload(data, filename)


def _queue_parse(draft: PlanImportDraft) -> None:
    from tdc.plans.jobs import parse_import_draft

    transaction.on_commit(partial(parse_import_draft.enqueue, draft_id=draft.pk))


def create_import_draft(
    province: Province, *, data: bytes, filename: str, by: User
) -> PlanImportDraft:
    """Keep an uploaded plan document in a draft being read ("đang đọc"), and queue its reading
    in the worker (`parse_import_draft`), which fills in the preview.

    Raises PlanAlreadyImported when this file is already a plan of the province, and
    ValidationError (Vietnamese) when the file breaks the upload limits, has a type no reader
    takes or is empty; in these cases nothing is written. Whether it reads as a plan, the
    worker tells (a draft that failed carries the parser's message).
    """
    _check_readable(data, filename)
    digest = file_hash(data)
    existing = existing_plan(province, digest)
    if existing is not None:
        raise PlanAlreadyImported(existing)
    with transaction.atomic():
        draft = PlanImportDraft(
            province=province,
            uploaded_by=by,
            source_filename=PurePath(filename).name[:255],
            source_hash=digest,
            status=PlanImportDraft.Status.PARSING,
            parse_expires_at=timezone.now() + PARSE_LEASE,
        )
        draft.full_clean(exclude=["source_file"])
        draft.source_file.save(stored_name(filename), ContentFile(data), save=False)
        draft.save()
        record(
            actor=by,
            action="plan_import.uploaded",
            target=draft,
            data={"province": province.pk, "source_hash": digest, "size": len(data)},
        )
        _queue_parse(draft)
    return draft


# --- Reading the file (in the worker) -----------------------------------------------------------


def _finish_parse(draft_id: int, token: str, **values: Any) -> bool:
    """Store the outcome of a parse if this worker still holds the draft (else: nothing)."""
    return bool(
        PlanImportDraft.objects.filter(
            pk=draft_id, parse_token=token, status=PlanImportDraft.Status.PARSING
        ).update(parse_token="", parse_expires_at=None, updated_at=timezone.now(), **values)
    )


def parse_import_draft(draft_id: int, *, lease: dt.timedelta = PARSE_LEASE) -> str | None:
    """Read a queued draft's file into its preview (the worker's job; safe to run twice).

    The worker first takes the draft's lease: only a draft not held by a live worker can be
    taken, so one draft is never read twice at once; a worker that lost its lease (it ran past
    it and the draft was queued again) keeps nothing. Returns the draft's new status, or None
    when there was nothing to do.
    """
    token = secrets.token_hex(16)
    now = timezone.now()
    taken = (
        PlanImportDraft.objects.filter(pk=draft_id, status=PlanImportDraft.Status.PARSING)
        .filter(Q(parse_token="") | Q(parse_expires_at__lte=now))
        .update(
            parse_token=token,
            parse_expires_at=now + lease,
            parse_attempts=F("parse_attempts") + 1,
            updated_at=now,
        )
    )
    if not taken:
        return None
    draft = PlanImportDraft.objects.select_related("province", "uploaded_by").get(pk=draft_id)
    if draft.parse_attempts > MAX_PARSE_ATTEMPTS:
        message = _(
            "Không đọc xong được tệp sau %(count)s lần thử. Hãy tải tệp lên lại; nếu vẫn "
            "không được, hãy báo quản trị viên hệ thống."
        ) % {"count": MAX_PARSE_ATTEMPTS}
        if _finish_parse(draft_id, token, status=PlanImportDraft.Status.FAILED, error=message):
            record(
                actor=draft.uploaded_by,
                action="plan_import.parse_failed",
                target=draft,
                data={"error": "attempts"},
            )
            return PlanImportDraft.Status.FAILED
        return None
    try:
        draft.source_file.open("rb")
        try:
            data = draft.source_file.read()
        finally:
            draft.source_file.close()
        preview = read_plan_document(data, draft.source_filename, province=draft.province)
    except ValidationError as error:
        message = " ".join(error.messages)
        with transaction.atomic():
            if not _finish_parse(
                draft_id, token, status=PlanImportDraft.Status.FAILED, error=message
            ):
                return None
            record(
                actor=draft.uploaded_by,
                action="plan_import.parse_failed",
                target=draft,
                data={"error": error.code or "invalid"},
            )
        return PlanImportDraft.Status.FAILED
    with transaction.atomic():
        if not _finish_parse(
            draft_id, token, status=PlanImportDraft.Status.PENDING, parsed=preview, error=""
        ):
            return None
        record(
            actor=draft.uploaded_by,
            action="plan_import.draft_created",
            target=draft,
            data={
                "province": draft.province_id,
                "source_hash": draft.source_hash,
                "groups": len(preview["groups"]),
                "tasks": len(preview["tasks"]),
                "units": len(preview["units"]),
            },
        )
    return PlanImportDraft.Status.PENDING


def _requeue(draft_id: int) -> bool:
    """Queue a stalled draft again: only one still PARSING whose lease has run out."""
    now = timezone.now()
    requeued = PlanImportDraft.objects.filter(
        pk=draft_id, status=PlanImportDraft.Status.PARSING, parse_expires_at__lte=now
    ).update(parse_token="", parse_expires_at=now + PARSE_LEASE, updated_at=now)
    return bool(requeued)


@transaction.atomic
def retry_import_draft(draft: PlanImportDraft, *, by: User) -> PlanImportDraft:
    """The officer's "thử lại": read again a draft whose worker died. Refused while a live
    worker reads it (its lease has not run out)."""
    if not _requeue(draft.pk):
        draft.refresh_from_db()
        if draft.status != PlanImportDraft.Status.PARSING:
            raise ValidationError(_("Tệp này đã được đọc xong, không cần thử lại."))
        raise ValidationError(
            _(
                "Tệp vẫn đang được đọc, chưa thể thử lại. Nếu sau %(minutes)s phút vẫn chưa "
                "xong, hệ thống sẽ tự đọc lại."
            )
            % {"minutes": int(PARSE_LEASE.total_seconds() // 60)}
        )
    record(actor=by, action="plan_import.parse_retried", target=draft)
    _queue_parse(draft)
    draft.refresh_from_db()
    return draft


def requeue_stalled_drafts() -> int:
    """The scheduler's sweep: queue again every draft whose worker died (lease run out)."""
    stalled = PlanImportDraft.objects.filter(
        status=PlanImportDraft.Status.PARSING, parse_expires_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    count = 0
    for draft_id in list(stalled):
        with transaction.atomic():
            if _requeue(draft_id):
                draft = PlanImportDraft.objects.get(pk=draft_id)
                record(actor=None, action="plan_import.parse_requeued", target=draft)
                _queue_parse(draft)
                count += 1
    return count


@transaction.atomic
def discard_import_draft(draft: PlanImportDraft, *, by: User) -> PlanImportDraft:
    """Give up a draft not yet imported (being read, pending, or failed); the plan is not
    imported. A worker still reading it keeps nothing."""
    discarded = PlanImportDraft.objects.filter(pk=draft.pk, status__in=OPEN_STATUSES).update(
        status=PlanImportDraft.Status.DISCARDED, parse_token="", updated_at=timezone.now()
    )
    if not discarded:
        raise ValidationError(_("Bản nháp này đã được xử lý."))
    draft.refresh_from_db()
    record(actor=by, action="plan_import.draft_discarded", target=draft)
    return draft
