"""Consumer warnings: drafted from a failing sample or a serious risk, approved by a second
officer, published (public page, Atom feed, product notices), withdrawn."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import record
from tdc.core.events import publish
from tdc.core.text import clean_text, fold
from tdc.surveillance.models import ConsumerWarning, RiskAssessment, RiskLevel, Sample

Status = ConsumerWarning.Status


def _reference() -> str:
    return "CB-" + secrets.token_hex(4).upper()


def warning_search_key(warning: ConsumerWarning) -> str:
    product = warning.product
    parts = [warning.title, product.name, product.brand, product.model, product.gtin]
    return fold(" ".join(p for p in parts if p))[:1000]


def _draft(
    *,
    sample: Sample | None,
    assessment: RiskAssessment | None,
    risk_level: str,
    hazard: str,
    measures: str,
    where_sold: str,
    by: User,
    title: str = "",
) -> ConsumerWarning:
    product = assessment.product if assessment is not None else sample.product  # type: ignore[union-attr]
    warning = ConsumerWarning(
        province_id=product.province_id,
        reference=_reference(),
        product=product,
        sample=sample,
        assessment=assessment,
        title=clean_text(title, keep_newlines=False).strip()
        or _("Cảnh báo: %(name)s không bảo đảm chất lượng") % {"name": product.name},
        risk_level=risk_level,
        hazard=clean_text(hazard).strip(),
        measures=clean_text(measures).strip(),
        where_sold=clean_text(where_sold).strip(),
        gtin=product.gtin,
        drafted_by=by,
    )
    warning.search_key = warning_search_key(warning)
    warning.full_clean()
    warning.save()
    record(
        actor=by,
        action="surveillance.warning_drafted",
        target=warning,
        data={
            "sample": sample.pk if sample else None,
            "assessment": assessment.pk if assessment else None,
            "risk_level": risk_level,
        },
    )
    return warning


@transaction.atomic
def draft_warning_from_sample(
    sample: Sample, *, by: User, hazard: str, measures: str = "", title: str = ""
) -> ConsumerWarning:
    """A draft from a non-conforming sample; the risk level is its latest assessment's, or
    medium until one is made; where sold is the seller's name and address."""
    if sample.verdict != Sample.Verdict.NON_CONFORMING:
        raise ValidationError(_("Chỉ lập cảnh báo từ mẫu không đạt."))
    assessment = sample.assessments.order_by("-created_at").first()
    seller = sample.establishment
    where = ", ".join(p for p in [seller.organisation.name, seller.address] if p)
    return _draft(
        sample=sample,
        assessment=assessment,
        risk_level=assessment.level if assessment else RiskLevel.MEDIUM,
        hazard=hazard,
        measures=measures,
        where_sold=where,
        by=by,
        title=title,
    )


@transaction.atomic
def draft_warning_from_assessment(
    assessment: RiskAssessment,
    *,
    by: User,
    hazard: str = "",
    measures: str = "",
    where_sold: str = "",
) -> ConsumerWarning:
    if assessment.level != RiskLevel.SERIOUS:
        raise ValidationError(_("Chỉ lập cảnh báo từ đánh giá có rủi ro nghiêm trọng."))
    return _draft(
        sample=assessment.sample,
        assessment=assessment,
        risk_level=assessment.level,
        hazard=hazard or assessment.hazard,
        measures=measures,
        where_sold=where_sold,
        by=by,
    )


@transaction.atomic
def approve_warning(warning: ConsumerWarning, *, by: User) -> ConsumerWarning:
    """A second officer approves: the drafter may not approve their own warning."""
    if warning.status != Status.DRAFT:
        raise ValidationError(_("Chỉ duyệt được cảnh báo đang là dự thảo."))
    if warning.drafted_by_id == by.pk:
        raise ValidationError(_("Người lập dự thảo không tự duyệt cảnh báo của mình."))
    warning.status = Status.APPROVED
    warning.approved_by = by
    warning.approved_at = timezone.now()
    warning.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    record(actor=by, action="surveillance.warning_approved", target=warning)
    return warning


@transaction.atomic
def publish_warning(warning: ConsumerWarning, *, by: User) -> ConsumerWarning:
    if warning.status != Status.APPROVED:
        raise ValidationError(_("Chỉ công bố được cảnh báo đã duyệt."))
    warning.status = Status.PUBLISHED
    warning.published_at = timezone.now()
    warning.save(update_fields=["status", "published_at", "updated_at"])
    record(actor=by, action="surveillance.warning_published", target=warning)
    publish(
        "surveillance.warning_published",
        {
            "warning": warning.reference,
            "province": warning.province_id,
            "gtin": warning.gtin,
            "risk_level": warning.risk_level,
            "title": warning.title,
        },
    )
    return warning


@transaction.atomic
def withdraw_warning(warning: ConsumerWarning, *, by: User, reason: str) -> ConsumerWarning:
    if warning.status != Status.PUBLISHED:
        raise ValidationError(_("Chỉ thu hồi được cảnh báo đã công bố."))
    reason = clean_text(reason, keep_newlines=False).strip()
    if not reason:
        raise ValidationError({"reason": _("Nêu lý do thu hồi cảnh báo.")})
    warning.status = Status.WITHDRAWN
    warning.save(update_fields=["status", "updated_at"])
    record(
        actor=by, action="surveillance.warning_withdrawn", target=warning, data={"reason": reason}
    )
    publish(
        "surveillance.warning_withdrawn",
        {"warning": warning.reference, "province": warning.province_id, "gtin": warning.gtin},
    )
    return warning
