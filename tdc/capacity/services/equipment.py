"""Writes for equipment and measurement standards, and the calibration reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, roles_with
from tdc.accounts.models import Organisation, User
from tdc.accounts.queries import users_with_role
from tdc.capacity.models import Equipment, MeasurementStandard
from tdc.capacity.services.common import save_new
from tdc.core.audit import edit_with_audit
from tdc.core.text import clean_text

REMIND_DAYS = 30
EQUIPMENT_FIELDS = (
    "name",
    "category",
    "quantity",
    "cost",
    "funding",
    "bought_on",
    "serial_number",
    "status",
    "calibration_due_on",
)
STANDARD_FIELDS = (
    "name",
    "quantity",
    "measuring_range",
    "accuracy",
    "level",
    "holder_name",
    "certificate_number",
    "calibrated_on",
    "calibration_due_on",
)


@transaction.atomic
def record_equipment(*, holder: Organisation, by: User | None, **values: Any) -> Equipment:
    if holder.province_id is None:
        raise ValidationError(_("Đơn vị quản lý phải thuộc một tỉnh."))
    item = Equipment(
        province_id=holder.province_id,
        holder=holder,
        created_by=by,
        **{name: values[name] for name in EQUIPMENT_FIELDS if name in values},
    )
    item.name = clean_text(item.name, keep_newlines=False).strip()
    return save_new(item, by=by, action="equipment.recorded", data={"name": item.name})


@transaction.atomic
def update_equipment(item: Equipment, *, by: User, values: dict[str, Any]) -> Equipment:
    edit_with_audit(item, by=by, fields=EQUIPMENT_FIELDS, values=values, action="equipment.updated")
    return item


def _check_chain(standard: MeasurementStandard, traced_to: MeasurementStandard | None) -> None:
    """A standard is traced to a higher one of the same quantity, never round in a circle."""
    if traced_to is None:
        return
    if standard.level == MeasurementStandard.Level.NATIONAL:
        raise ValidationError(_("Chuẩn quốc gia là đỉnh của chuỗi: không dẫn xuất từ chuẩn khác."))
    seen = {standard.pk} if standard.pk else set()
    step: MeasurementStandard | None = traced_to
    while step is not None:
        if step.pk in seen:
            raise ValidationError(_("Chuỗi dẫn xuất bị vòng: chuẩn này đã nằm trong chuỗi."))
        seen.add(step.pk)
        step = step.traced_to


@transaction.atomic
def record_standard(
    *,
    holder: Organisation | None,
    province_id: int,
    traced_to: MeasurementStandard | None,
    by: User | None,
    **values: Any,
) -> MeasurementStandard:
    standard = MeasurementStandard(
        province_id=province_id,
        holder=holder,
        traced_to=traced_to,
        **{name: values[name] for name in STANDARD_FIELDS if name in values},
    )
    if traced_to is not None and traced_to.province_id != province_id:
        raise ValidationError(_("Chuẩn cấp trên phải có trong danh mục chuẩn của tỉnh."))
    _check_chain(standard, traced_to)
    return save_new(standard, by=by, action="standard.recorded", data={"name": standard.name})


@dataclass(frozen=True)
class ReminderRun:
    equipment: int
    standards: int


def _officers_emails(province_id: int) -> list[str]:
    emails: set[str] = set()
    for role in roles_with(Capability.MANAGE_CAPACITY):
        for user in users_with_role(role).filter(organisation__province_id=province_id):
            if user.email:
                emails.add(user.email)
    return sorted(emails)


def send_calibration_reminders(*, today: dt.date) -> ReminderRun:
    """One e-mail per province listing equipment and standards whose calibration falls due
    within 30 days (or is overdue), each item reminded once per due date."""
    horizon = today + dt.timedelta(days=REMIND_DAYS)
    by_province: dict[int, list[str]] = {}
    counts = {"equipment": 0, "standards": 0}
    equipment = Equipment.objects.filter(calibration_due_on__lte=horizon).exclude(
        status=Equipment.Status.RETIRED
    )
    standards = MeasurementStandard.objects.filter(calibration_due_on__lte=horizon)
    for label, key, due in (
        (_("Thiết bị"), "equipment", equipment),
        (_("Chuẩn đo lường"), "standards", standards),
    ):
        due = due.exclude(reminded_for__isnull=False, reminded_for=F("calibration_due_on"))
        for item in due:
            by_province.setdefault(item.province_id, []).append(
                f"- {label}: {item.name} — {_('hạn hiệu chuẩn')} {item.calibration_due_on:%d/%m/%Y}"
            )
            due.model.objects.filter(pk=item.pk).update(reminded_for=item.calibration_due_on)
            counts[key] += 1
    for province_id, lines in by_province.items():
        recipients = _officers_emails(province_id)
        if recipients:
            send_mail(
                _("Thiết bị, chuẩn đo lường sắp đến hạn hiệu chuẩn"),
                "\n".join([_("Các mục sau đến hạn hiệu chuẩn trong 30 ngày tới:"), *lines]),
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
    return ReminderRun(equipment=counts["equipment"], standards=counts["standards"])
