"""Writes to the instrument register: instruments, verifications, the type list, imports.

Every write keeps the roll-ups (`tallies`) and the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import Commune, Organisation, User
from tdc.core.audit import changes_between, edit_with_audit, record, snapshot
from tdc.core.text import clean_text, fold
from tdc.core.uploads import check_upload
from tdc.metrology.imports.reading import import_limits
from tdc.metrology.models import (
    ImportJob,
    Instrument,
    InstrumentType,
    InstrumentTypeVersion,
    TypeListRelease,
    Verification,
    VerificationForm,
    next_due_date,
)
from tdc.metrology.queries import cycle_months_on
from tdc.metrology.tallies import TallyDelta, TallyState

INSTRUMENT_FIELDS = (
    "owner",
    "type",
    "manufacturer",
    "model",
    "serial",
    "measuring_range",
    "accuracy_class",
    "province",
    "commune",
    "address",
    "status",
)
TYPE_RULE_FIELDS = (
    "cycle_months",
    "forms",
    "type_approval",
    "legal_source",
    "cycle_confirmed",
    "basis",
    "source_url",
)


def _check_natural_key(instrument: Instrument) -> None:
    clash = Instrument.objects.filter(
        type_id=instrument.type_id,
        owner_id=instrument.owner_id,
        serial=instrument.serial,
        province_id=instrument.province_id,
    ).exclude(pk=instrument.pk)
    if clash.exists():
        raise ValidationError(
            _("Chủ sở hữu này đã đăng ký một %(type)s có số sản xuất %(serial)s.")
            % {"type": instrument.type.name.lower(), "serial": instrument.serial}
        )


def _lock_and_refresh(instrument: Instrument) -> None:
    """Lock the row and reload it: the roll-ups must move from the state in the database."""
    list(Instrument.objects.select_for_update().filter(pk=instrument.pk).values_list("pk"))
    instrument.refresh_from_db()


def _line(value: str) -> str:
    """Text typed or sent for one field: no control or invisible characters, one line."""
    return clean_text(value, keep_newlines=False).strip()


@transaction.atomic
def register_instrument(
    *,
    owner: Organisation,
    type: InstrumentType,
    serial: str,
    commune: Commune,
    by: User | None,
    manufacturer: str = "",
    model: str = "",
    measuring_range: str = "",
    accuracy_class: str = "",
    address: str = "",
    status: str = Instrument.Status.IN_USE,
) -> Instrument:
    """Add an instrument to the register. The caller has asked the door
    (`access.check_instrument_values`) whether this user may use this owner and commune."""
    instrument = Instrument(
        owner=owner,
        type=type,
        serial=_line(serial),
        commune=commune,
        province_id=commune.province_id,
        manufacturer=_line(manufacturer),
        model=_line(model),
        measuring_range=_line(measuring_range),
        accuracy_class=_line(accuracy_class),
        address=_line(address),
        status=status,
    )
    instrument.full_clean(validate_constraints=False)
    _check_natural_key(instrument)
    instrument.save()
    delta = TallyDelta()
    delta.add(TallyState.of(instrument))
    delta.apply()
    record(
        actor=by,
        action="instrument.registered",
        target=instrument,
        data={"values": snapshot(instrument, INSTRUMENT_FIELDS)},
        organisation_id=owner.pk,
    )
    return instrument


def _place_and_key(instrument: Instrument) -> None:
    instrument.province_id = instrument.commune.province_id
    _check_natural_key(instrument)


@transaction.atomic
def update_instrument(instrument: Instrument, *, by: User | None, **values: object) -> Instrument:
    """Change an instrument's description, place or status; the log keeps old and new values."""
    if "province" in values:
        raise ValueError("An instrument's province follows its commune")
    _lock_and_refresh(instrument)
    before_state = TallyState.of(instrument)
    old_province = instrument.province_id
    owner = values.get("owner", instrument.owner)
    edit_with_audit(
        instrument,
        by=by,
        fields=INSTRUMENT_FIELDS,
        values={k: _line(v) if isinstance(v, str) else v for k, v in values.items()},
        action="instrument.updated",
        organisation_id=owner.pk if isinstance(owner, Organisation) else instrument.owner_id,
        before_save=_place_and_key,
        validate_constraints=False,
    )
    if instrument.province_id != old_province:
        Verification.objects.filter(instrument=instrument).update(
            province_id=instrument.province_id
        )
    delta = TallyDelta()
    delta.move(before_state, TallyState.of(instrument))
    delta.apply()
    return instrument


@transaction.atomic
def record_verification(
    instrument: Instrument,
    *,
    by: User | None,
    verified_on: dt.date,
    verifier: Organisation,
    result: str,
    stamp_number: str = "",
    certificate_number: str = "",
    form: str = VerificationForm.PERIODIC,
) -> Verification:
    """Record a verification; when it is the latest, it sets the instrument's next due date."""
    stamp_number = _line(stamp_number).upper()
    certificate_number = _line(certificate_number)
    passed = result == Verification.Result.PASSED
    if verified_on > timezone.localdate():
        raise ValidationError(_("Ngày kiểm định không được ở tương lai."))
    if passed and not stamp_number:
        raise ValidationError(_("Phương tiện đo đạt yêu cầu phải có số tem kiểm định."))
    if (
        stamp_number
        and Verification.objects.filter(stamp_number=stamp_number).exclude(stamp_number="").exists()
    ):
        raise ValidationError(
            _("Số tem %(stamp)s đã được dùng cho một lần kiểm định khác.") % {"stamp": stamp_number}
        )
    if Verification.objects.filter(instrument=instrument, verified_on=verified_on).exists():
        raise ValidationError(
            _("Phương tiện đo này đã có kết quả kiểm định ngày %(day)s.")
            % {"day": verified_on.strftime("%d/%m/%Y")}
        )
    # Lock the instrument so two verifications recorded at once cannot both be "the latest".
    _lock_and_refresh(instrument)
    verification = Verification(
        instrument=instrument,
        province_id=instrument.province_id,
        verified_on=verified_on,
        form=form,
        verifier=verifier,
        verifier_name=verifier.name,
        result=result,
        stamp_number=stamp_number,
        certificate_number=certificate_number,
        next_due=next_due_date(
            verified_on, passed=passed, cycle_months=cycle_months_on(instrument.type, verified_on)
        ),
        created_by=by,
    )
    verification.full_clean(validate_constraints=False)
    verification.save()
    if instrument.last_verified_on is None or verified_on > instrument.last_verified_on:
        before = TallyState.of(instrument)
        instrument.last_verified_on = verified_on
        instrument.last_result = result
        instrument.last_stamp_number = stamp_number
        instrument.last_verification_id = verification.pk
        instrument.next_due = verification.next_due
        instrument.save(
            update_fields=[
                "last_verified_on",
                "last_result",
                "last_stamp_number",
                "last_verification_id",
                "next_due",
                "updated_at",
            ]
        )
        delta = TallyDelta()
        delta.move(before, TallyState.of(instrument))
        delta.apply()
    record(
        actor=by,
        action="instrument.verified",
        target=instrument,
        data={
            "verified_on": verified_on,
            "result": result,
            "stamp_number": stamp_number,
            "certificate_number": verification.certificate_number,
            "verifier": verifier.pk,
            "next_due": verification.next_due,
        },
        organisation_id=instrument.owner_id,
    )
    return verification


@transaction.atomic
def change_instrument_type(
    instrument_type: InstrumentType,
    *,
    by: User | None,
    valid_from: dt.date,
    note: str = "",
    **rule: Any,
) -> InstrumentTypeVersion:
    """Record a new version of a type's rule (cycle, forms, basis) in force from `valid_from`.

    Verifications keep the next due date of the rule in force on their day; the type's current
    values follow the latest version that has started.
    """
    unknown = set(rule) - set(TYPE_RULE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown type rule fields {sorted(unknown)!r}")
    if instrument_type.versions.filter(valid_from=valid_from).exists():
        raise ValidationError(
            _("Đã có phiên bản quy định áp dụng từ ngày %(day)s.")
            % {"day": valid_from.strftime("%d/%m/%Y")}
        )
    values = {name: rule.get(name, getattr(instrument_type, name)) for name in TYPE_RULE_FIELDS}
    version = InstrumentTypeVersion(
        type=instrument_type, valid_from=valid_from, note=note, created_by=by, **values
    )
    version.full_clean(validate_constraints=False)
    version.save()
    current = instrument_type.versions.filter(valid_from__lte=timezone.localdate()).first()
    before = snapshot(instrument_type, (*TYPE_RULE_FIELDS, "valid_from"))
    if current is not None:
        for name in TYPE_RULE_FIELDS:
            setattr(instrument_type, name, getattr(current, name))
        instrument_type.valid_from = current.valid_from
        instrument_type.save()
    record(
        actor=by,
        action="instrument_type.version_added",
        target=instrument_type,
        data={
            "valid_from": valid_from,
            "values": values,
            "changes": changes_between(
                before, snapshot(instrument_type, (*TYPE_RULE_FIELDS, "valid_from"))
            ),
        },
    )
    return version


@transaction.atomic
def publish_type_correction(
    instrument_type: InstrumentType,
    *,
    by: User,
    reason: str,
    valid_from: dt.date,
    **rule: Any,
) -> TypeListRelease:
    """An administrator or a TĐC officer publishes a corrected list: the type gets a new
    version of its rule from `valid_from`, and the list a new numbered release saying why.
    Nothing is deployed; overdue flags and reminders follow the rule in force."""
    if not can(by, Capability.PUBLISH_INSTRUMENT_TYPES):
        raise PermissionDenied
    reason = clean_text(reason).strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Hãy ghi lý do sửa đổi (ít nhất 10 ký tự).")})
    change_instrument_type(instrument_type, by=by, valid_from=valid_from, note=reason[:300], **rule)
    last = TypeListRelease.objects.select_for_update().order_by("-number").first()
    release = TypeListRelease.objects.create(
        number=(last.number if last else 0) + 1, published_by=by, reason=reason
    )
    release.types.add(instrument_type)
    record(
        actor=by,
        action="instrument_type.list_published",
        target=instrument_type,
        data={"version": release.number, "reason": reason, "valid_from": valid_from},
    )
    return release


@transaction.atomic
def rename_instrument_type(
    instrument_type: InstrumentType, *, by: User | None, name: str, name_en: str, is_active: bool
) -> InstrumentType:
    """Change what a type is called, or withdraw it from new registrations."""

    def search_key(kind: InstrumentType) -> None:
        kind.search_key = fold(kind.name)

    edit_with_audit(
        instrument_type,
        by=by,
        fields=("name", "name_en", "is_active"),
        values={"name": _line(name), "name_en": _line(name_en), "is_active": is_active},
        action="instrument_type.updated",
        before_save=search_key,
    )
    return instrument_type


IMPORT_SUFFIXES = {".csv": ImportJob.Format.CSV, ".xlsx": ImportJob.Format.XLSX}


@transaction.atomic
def start_import(*, upload: UploadedFile[bytes], by: User, owner: Organisation | None) -> ImportJob:
    """Keep the uploaded file and queue its import. `owner`: a business importing its own."""
    from tdc.metrology.jobs import run_import

    name = _line(PurePath(upload.name or "").name)
    file_format = IMPORT_SUFFIXES.get(PurePath(name).suffix.lower())
    if file_format is None:
        raise ValidationError(_("Chỉ nhận tệp CSV hoặc XLSX."))
    if not upload.size:
        raise ValidationError(_("Tệp rỗng: không có dòng nào để nhập."))
    # Size and, for XLSX, the zip directory: cheap here; parsing waits for the worker.
    check_upload(upload, import_limits()[file_format])
    organisation = by.organisation
    if organisation is None:
        raise ValidationError(_("Tài khoản của bạn chưa gắn với cơ quan, tổ chức nào."))
    job = ImportJob(
        created_by=by,
        organisation=organisation,
        owner=owner,
        province=None if owner is not None else organisation.province,
        original_name=name[:255],
        file_format=file_format,
    )
    job.file.save(name, upload, save=False)
    job.full_clean()
    job.save()
    record(
        actor=by,
        action="instrument_import.started",
        target=job,
        data={"file": name, "owner": owner.pk if owner else None},
    )
    transaction.on_commit(partial(run_import.enqueue, job_id=job.pk))
    return job


@transaction.atomic
def resume_import(job: ImportJob, *, by: User) -> ImportJob:
    """Queue an unfinished import again; it goes on from its last committed row."""
    from tdc.metrology.jobs import run_import

    if job.status == ImportJob.Status.DONE:
        raise ValidationError(_("Lượt nhập này đã hoàn thành."))
    # Only when no live worker holds the job: two workers on one file would race.
    now = timezone.now()
    queued = (
        ImportJob.objects.filter(pk=job.pk)
        .exclude(status=ImportJob.Status.DONE)
        .filter(Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lte=now))
        .update(status=ImportJob.Status.QUEUED, error="", updated_at=now)
    )
    if not queued:
        job.refresh_from_db()
        if job.status == ImportJob.Status.DONE:
            raise ValidationError(_("Lượt nhập này đã hoàn thành."))
        raise ValidationError(
            _(
                "Lượt nhập đang được xử lý (đã ghi đến dòng %(row)s). Không thể chạy lại khi "
                "nó đang chạy; nếu tiến trình dừng hẳn, lượt nhập sẽ tự chạy tiếp sau vài phút."
            )
            % {"row": job.last_committed_row}
        )
    record(
        actor=by,
        action="instrument_import.resumed",
        target=job,
        data={"from_row": job.last_committed_row},
    )
    transaction.on_commit(partial(run_import.enqueue, job_id=job.pk))
    job.refresh_from_db()
    return job
