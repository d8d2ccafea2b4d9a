"""Writes for awards and commendations. Commending the reporter of a complaint names the
complaint (found through the complaints app's own door) and nobody else: the reporter's
identity stays in the complaints app, where only the custodian's approval reveals it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.capacity.models import Award
from tdc.capacity.services.common import save_new
from tdc.complaints.queries import complaints_visible_to
from tdc.core.text import clean_text


@transaction.atomic
def record_award(
    *,
    kind: str,
    title: str,
    decided_on: dt.date,
    decision_number: str = "",
    recipient_organisation: Organisation | None = None,
    recipient_name: str = "",
    complaint_reference: str = "",
    amount: Decimal | None = None,
    reason: str = "",
    by: User,
) -> Award:
    """Record an award. For a reporter's commendation, `complaint_reference` must be a
    complaint `by` may see, and no recipient is named."""
    province_id = by.province_id
    if province_id is None:
        raise ValidationError(_("Tài khoản của bạn không thuộc tỉnh nào."))
    complaint = None
    if kind == Award.Kind.REPORTER:
        if recipient_name.strip() or recipient_organisation is not None:
            raise ValidationError(
                _(
                    "Khen thưởng người phản ánh không ghi tên người được khen: danh tính của "
                    "họ chỉ nằm trong hồ sơ phản ánh."
                )
            )
        reference = complaint_reference.strip().upper()
        complaint = complaints_visible_to(by).filter(reference=reference).first()
        if complaint is None:
            raise ValidationError(
                _("Không tìm thấy phản ánh số %(reference)s trong các phản ánh bạn được xem.")
                % {"reference": reference or "—"}
            )
        province_id = complaint.province_id
    elif not recipient_name.strip() and recipient_organisation is None:
        raise ValidationError(_("Hãy ghi tổ chức hoặc cá nhân được khen thưởng."))
    award = Award(
        province_id=province_id,
        kind=kind,
        title=clean_text(title, keep_newlines=False).strip(),
        decided_on=decided_on,
        decision_number=decision_number.strip(),
        recipient_organisation=recipient_organisation,
        recipient_name=clean_text(recipient_name, keep_newlines=False).strip(),
        complaint=complaint,
        amount=amount,
        reason=clean_text(reason),
        created_by=by,
    )
    return save_new(award, by=by, action="award.recorded", data={"kind": kind})
