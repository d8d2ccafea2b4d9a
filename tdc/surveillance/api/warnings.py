"""Consumer warnings: the published ones for anyone (search, by barcode), and the staff side —
draft from a sample, approve (a second officer), publish, withdraw with a reason."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.surveillance import access, queries, services
from tdc.surveillance.api.common import APPROVE, load
from tdc.surveillance.models import ConsumerWarning
from tdc.surveillance.rules.gtin import maybe_gtin14

router = Router(tags=["surveillance"])


class SurveillanceWarningOut(Schema):
    reference: str
    title: str
    risk_level: str
    product_name: str
    brand: str
    gtin: str
    hazard: str
    measures: str
    where_sold: str
    published_at: dt.datetime | None

    @staticmethod
    def resolve_product_name(obj: ConsumerWarning) -> str:
        return obj.product.name

    @staticmethod
    def resolve_brand(obj: ConsumerWarning) -> str:
        return obj.product.brand


@router.get("/warnings", response=list[SurveillanceWarningOut])
@paginate
def list_warnings(request: HttpRequest, q: str = "") -> QuerySet[ConsumerWarning]:
    """Published warnings, newest first; `q` searches name, brand or barcode, accents optional."""
    if len(q) > 100:
        raise HttpError(422, _("Từ khóa tìm kiếm quá dài (tối đa 100 ký tự)."))
    return queries.search_published_warnings(q) if q.strip() else queries.published_warnings()


@router.get("/warnings/by-gtin/{gtin}", response=list[SurveillanceWarningOut])
def warnings_for_barcode(request: HttpRequest, gtin: str) -> QuerySet[ConsumerWarning]:
    """Is there a warning for this barcode? An empty list means none."""
    code = maybe_gtin14(gtin[:20])
    if code is None:
        raise HttpError(
            422, _("Mã GTIN không hợp lệ (8, 12, 13 hoặc 14 chữ số, đúng số kiểm tra).")
        )
    return queries.warnings_for_gtin(code)


class SurveillanceStaffWarningOut(Schema):
    id: int
    reference: str
    status: str
    title: str
    risk_level: str
    product_id: int
    sample_id: int | None
    hazard: str
    measures: str
    where_sold: str
    published_at: dt.datetime | None


class SurveillanceWarningDraftIn(Schema):
    hazard: str = Field(min_length=1, max_length=4000)
    measures: str = Field(default="", max_length=4000)
    title: str = Field(default="", max_length=300)


class SurveillanceReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


@router.get("/managed-warnings", response=list[SurveillanceStaffWarningOut])
@paginate
def list_managed_warnings(request: HttpRequest) -> QuerySet[ConsumerWarning]:
    """Every warning of the officer's province, drafts included (the staff's list)."""
    return queries.warnings_visible_to(request.user).order_by("pk")


@router.post("/samples/{pk}/warning", response={201: SurveillanceStaffWarningOut})
def draft_warning(
    request: HttpRequest, pk: int, payload: SurveillanceWarningDraftIn
) -> Status[ConsumerWarning]:
    """Draft a warning from a non-conforming sample."""
    user, sample = load(request, access.get_sample_to_change, pk)
    return Status(201, services.draft_warning_from_sample(sample, by=user, **payload.model_dump()))


@router.post("/managed-warnings/{pk}/approve", response=SurveillanceStaffWarningOut)
def approve_warning(request: HttpRequest, pk: int) -> ConsumerWarning:
    """Approve a draft: `APPROVE_SURVEILLANCE`, and not the officer who drafted it."""
    user, warning = load(request, access.get_warning_to_approve, pk, capability=APPROVE)
    return services.approve_warning(warning, by=user)


@router.post("/managed-warnings/{pk}/publish", response=SurveillanceStaffWarningOut)
def publish_warning(request: HttpRequest, pk: int) -> ConsumerWarning:
    user, warning = load(request, access.get_warning_to_change, pk)
    return services.publish_warning(warning, by=user)


@router.post("/managed-warnings/{pk}/withdraw", response=SurveillanceStaffWarningOut)
def withdraw_warning(
    request: HttpRequest, pk: int, payload: SurveillanceReasonIn
) -> ConsumerWarning:
    user, warning = load(request, access.get_warning_to_change, pk)
    return services.withdraw_warning(warning, by=user, reason=payload.reason)
