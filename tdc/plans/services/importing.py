"""Plan import: a document becomes a draft (the preview), the officer corrects it, and
confirming it stores the plan in one transaction.

Responsibilities:

* `create_import_draft` checks an upload (size limits, the zip directory of a DOCX, duplicate
  by SHA-256 per province), stores it in a `PlanImportDraft` that is being read ("đang đọc")
  and queues `parse_import_draft` in the worker, which runs the parser and stores the editable
  preview, or the parser's Vietnamese message on a draft that failed;
* a draft whose worker died (its lease ran out) is queued again by the scheduler
  (`requeue_stalled_drafts`) or by the officer (`retry_import_draft`), never while a live
  worker reads it;
* `tdc.plans.queries.importing.build_preview` turns the parsed document into that preview;
* `apply_draft_corrections` writes the officer's corrections into the draft;
* `confirm_import_draft` (web) and `import_plan_document` (command line, demo: no preview, the
  parser's matches accepted) create Plan, groups, tasks, units, duties, targets, deadlines and
  the confirmed new organisations atomically, with an audit record.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, Province, User
from tdc.accounts.queries import dost_of_province
from tdc.accounts.services import create_organisation
from tdc.core.audit import record
from tdc.core.uploads import MB, UploadLimits, check_upload
from tdc.plans.ingest import PlanParseError
from tdc.plans.ingest import errors as ingest_errors
from tdc.plans.ingest.readers import check_document_kind
from tdc.plans.ingest.units import (
    canonical_unit_key,
)
from tdc.plans.models import (
    Duty,
    Plan,
    PlanImportDraft,
    ReportingDeadline,
    Target,
    Task,
    TaskGroup,
    TaskUnit,
)
from tdc.plans.queries.importing import (
    CHOICE_COLLECTIVE,
    CHOICE_NEW,
    CHOICE_NONE,
    CHOICE_ORG_PREFIX,
    Preview,
    PreviewDeadline,
    PreviewGroup,
    PreviewHeader,
    PreviewTarget,
    PreviewTask,
    PreviewUnit,
    UnitRegistry,
    build_preview,
    chosen_organisation_id,
    duty_unit_names,
    existing_plan,
    file_hash,
    guess_organisation_kind,
    is_national_body,
    parse_upload,
    preview_of,
    unit_candidates,
)
from tdc.plans.queries.plans import matching_candidates
from tdc.plans.services.assignments import assign_plan

if TYPE_CHECKING:
    pass

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


# --- The preview (JSON stored in PlanImportDraft.parsed) -------------------------------------


# --- Errors -------------------------------------------------------------------------------------


class PlanAlreadyImported(ValidationError):
    """The same file (same SHA-256) was already imported into this province."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(
            _("Tệp này đã được nhập trước đây thành kế hoạch “%(title)s”.")
            % {"title": plan.title[:160]},
            code="duplicate",
        )
        self.plan = plan


# --- Small helpers ------------------------------------------------------------------------------


# --- Building the preview -------------------------------------------------------------------


def _stored_name(filename: str) -> str:
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
        draft.source_file.save(_stored_name(filename), ContentFile(data), save=False)
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


# --- Corrections ----------------------------------------------------------------------------


@dataclass
class TaskCorrection:
    """A task as the officer left it; an empty key is a task the officer added."""

    key: str
    group: str | None
    number: str
    content: str
    lead: list[str]
    partners: list[str]
    timeline: str
    funding: str


@dataclass
class UnitCorrection:
    key: str
    choice: str
    new_name: str = ""
    new_kind: str = ""


@dataclass
class DraftCorrections:
    """Everything the preview page lets an officer change (shape checked by the forms)."""

    header: PreviewHeader
    groups: list[PreviewGroup]
    tasks: list[TaskCorrection]
    units: list[UnitCorrection] = field(default_factory=list)
    targets: list[PreviewTarget] = field(default_factory=list)
    deadlines: list[PreviewDeadline] = field(default_factory=list)


def _check_unit_choice(unit: PreviewUnit, allowed_ids: set[int]) -> None:
    choice = unit["choice"]
    if choice == CHOICE_COLLECTIVE and not unit["collective"]:
        raise ValidationError(
            _("“%(unit)s” không phải là một nhóm đơn vị.") % {"unit": unit["text"]}
        )
    if choice == CHOICE_NEW and not unit["new_name"].strip():
        raise ValidationError(
            _("Hãy nhập tên cơ quan mới cho “%(unit)s”.") % {"unit": unit["text"]}
        )
    organisation_id = chosen_organisation_id(choice)
    if choice.startswith(CHOICE_ORG_PREFIX) and organisation_id not in allowed_ids:
        raise ValidationError(
            _("Cơ quan được chọn cho “%(unit)s” không thuộc tỉnh của kế hoạch.")
            % {"unit": unit["text"]}
        )
    if choice not in (CHOICE_NEW, CHOICE_NONE, CHOICE_COLLECTIVE) and organisation_id is None:
        raise ValidationError(_("Lựa chọn cơ quan không hợp lệ."))


@transaction.atomic
def apply_draft_corrections(
    draft: PlanImportDraft, *, corrections: DraftCorrections, by: User
) -> PlanImportDraft:
    """Write the officer's corrections into the draft; units named for the first time (in an
    edited or added task) are matched like the parser's."""
    if draft.status != PlanImportDraft.Status.PENDING:
        raise ValidationError(_("Bản nháp này đã được xử lý, không thể sửa nữa."))
    preview = preview_of(draft)
    known = {unit["key"]: unit for unit in preview["units"]}
    for unit_correction in corrections.units:
        unit = known.get(unit_correction.key)
        if unit is None:
            continue
        unit["choice"] = unit_correction.choice
        unit["new_name"] = unit_correction.new_name.strip()
        unit["new_kind"] = unit_correction.new_kind or guess_organisation_kind(
            unit_correction.new_name
        )

    group_keys = {group["key"] for group in corrections.groups}
    next_key = preview["next_key"]
    tasks: list[PreviewTask] = []
    sources = {task["key"]: task["source"] for task in preview["tasks"]}
    added = 0
    for correction in corrections.tasks:
        key = correction.key if correction.key in sources else ""
        if not key:
            key = f"t{next_key}"
            next_key += 1
            added += 1
        tasks.append(
            PreviewTask(
                key=key,
                group=correction.group if correction.group in group_keys else None,
                number=correction.number.strip(),
                content=correction.content.strip(),
                lead=[u.strip() for u in correction.lead if u.strip()],
                partners=[u.strip() for u in correction.partners if u.strip()],
                timeline=correction.timeline.strip(),
                funding=correction.funding.strip(),
                source=sources.get(key, "manual"),
            )
        )

    candidates = list(matching_candidates(draft.province))
    registry = UnitRegistry(unit_candidates(candidates), auto_accept=False)
    units = registry.collect(tasks, preview["duties"], known=known)
    allowed = {organisation.pk for organisation in candidates}
    for unit in units:
        _check_unit_choice(unit, allowed)

    removed = sorted(set(sources) - {task["key"] for task in tasks})
    preview["header"] = corrections.header
    preview["groups"] = corrections.groups
    preview["tasks"] = tasks
    preview["units"] = units
    preview["targets"] = corrections.targets
    preview["deadlines"] = corrections.deadlines
    preview["next_key"] = next_key
    draft.parsed = preview
    draft.save(update_fields=["parsed", "updated_at"])
    record(
        actor=by,
        action="plan_import.draft_corrected",
        target=draft,
        data={"tasks": len(tasks), "tasks_added": added, "tasks_removed": removed},
    )
    return draft


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


# --- Storing the plan -----------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import created, for the command line and the demo to report."""

    plan: Plan
    organisations_created: list[Organisation]
    matched: list[tuple[str, Organisation, float]]
    collective: list[tuple[str, str]]
    unlinked: list[str]


def _resolve_units(
    preview: Preview, *, province: Province, by: User | None
) -> tuple[dict[str, tuple[Organisation | None, str, float]], ImportResult]:
    """Organisation (or collective kind) and confidence per unit key; creates confirmed new
    organisations (one per name: two spellings proposing one name give one body)."""
    candidates = {o.pk: o for o in matching_candidates(province)}
    existing_by_name = {o.name: o for o in Organisation.objects.filter(province=province)}
    result = ImportResult(
        plan=Plan(), organisations_created=[], matched=[], collective=[], unlinked=[]
    )
    resolved: dict[str, tuple[Organisation | None, str, float]] = {}
    for unit in preview["units"]:
        _check_unit_choice(unit, set(candidates))
        choice = unit["choice"]
        if choice == CHOICE_COLLECTIVE:
            resolved[unit["key"]] = (None, unit["collective"], 1.0)
            result.collective.append((unit["text"], unit["collective"]))
        elif choice == CHOICE_NONE:
            resolved[unit["key"]] = (None, "", 0.0)
            result.unlinked.append(unit["text"])
        elif choice == CHOICE_NEW:
            name = unit["new_name"].strip()
            national = is_national_body(name)
            organisation = existing_by_name.get(name)
            if organisation is None and national:
                organisation = Organisation.objects.filter(province=None, name=name).first()
            if organisation is None:
                aliases = [unit["text"]] if unit["text"] != name else []
                organisation = create_organisation(
                    name=name,
                    kind=unit["new_kind"] or guess_organisation_kind(name),
                    # Central bodies belong to no province: they take no provincial
                    # assignment and are shared by every province's plans.
                    province=None if national else province,
                    by=by,
                    aliases=aliases,
                )
                existing_by_name[name] = organisation
                result.organisations_created.append(organisation)
            resolved[unit["key"]] = (organisation, "", 1.0)
        else:
            organisation_id = chosen_organisation_id(choice)
            organisation = candidates[cast(int, organisation_id)]
            accepted = organisation_id == unit["matched_id"]
            confidence = unit["score"] if accepted else 1.0
            resolved[unit["key"]] = (organisation, "", confidence)
            result.matched.append((unit["text"], organisation, confidence))
    return resolved, result


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise ValidationError(_("Ngày ban hành không hợp lệ.")) from error


def _store_plan(
    preview: Preview,
    *,
    province: Province,
    data: bytes,
    filename: str,
    digest: str,
    by: User | None,
) -> ImportResult:
    """Create the plan and everything in it; the caller holds the transaction."""
    existing = existing_plan(province, digest)
    if existing is not None:
        raise PlanAlreadyImported(existing)
    if not preview["tasks"]:
        raise ValidationError(_("Kế hoạch phải có ít nhất một nhiệm vụ."))
    resolved, result = _resolve_units(preview, province=province, by=by)
    owner = dost_of_province(province.pk)
    if owner is None:
        raise ValidationError(
            _(
                "%(province)s chưa có Sở Khoa học và Công nghệ trong danh sách cơ quan: "
                "hãy thêm cơ quan này trước khi nhập kế hoạch."
            )
            % {"province": province.name}
        )
    header = preview["header"]
    plan = Plan(
        province=province,
        owner=owner,
        issuer=header["issuer"],
        locality=header["locality"],
        title=header["title"],
        doc_number=header["doc_number"],
        doc_date=_parse_date(header["doc_date"]),
        year=header["year"],
        references=list(header["references"]),
        source_filename=PurePath(filename).name[:255],
        source_hash=digest,
        created_by=by,
    )
    plan.full_clean(exclude=["source_file"])
    plan.source_file.save(_stored_name(filename), ContentFile(data), save=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as error:  # the same file imported meanwhile by someone else
        raise PlanAlreadyImported(
            Plan.objects.get(province=province, source_hash=digest)
        ) from error

    groups: dict[str, TaskGroup] = {}
    for position, group_data in enumerate(preview["groups"]):
        group = TaskGroup(
            plan=plan, number=group_data["number"], title=group_data["title"], position=position
        )
        group.full_clean()
        group.save()
        groups[group_data["key"]] = group

    unit_rows: list[TaskUnit] = []
    for position, task_data in enumerate(preview["tasks"]):
        task = Task(
            plan=plan,
            group=groups.get(task_data["group"] or ""),
            number=task_data["number"],
            content=task_data["content"],
            timeline=task_data["timeline"],
            funding=task_data["funding"],
            position=position,
        )
        task.full_clean()
        task.save()
        for role, texts in (
            (TaskUnit.Role.LEAD, task_data["lead"]),
            (TaskUnit.Role.PARTNER, task_data["partners"]),
        ):
            for unit_position, text in enumerate(texts):
                organisation, collective, confidence = resolved.get(
                    canonical_unit_key(text), (None, "", 0.0)
                )
                unit = TaskUnit(
                    task=task,
                    role=role,
                    text=text,
                    organisation=organisation,
                    collective=collective,
                    confidence=confidence,
                    position=unit_position,
                )
                unit.full_clean()
                unit_rows.append(unit)
    TaskUnit.objects.bulk_create(unit_rows)

    for position, duty_data in enumerate(preview["duties"]):
        names = duty_unit_names(duty_data["unit"])
        single = resolved.get(canonical_unit_key(names[0])) if len(names) == 1 else None
        duty = Duty(
            plan=plan,
            unit=duty_data["unit"],
            organisation=single[0] if single else None,
            count=duty_data["count"],
            content="\n".join(duty_data["items"]),
            position=position,
        )
        duty.full_clean()
        duty.save()

    for position, target_data in enumerate(preview["targets"]):
        target = Target(
            plan=plan,
            text=target_data["text"],
            value=Decimal(target_data["value"]),
            unit=target_data["unit"],
            comparator=target_data["comparator"],
            period=target_data["period"],
            position=position,
        )
        target.full_clean()
        target.save()

    for position, deadline_data in enumerate(preview["deadlines"]):
        deadline = ReportingDeadline(
            plan=plan,
            who=deadline_data["who"],
            to=deadline_data["to"],
            day=deadline_data["day"],
            month=deadline_data["month"],
            recurrence=deadline_data["recurrence"],
            position=position,
        )
        deadline.full_clean()
        deadline.save()

    record(
        actor=by,
        action="plan.imported",
        target=plan,
        data={
            "source_filename": plan.source_filename,
            "source_hash": digest,
            "groups": len(groups),
            "tasks": len(preview["tasks"]),
            "task_units": len(unit_rows),
            "targets": len(preview["targets"]),
            "reporting_deadlines": len(preview["deadlines"]),
            "duties": len(preview["duties"]),
            "organisations_created": [o.pk for o in result.organisations_created],
        },
        organisation_id=owner.pk,
    )
    assign_plan(plan, by=by)
    result.plan = plan
    return result


@transaction.atomic
def confirm_import_draft(
    draft: PlanImportDraft, *, by: User, corrections: DraftCorrections | None = None
) -> Plan:
    """Apply the last corrections (if any) and store the draft as a plan, all or nothing."""
    draft = PlanImportDraft.objects.select_for_update().select_related("province").get(pk=draft.pk)
    if draft.status != PlanImportDraft.Status.PENDING:
        raise ValidationError(_("Bản nháp này đã được xử lý."))
    if corrections is not None:
        apply_draft_corrections(draft, corrections=corrections, by=by)
    draft.source_file.open("rb")
    try:
        data = draft.source_file.read()
    finally:
        draft.source_file.close()
    result = _store_plan(
        preview_of(draft),
        province=draft.province,
        data=data,
        filename=draft.source_filename,
        digest=draft.source_hash,
        by=by,
    )
    draft.status = PlanImportDraft.Status.IMPORTED
    draft.plan = result.plan
    draft.save(update_fields=["status", "plan", "updated_at"])
    return result.plan


def import_plan_document(
    province: Province,
    *,
    data: bytes,
    filename: str,
    by: User | None,
    year: int | None = None,
) -> ImportResult:
    """Store a document as a plan without a preview (command line, demo): matches scoring at
    least AUTO_ACCEPT_SCORE are accepted, the other units become new organisations. The
    document is parsed before the transaction opens; the rest is all or nothing."""
    digest = file_hash(data)
    existing = existing_plan(province, digest)
    if existing is not None:
        raise PlanAlreadyImported(existing)
    preview = read_plan_document(data, filename, province=province, auto_accept=True)
    if year is not None:
        preview["header"]["year"] = year
    # Without an officer to fill them in, say plainly what the document leaves out.
    preview["header"]["title"] = preview["header"]["title"] or PurePath(filename).stem
    for deadline in preview["deadlines"]:
        deadline["who"] = deadline["who"] or _("(không nêu trong văn bản)")
        deadline["to"] = deadline["to"] or _("(không nêu trong văn bản)")
    with transaction.atomic():
        return _store_plan(
            preview, province=province, data=data, filename=filename, digest=digest, by=by
        )
