"""Product risk assessments by the EU method: read them, assess a sample's product (the
injury scenario's steps, each with its probability), re-run one with the same inputs, and
draft a warning from a serious one — the assessment pages' services and doors.

An assessment is a record of what was decided with which inputs: it is never edited. Its
"update" is the page's re-run, a new assessment linked to the old one (`previous_id`)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.surveillance import access, queries, services
from tdc.surveillance.api.common import RiskLevelValue, load, province_lists, reading, since
from tdc.surveillance.api.warnings import SurveillanceStaffWarningOut
from tdc.surveillance.models import ConsumerWarning, RiskAssessment
from tdc.surveillance.rules.matrix import Step, eu_matrix, parse_probability

router = Router(tags=["surveillance"])


class SurveillanceScenarioStepOut(Schema):
    description: str
    probability: str = Field(description="as entered and used: 0.1, 0.01, 0.333…")


class SurveillanceAssessmentOut(Schema):
    id: int
    product_id: int
    sample_id: int | None
    hazard: str
    scenario: list[SurveillanceScenarioStepOut]
    severity: int
    probability: Decimal = Field(description="the product of the steps' probabilities")
    probability_band: str
    level: str
    level_label: str
    matrix_version: str
    previous_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_probability_band(obj: RiskAssessment) -> str:
        return eu_matrix().band_for(obj.probability).label

    @staticmethod
    def resolve_level_label(obj: RiskAssessment) -> str:
        return str(obj.get_level_display())


class SurveillanceAssessmentFilters(Schema):
    product_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    sample_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    level: RiskLevelValue | None = None
    updated_after: dt.datetime | None = Field(
        default=None, description="only assessments changed after this moment"
    )


@router.get("/assessments", response=list[SurveillanceAssessmentOut])
@paginate
def list_assessments(
    request: HttpRequest, filters: Query[SurveillanceAssessmentFilters]
) -> QuerySet[RiskAssessment]:
    """The province's assessments (the product's and the sample's pages list theirs), oldest
    first by id; `updated_after` (or `If-Modified-Since`) keeps only what changed since."""
    rows = queries.assessments_visible_to(province_lists(request))
    if filters.product_id is not None:
        rows = rows.filter(product_id=filters.product_id)
    if filters.sample_id is not None:
        rows = rows.filter(sample_id=filters.sample_id)
    if filters.level is not None:
        rows = rows.filter(level=filters.level)
    return since(rows, request, filters.updated_after).order_by("pk")


@router.get("/assessments/{pk}", response=SurveillanceAssessmentOut)
def get_assessment(request: HttpRequest, pk: int) -> RiskAssessment:
    return reading(request, access.get_assessment_for_user, pk)[1]


class SurveillanceScenarioStepIn(Schema):
    description: str = Field(min_length=1, max_length=300)
    probability: str = Field(
        min_length=1, max_length=40, description="1/100 · 0,01 · 1% — more than 0, at most 1"
    )


class SurveillanceAssessmentIn(Schema):
    hazard: str = Field(min_length=1, max_length=300)
    severity: int = Field(ge=1, le=4, description="1 light … 4 death or permanent disability")
    steps: list[SurveillanceScenarioStepIn] = Field(min_length=1, max_length=30)


def _steps(steps: list[SurveillanceScenarioStepIn]) -> list[Step]:
    """The steps as the page's `mô tả | xác suất` lines are read; a bad one is named."""
    parsed = []
    for number, step in enumerate(steps, start=1):
        try:
            parsed.append(Step(step.description, parse_probability(step.probability)))
        except ValidationError as error:
            raise ValidationError(
                _("Bước %(n)s: %(m)s") % {"n": number, "m": " ".join(error.messages)}
            ) from error
    return parsed


@router.post("/samples/{pk}/assessments", response={201: SurveillanceAssessmentOut})
def assess_sample(
    request: HttpRequest, pk: int, payload: SurveillanceAssessmentIn
) -> Status[RiskAssessment]:
    """Assess the sampled product: probability = the product of the steps', level from the EU
    matrix (`probability_band` × `severity`)."""
    user, sample = load(request, access.get_sample_to_change, pk)
    assessment = services.assess_risk(
        sample.product,
        hazard=payload.hazard,
        steps=_steps(payload.steps),
        severity=payload.severity,
        by=user,
        sample=sample,
    )
    return Status(201, assessment)


@router.post("/assessments/{pk}/rerun", response={201: SurveillanceAssessmentOut})
def rerun_assessment(request: HttpRequest, pk: int) -> Status[RiskAssessment]:
    """The same inputs through the current matrix: a new assessment, `previous_id` the old."""
    user, assessment = load(request, access.get_assessment_to_change, pk)
    return Status(201, services.rerun_assessment(assessment, by=user))


@router.post("/assessments/{pk}/warning", response={201: SurveillanceStaffWarningOut})
def draft_warning_from_assessment(request: HttpRequest, pk: int) -> Status[ConsumerWarning]:
    """Draft a consumer warning from a serious assessment (422 for a lower level)."""
    user, assessment = load(request, access.get_assessment_to_change, pk)
    return Status(201, services.draft_warning_from_assessment(assessment, by=user))
