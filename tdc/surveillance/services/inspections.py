"""Inspections: scheduled, carried out (what was checked, findings), violations and sanctions,
corrective measures and the follow-up date. Done inspections feed the scores' history term."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import record
from tdc.core.text import clean_text
from tdc.metrology.queries import instruments_visible_to
from tdc.surveillance.models import Establishment, Inspection, PlanItem, Sample, Violation


@transaction.atomic
def schedule_inspection(
    establishment: Establishment,
    *,
    inspected_on: dt.date,
    team: str,
    by: User,
    kind: str = Inspection.Kind.PLANNED,
    plan_item: PlanItem | None = None,
) -> Inspection:
    if plan_item is not None and plan_item.establishment_id != establishment.pk:
        raise ValidationError(_("Mục kế hoạch không phải của cơ sở này."))
    team = clean_text(team).strip()
    if not team:
        raise ValidationError({"team": _("Nhập thành phần đoàn kiểm tra.")})
    inspection = Inspection(
        province_id=establishment.province_id,
        establishment=establishment,
        plan_item=plan_item,
        kind=kind,
        inspected_on=inspected_on,
        team=team,
        created_by=by,
    )
    inspection.full_clean()
    inspection.save()
    record(
        actor=by,
        action="surveillance.inspection_scheduled",
        target=inspection,
        data={
            "kind": kind,
            "on": inspected_on.isoformat(),
            "plan_item": getattr(plan_item, "pk", None),
        },
        organisation_id=establishment.organisation_id,
    )
    return inspection


def instruments_of(establishment: Establishment, *, user: User) -> list[dict[str, Any]]:
    """The establishment's instruments in the register, as the user may see them."""
    return [
        {
            "id": i.pk,
            "label": f"{i.type.name} — {i.serial}",
            "stamp": i.last_stamp_number,
            "next_due": i.next_due.isoformat() if i.next_due else "",
        }
        for i in instruments_visible_to(user)
        .filter(owner_id=establishment.organisation_id)
        .select_related("type")
        .order_by("type__name", "serial")
    ]


@transaction.atomic
def record_inspection_result(
    inspection: Inspection,
    *,
    by: User,
    findings: str,
    checked_labels: bool = False,
    checked_marks: bool = False,
    instrument_ids: Iterable[int] = (),
    samples: Iterable[Sample] = (),
    corrective_measures: str = "",
    follow_up_on: dt.date | None = None,
) -> Inspection:
    """What was checked and found; instruments are picked from the register (ids), never typed."""
    available = {i["id"]: i for i in instruments_of(inspection.establishment, user=by)}
    wanted = list(dict.fromkeys(instrument_ids))
    unknown = [i for i in wanted if i not in available]
    if unknown:
        raise ValidationError(
            {"instruments": _("Phương tiện đo không thuộc cơ sở trong sổ đăng ký.")}
        )
    chosen_samples = list(samples)
    if any(s.establishment_id != inspection.establishment_id for s in chosen_samples):
        raise ValidationError({"samples": _("Mẫu không được lấy tại cơ sở này.")})
    if follow_up_on is not None and follow_up_on < inspection.inspected_on:
        raise ValidationError({"follow_up_on": _("Ngày kiểm tra lại phải sau ngày kiểm tra.")})
    inspection.findings = clean_text(findings).strip()
    inspection.checked_labels = checked_labels
    inspection.checked_marks = checked_marks
    inspection.instruments = [available[i] for i in wanted]
    inspection.corrective_measures = clean_text(corrective_measures).strip()
    inspection.follow_up_on = follow_up_on
    inspection.status = Inspection.Status.DONE
    inspection.full_clean()
    inspection.save()
    inspection.samples.set(chosen_samples)
    record(
        actor=by,
        action="surveillance.inspection_recorded",
        target=inspection,
        data={
            "instruments": wanted,
            "samples": [s.pk for s in chosen_samples],
            "labels": checked_labels,
            "marks": checked_marks,
            "follow_up_on": follow_up_on.isoformat() if follow_up_on else None,
        },
        organisation_id=inspection.establishment.organisation_id,
    )
    return inspection


@transaction.atomic
def add_violation(
    inspection: Inspection,
    *,
    by: User,
    description: str,
    legal_basis: str,
    fine_amount: Decimal | None = None,
    decision_number: str = "",
) -> Violation:
    if inspection.status != Inspection.Status.DONE:
        raise ValidationError(_("Ghi kết quả kiểm tra trước khi ghi vi phạm."))
    if fine_amount is not None and fine_amount <= 0:
        raise ValidationError({"fine_amount": _("Số tiền phạt phải lớn hơn 0.")})
    if fine_amount is not None and not decision_number.strip():
        raise ValidationError({"decision_number": _("Nhập số quyết định xử phạt.")})
    violation = Violation(
        inspection=inspection,
        description=clean_text(description).strip(),
        legal_basis=clean_text(legal_basis, keep_newlines=False).strip(),
        fine_amount=fine_amount,
        decision_number=clean_text(decision_number, keep_newlines=False).strip(),
    )
    violation.full_clean()
    violation.save()
    record(
        actor=by,
        action="surveillance.violation_recorded",
        target=inspection,
        data={
            "legal_basis": violation.legal_basis,
            "fine": str(fine_amount) if fine_amount is not None else None,
            "decision": violation.decision_number,
        },
        organisation_id=inspection.establishment.organisation_id,
    )
    return violation
