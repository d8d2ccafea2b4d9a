"""Writes for programmes and the support they give businesses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.capacity.models import Programme, SupportApplication
from tdc.capacity.services.common import save_new
from tdc.core.audit import edit_with_audit
from tdc.core.text import clean_text

PROGRAMME_FIELDS = ("name", "kind", "decision", "starts_on", "ends_on", "status", "budget")


@transaction.atomic
def create_programme(*, owner: Organisation, by: User | None, **values: Any) -> Programme:
    if owner.province_id is None:
        raise ValidationError(_("Cơ quan chủ trì phải thuộc một tỉnh."))
    programme = Programme(
        province_id=owner.province_id,
        owner=owner,
        created_by=by,
        **{name: values[name] for name in PROGRAMME_FIELDS if name in values},
    )
    programme.name = clean_text(programme.name, keep_newlines=False).strip()
    return save_new(programme, by=by, action="programme.created", data={"name": programme.name})


@transaction.atomic
def update_programme(programme: Programme, *, by: User, values: dict[str, Any]) -> Programme:
    edit_with_audit(
        programme, by=by, fields=PROGRAMME_FIELDS, values=values, action="programme.updated"
    )
    return programme


@transaction.atomic
def submit_application(
    programme: Programme,
    *,
    business: Organisation,
    subject: str,
    submitted_on: dt.date,
    requested_amount: Decimal,
    by: User,
) -> SupportApplication:
    if business.kind != Organisation.Kind.BUSINESS:
        raise ValidationError(_("Chỉ doanh nghiệp được đề nghị hỗ trợ."))
    if business.province_id != programme.province_id:
        raise ValidationError(_("Doanh nghiệp không thuộc tỉnh của chương trình."))
    application = SupportApplication(
        programme=programme,
        business=business,
        subject=clean_text(subject, keep_newlines=False).strip(),
        submitted_on=submitted_on,
        requested_amount=requested_amount,
    )
    return save_new(
        application, by=by, action="support.submitted", data={"programme": programme.pk}
    )


@transaction.atomic
def decide_application(
    application: SupportApplication,
    *,
    approve: bool,
    decision_number: str,
    decided_on: dt.date,
    granted_amount: Decimal | None,
    result: str = "",
    by: User,
) -> SupportApplication:
    """Approve (with the amount granted) or refuse an application."""
    if application.status != SupportApplication.Status.SUBMITTED:
        raise ValidationError(_("Hồ sơ này đã có quyết định."))
    if decided_on < application.submitted_on:
        raise ValidationError(_("Ngày quyết định không được trước ngày nộp hồ sơ."))
    if approve and (granted_amount is None or granted_amount <= 0):
        raise ValidationError(_("Hãy ghi kinh phí được hỗ trợ."))
    if approve and granted_amount is not None and granted_amount > application.requested_amount:
        raise ValidationError(_("Kinh phí hỗ trợ không được vượt kinh phí đề nghị."))
    status = SupportApplication.Status.APPROVED if approve else SupportApplication.Status.REFUSED
    edit_with_audit(
        application,
        by=by,
        fields=("status", "decision_number", "decided_on", "granted_amount", "result"),
        values={
            "status": status,
            "decision_number": decision_number,
            "decided_on": decided_on,
            "granted_amount": granted_amount if approve else None,
            "result": clean_text(result),
        },
        action="support.decided",
    )
    return application


@transaction.atomic
def record_result(application: SupportApplication, *, result: str, by: User) -> SupportApplication:
    edit_with_audit(
        application,
        by=by,
        fields=("result",),
        values={"result": clean_text(result)},
        action="support.result_recorded",
    )
    return application
