"""The yearly risk-based inspection plan: read it and its items, generate it (a draft for the
year is replaced), review and approve it (two officers other than its author, in that order),
add or remove an establishment with a reason (mandatory once the plan is reviewed), and
download its DOCX and XLSX — the plan pages' services, doors and state machine.

A plan's `updated_at` moves when its items change, so `updated_after` finds those too."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.core.downloads import file_responses
from tdc.reports.nd30 import nfc
from tdc.surveillance import access, exports, queries, services
from tdc.surveillance.api.common import (
    APPROVE,
    DOCX,
    XLSX,
    PlanReasonValue,
    PlanStatusValue,
    RiskCategoryValue,
    load,
    province_lists,
    reading,
    recording,
    since,
)
from tdc.surveillance.models import InspectionPlan, PlanItem

router = Router(tags=["surveillance"])

MAX_ID = 2**63 - 1


class SurveillancePlanOut(Schema):
    id: int
    year: int
    budget: int = Field(description="the number of inspections the plan may hold")
    random_share: Decimal
    seed: int = Field(description="the random draw's seed: the same seed draws the same")
    status: str
    status_label: str
    items: int = Field(description="establishments in the plan (removed ones not counted)")
    removed: int = Field(description="establishments removed from it, each with its reason")
    reviewed_at: dt.datetime | None
    approved_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_status_label(obj: InspectionPlan) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_items(obj: InspectionPlan) -> int:
        counted = getattr(obj, "active_items", None)
        return obj.items.filter(is_removed=False).count() if counted is None else int(counted)

    @staticmethod
    def resolve_removed(obj: InspectionPlan) -> int:
        counted = getattr(obj, "removed_items", None)
        return obj.items.filter(is_removed=True).count() if counted is None else int(counted)


class SurveillancePlanFilters(Schema):
    year: int | None = Field(default=None, ge=2000, le=2100)
    status: PlanStatusValue | None = None
    updated_after: dt.datetime | None = Field(
        default=None, description="only plans changed (or whose items changed) after this"
    )


def _counted(plans: QuerySet[InspectionPlan]) -> QuerySet[InspectionPlan]:
    return plans.annotate(
        active_items=Count("items", filter=Q(items__is_removed=False)),
        removed_items=Count("items", filter=Q(items__is_removed=True)),
    )


@router.get("/inspection-plans", response=list[SurveillancePlanOut])
@paginate
def list_inspection_plans(
    request: HttpRequest, filters: Query[SurveillancePlanFilters]
) -> QuerySet[InspectionPlan]:
    """The province's plans, newest year first (as the page), then by id."""
    plans = queries.plans_visible_to(province_lists(request))
    if filters.year is not None:
        plans = plans.filter(year=filters.year)
    if filters.status is not None:
        plans = plans.filter(status=filters.status)
    return _counted(since(plans, request, filters.updated_after)).order_by("-year", "pk")


@router.get("/inspection-plans/{pk}", response=SurveillancePlanOut)
def get_inspection_plan(request: HttpRequest, pk: int) -> InspectionPlan:
    return reading(request, access.get_plan_for_user, pk)[1]


class SurveillancePlanIn(Schema):
    year: int = Field(ge=2000, le=2100)
    budget: int = Field(ge=1, le=100000)
    random_share: Decimal = Field(
        default=Decimal("0.15"), ge=Decimal("0.10"), le=Decimal("0.20"), decimal_places=2
    )
    seed: int | None = Field(
        default=None, ge=0, le=2**62, description="empty: the system draws one"
    )


@router.post("/inspection-plans", response={201: SurveillancePlanOut})
def generate_inspection_plan(
    request: HttpRequest, payload: SurveillancePlanIn
) -> Status[InspectionPlan]:
    """Score every establishment, then fill the budget: hard triggers first, then by score,
    then a random share among C/D. A draft for the year is replaced; a reviewed or approved
    plan is not (422)."""
    user, province = recording(request)
    plan = services.generate_plan(province=province, by=user, **payload.model_dump())
    return Status(201, plan)


@router.post("/inspection-plans/{pk}/review", response=SurveillancePlanOut)
def review_inspection_plan(request: HttpRequest, pk: int) -> InspectionPlan:
    """Draft → reviewed: `APPROVE_SURVEILLANCE`, and not the plan's author (422)."""
    user, plan = load(request, access.get_plan_to_approve, pk, capability=APPROVE)
    return services.review_plan(plan, by=user)


@router.post("/inspection-plans/{pk}/approve", response=SurveillancePlanOut)
def approve_inspection_plan(request: HttpRequest, pk: int) -> InspectionPlan:
    """Reviewed → approved: `APPROVE_SURVEILLANCE`, and not its reviewer (422)."""
    user, plan = load(request, access.get_plan_to_approve, pk, capability=APPROVE)
    return services.approve_plan(plan, by=user)


class SurveillancePlanItemOut(Schema):
    id: int
    plan_id: int
    rank: int
    establishment_id: int
    establishment_name: str
    reason: str
    reason_label: str
    score: int = Field(description="the establishment's score when it entered the plan")
    risk_category: str
    is_removed: bool
    change_reason: str

    @staticmethod
    def resolve_establishment_name(obj: PlanItem) -> str:
        return obj.establishment.organisation.name

    @staticmethod
    def resolve_reason_label(obj: PlanItem) -> str:
        return str(obj.get_reason_display())


class SurveillancePlanItemFilters(Schema):
    reason: PlanReasonValue | None = None
    risk_category: RiskCategoryValue | None = None
    is_removed: bool | None = Field(default=None, description="empty: both, as the page shows")


@router.get("/inspection-plans/{pk}/items", response=list[SurveillancePlanItemOut])
@paginate
def list_plan_items(
    request: HttpRequest, pk: int, filters: Query[SurveillancePlanItemFilters]
) -> QuerySet[PlanItem]:
    """The plan's establishments in rank order, removed ones included (struck out on the page)."""
    _user, plan = reading(request, access.get_plan_for_user, pk)
    items = queries.plan_items(plan)
    if filters.reason is not None:
        items = items.filter(reason=filters.reason)
    if filters.risk_category is not None:
        items = items.filter(risk_category=filters.risk_category)
    if filters.is_removed is not None:
        items = items.filter(is_removed=filters.is_removed)
    return items.order_by("rank", "pk")


@router.get("/inspection-plans/{pk}/items/{item_pk}", response=SurveillancePlanItemOut)
def get_plan_item(request: HttpRequest, pk: int, item_pk: int) -> PlanItem:
    _user, plan = reading(request, access.get_plan_for_user, pk)
    return get_object_or_404(queries.plan_items(plan), pk=item_pk)


class SurveillancePlanItemIn(Schema):
    establishment_id: int = Field(ge=1, le=MAX_ID)
    reason: str = Field(
        default="", max_length=500, description="mandatory once the plan is reviewed"
    )


class SurveillancePlanChangeIn(Schema):
    reason: str = Field(
        default="", max_length=500, description="mandatory once the plan is reviewed"
    )


@router.post("/inspection-plans/{pk}/items", response={201: SurveillancePlanItemOut})
def add_plan_item(
    request: HttpRequest, pk: int, payload: SurveillancePlanItemIn
) -> Status[PlanItem]:
    """Add an establishment of the plan's province (or put a removed one back)."""
    user, plan = load(request, access.get_plan_to_change, pk)
    establishment = (
        queries.establishments_visible_to(user)
        .filter(province=plan.province, pk=payload.establishment_id)
        .first()
    )
    if establishment is None:
        raise ValidationError(_("Không có cơ sở này trong tỉnh của kế hoạch."))
    item = services.add_to_plan(plan, establishment=establishment, reason=payload.reason, by=user)
    return Status(201, item)


@router.post("/inspection-plans/{pk}/items/{item_pk}/remove", response=SurveillancePlanItemOut)
def remove_plan_item(
    request: HttpRequest, pk: int, item_pk: int, payload: SurveillancePlanChangeIn
) -> PlanItem:
    """Take an establishment out of the plan; the item stays, struck out, with its reason."""
    user, plan = load(request, access.get_plan_to_change, pk)
    item = get_object_or_404(queries.plan_items(plan), pk=item_pk)
    return services.remove_from_plan(item, reason=payload.reason, by=user)


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, nfc(name))
    return response


@router.get(
    "/inspection-plans/{pk}/docx",
    openapi_extra=file_responses("The plan as a DOCX document.", DOCX),
)
def download_inspection_plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    _user, plan = reading(request, access.get_plan_for_user, pk)
    return _download(exports.plan_docx(plan), DOCX, f"ke-hoach-kiem-tra-{plan.year}.docx")


@router.get(
    "/inspection-plans/{pk}/xlsx",
    openapi_extra=file_responses("The plan's appendix (the list of establishments).", XLSX),
)
def download_inspection_plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    _user, plan = reading(request, access.get_plan_for_user, pk)
    return _download(exports.plan_xlsx(plan), XLSX, f"phu-luc-ke-hoach-{plan.year}.xlsx")
