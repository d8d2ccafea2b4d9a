"""Writes to the instrument register: instruments, verifications, the type list, imports.

Every write keeps the roll-ups (`tallies`) and the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Commune, Organisation, User
from tdc.core.audit import changes_between, record, snapshot
from tdc.core.text import fold
from tdc.metrology.models import (
    ImportJob,
    Instrument,
    InstrumentType,
    InstrumentTypeVersion,
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
TYPE_RULE_FIELDS = ("cycle_months", "forms", "type_approval", "basis", "source_url")


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
    """Add an instrument to the register."""
    instrument = Instrument(
        owner=owner,
        type=type,
        serial=serial.strip(),
        commune=commune,
        province_id=commune.province_id,
        manufacturer=manufacturer.strip(),
        model=model.strip(),
        measuring_range=measuring_range.strip(),
        accuracy_class=accuracy_class.strip(),
        address=address.strip(),
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


@transaction.atomic
def update_instrument(instrument: Instrument, *, by: User | None, **values: Any) -> Instrument:
    """Change an instrument's description, place or status; the log keeps old and new values."""
    _lock_and_refresh(instrument)
    before_state = TallyState.of(instrument)
    before = snapshot(instrument, INSTRUMENT_FIELDS)
    for name, value in values.items():
        if name not in INSTRUMENT_FIELDS or name == "province":
            raise ValueError(f"Unknown instrument field {name!r}")
        setattr(instrument, name, value.strip() if isinstance(value, str) else value)
    instrument.province_id = instrument.commune.province_id
    instrument.full_clean(validate_constraints=False)
    _check_natural_key(instrument)
    instrument.save()
    if instrument.province_id != before["province"]:
        Verification.objects.filter(instrument=instrument).update(
            province_id=instrument.province_id
        )
    delta = TallyDelta()
    delta.move(before_state, TallyState.of(instrument))
    delta.apply()
    changes = changes_between(before, snapshot(instrument, INSTRUMENT_FIELDS))
    if changes:
        record(
            actor=by,
            action="instrument.updated",
            target=instrument,
            data={"changes": changes},
            organisation_id=instrument.owner_id,
        )
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
    stamp_number = stamp_number.strip().upper()
    passed = result == Verification.Result.PASSED
    if verified_on > timezone.localdate():
        raise ValidationError(_("Ngày kiểm định không được ở tương lai."))
    if passed and not stamp_number:
        raise ValidationError(_("Phương tiện đo đạt yêu cầu phải có số tem kiểm định."))
    if stamp_number and Verification.objects.filter(stamp_number=stamp_number).exists():
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
        certificate_number=certificate_number.strip(),
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
def rename_instrument_type(
    instrument_type: InstrumentType, *, by: User | None, name: str, name_en: str, is_active: bool
) -> InstrumentType:
    """Change what a type is called, or withdraw it from new registrations."""
    fields = ("name", "name_en", "is_active")
    before = snapshot(instrument_type, fields)
    instrument_type.name, instrument_type.name_en = name.strip(), name_en.strip()
    instrument_type.is_active = is_active
    instrument_type.search_key = fold(instrument_type.name)
    instrument_type.full_clean()
    instrument_type.save()
    changes = changes_between(before, snapshot(instrument_type, fields))
    if changes:
        record(
            actor=by,
            action="instrument_type.updated",
            target=instrument_type,
            data={"changes": changes},
        )
    return instrument_type


IMPORT_SUFFIXES = {".csv": ImportJob.Format.CSV, ".xlsx": ImportJob.Format.XLSX}


@transaction.atomic
def start_import(*, upload: UploadedFile[bytes], by: User, owner: Organisation | None) -> ImportJob:
    """Keep the uploaded file and queue its import. `owner`: a business importing its own."""
    from tdc.metrology.jobs import run_import

    name = PurePath(upload.name or "").name
    file_format = IMPORT_SUFFIXES.get(PurePath(name).suffix.lower())
    if file_format is None:
        raise ValidationError(_("Chỉ nhận tệp CSV hoặc XLSX."))
    if not upload.size:
        raise ValidationError(_("Tệp rỗng: không có dòng nào để nhập."))
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
