"""Inspections of establishments, their results and the violations found."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.core.inline_enums import inline_enum
from tdc.surveillance import access, queries, services
from tdc.surveillance.api.common import acting, door, load
from tdc.surveillance.models import Inspection, Violation

router = Router(tags=["surveillance"])


class SurveillanceViolationOut(Schema):
    description: str
    legal_basis: str
    fine_amount: Decimal | None
    decision_number: str


class SurveillanceInspectionOut(Schema):
    id: int
    establishment_id: int
    kind: str
    status: str
    inspected_on: dt.date
    team: str
    findings: str
    corrective_measures: str
    follow_up_on: dt.date | None
    violations: list[SurveillanceViolationOut]

    @staticmethod
    def resolve_violations(obj: Inspection) -> list[Violation]:
        return list(obj.violations.order_by("pk"))


class SurveillanceInspectionIn(Schema):
    establishment_id: int
    inspected_on: dt.date
    team: str = Field(min_length=1, max_length=500)
    kind: Annotated[Inspection.Kind, inline_enum(Inspection.Kind)] = Inspection.Kind.PLANNED


class SurveillanceInspectionResultIn(Schema):
    findings: str = Field(min_length=1, max_length=4000)
    checked_labels: bool = False
    checked_marks: bool = False
    instrument_ids: list[int] = Field(default_factory=list, max_length=200)
    sample_ids: list[int] = Field(default_factory=list, max_length=200)
    corrective_measures: str = Field(default="", max_length=4000)
    follow_up_on: dt.date | None = None


class SurveillanceViolationIn(Schema):
    description: str = Field(min_length=1, max_length=2000)
    legal_basis: str = Field(min_length=1, max_length=300)
    fine_amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=0)
    decision_number: str = Field(default="", max_length=60)


@router.get("/inspections", response=list[SurveillanceInspectionOut])
@paginate
def list_inspections(request: HttpRequest) -> QuerySet[Inspection]:
    """Inspections the user may see (a business: its own)."""
    return queries.inspections_visible_to(request.user).order_by("pk")


@router.get("/inspections/{pk}", response=SurveillanceInspectionOut)
def get_inspection(request: HttpRequest, pk: int) -> Inspection:
    return access.get_inspection_for_user(request.user, pk)


@router.post("/inspections", response={201: SurveillanceInspectionOut})
def schedule_inspection(
    request: HttpRequest, payload: SurveillanceInspectionIn
) -> Status[Inspection]:
    user = acting(request)
    with door():
        establishment = access.establishments_to_pick(user).get(pk=payload.establishment_id)
    inspection = services.schedule_inspection(
        establishment,
        inspected_on=payload.inspected_on,
        team=payload.team,
        kind=payload.kind,
        by=user,
    )
    return Status(201, inspection)


@router.post("/inspections/{pk}/result", response=SurveillanceInspectionOut)
def record_inspection_result(
    request: HttpRequest, pk: int, payload: SurveillanceInspectionResultIn
) -> Inspection:
    """What was checked and found; instruments are picked from the register by id."""
    user, inspection = load(request, access.get_inspection_to_change, pk)
    samples = list(
        queries.samples_visible_to(user).filter(
            pk__in=payload.sample_ids, establishment=inspection.establishment
        )
    )
    if len(samples) != len(set(payload.sample_ids)):
        raise HttpError(422, _("Có mẫu không thuộc cơ sở được kiểm tra."))
    values = payload.model_dump(exclude={"sample_ids"})
    return services.record_inspection_result(inspection, by=user, samples=samples, **values)


@router.post("/inspections/{pk}/violations", response={201: SurveillanceInspectionOut})
def add_violation(
    request: HttpRequest, pk: int, payload: SurveillanceViolationIn
) -> Status[Inspection]:
    user, inspection = load(request, access.get_inspection_to_change, pk)
    services.add_violation(inspection, by=user, **payload.model_dump())
    return Status(201, inspection)
