"""Survey programmes, their samples and the samples' test results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.surveillance import access, queries, services
from tdc.surveillance.api.common import Line, categories, door, load, recording
from tdc.surveillance.models import Criterion, Sample, SurveyProgramme, TestResult

router = Router(tags=["surveillance"])


class SurveillanceProgrammeIn(Schema):
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1, max_length=300)
    categories: list[str] = Field(min_length=1, max_length=20)
    planned_samples: int = Field(default=20, ge=1, le=10000)
    area: str = Line
    executor: str = Line


class SurveillanceProgrammeOut(Schema):
    id: int
    year: int
    title: str
    planned_samples: int
    area: str
    executor: str
    categories: list[str]

    @staticmethod
    def resolve_categories(obj: SurveyProgramme) -> list[str]:
        return [c.code for c in obj.categories.all()]


@router.get("/programmes", response=list[SurveillanceProgrammeOut])
@paginate
def list_programmes(request: HttpRequest) -> QuerySet[SurveyProgramme]:
    return queries.programmes_visible_to(request.user).prefetch_related("categories").order_by("pk")


@router.post("/programmes", response={201: SurveillanceProgrammeOut})
def create_programme(
    request: HttpRequest, payload: SurveillanceProgrammeIn
) -> Status[SurveyProgramme]:
    user, province = recording(request)
    programme = services.create_programme(
        province=province,
        by=user,
        categories=categories(payload.categories),
        **payload.model_dump(exclude={"categories"}),
    )
    return Status(201, programme)


class SurveillanceSampleIn(Schema):
    code: str = Field(min_length=1, max_length=40)
    product_id: int
    establishment_id: int
    sampled_on: dt.date
    place: str = Line
    price: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=0)
    lot: str = Field(default="", max_length=100)
    lab: str = Line


class SurveillanceResultOut(Schema):
    criterion: str
    standard: str
    measured: str
    unit: str
    uncertainty: str
    method: str
    conforming: bool

    @staticmethod
    def resolve_criterion(obj: TestResult) -> str:
        return obj.criterion.name

    @staticmethod
    def resolve_standard(obj: TestResult) -> str:
        return obj.criterion.standard

    @staticmethod
    def resolve_measured(obj: TestResult) -> str:
        return obj.measured_text


class SurveillanceSampleOut(Schema):
    id: int
    code: str
    programme_id: int
    product_id: int
    establishment_id: int
    sampled_on: dt.date
    place: str
    lot: str
    lab: str
    verdict: str
    results: list[SurveillanceResultOut]

    @staticmethod
    def resolve_results(obj: Sample) -> list[TestResult]:
        return list(obj.results.select_related("criterion").order_by("pk"))


@router.get("/samples", response=list[SurveillanceSampleOut])
@paginate
def list_samples(request: HttpRequest) -> QuerySet[Sample]:
    """Samples the user may see (a business: those bought from it)."""
    return queries.samples_visible_to(request.user).order_by("pk")


@router.get("/samples/{pk}", response=SurveillanceSampleOut)
def get_sample(request: HttpRequest, pk: int) -> Sample:
    return access.get_sample_for_user(request.user, pk)


@router.post("/programmes/{pk}/samples", response={201: SurveillanceSampleOut})
def record_sample(request: HttpRequest, pk: int, payload: SurveillanceSampleIn) -> Status[Sample]:
    user, programme = load(request, access.get_programme_to_change, pk)
    with door():
        establishment = access.establishments_to_pick(user).get(pk=payload.establishment_id)
    product = get_object_or_404(
        queries.products_visible_to(user).filter(province=programme.province),
        pk=payload.product_id,
    )
    values = payload.model_dump(exclude={"product_id", "establishment_id"})
    sample = services.record_sample(
        programme, product=product, establishment=establishment, by=user, **values
    )
    return Status(201, sample)


class SurveillanceResultIn(Schema):
    criterion_id: int
    measured: str = Field(min_length=1, max_length=40, description="0,12 · <0,01 · KPH")
    unit: str = Field(min_length=1, max_length=30)
    uncertainty: str = Field(default="", max_length=40)
    method: str = Field(default="", max_length=200)


@router.post("/samples/{pk}/results", response={201: SurveillanceSampleOut})
def record_result(request: HttpRequest, pk: int, payload: SurveillanceResultIn) -> Status[Sample]:
    """One criterion's result; the sample's verdict is computed, never typed."""
    user, sample = load(request, access.get_sample_to_change, pk)
    criterion = get_object_or_404(
        Criterion, pk=payload.criterion_id, category_id=sample.product.category_id
    )
    services.record_result(
        sample, criterion=criterion, by=user, **payload.model_dump(exclude={"criterion_id"})
    )
    sample.refresh_from_db()
    return Status(201, sample)
