"""The explanations API (/api/v1/plans/explanations/…, periods/{pk}/explanations): DoST asks a
late agency for a written explanation, the agency answers once; the same door
(`explanations_visible_to`, `get_managed_period_for_user`) and services as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.models import Organisation
from tdc.plans.access import (
    explanations_visible_to,
    get_explanation_for_user,
    get_managed_period_for_user,
)
from tdc.plans.api.common import caller, guard
from tdc.plans.models import ExplanationRequest
from tdc.plans.services import periods

router = Router(tags=["plans"])


class PlanExplanationOut(Schema):
    id: int
    period_id: int
    organisation_id: int
    organisation_name: str
    message: str
    due_date: dt.date
    response: str
    responded_at: dt.datetime | None
    created_at: dt.datetime

    @staticmethod
    def resolve_organisation_name(obj: ExplanationRequest) -> str:
        return obj.organisation.name


class PlanExplanationRequestIn(Schema):
    organisation_id: int
    message: str
    due_date: dt.date


class PlanExplanationAnswerIn(Schema):
    response: str


@router.get("/explanations/", response=list[PlanExplanationOut])
@paginate
def list_explanations(request: HttpRequest, answered: bool | None = None) -> QuerySet[Any]:
    found = explanations_visible_to(request.user).order_by("-created_at", "-pk")
    if answered is not None:
        found = found.filter(responded_at__isnull=not answered)
    return found


@router.get("/explanations/{int:pk}", response=PlanExplanationOut)
def get_explanation(request: HttpRequest, pk: int) -> ExplanationRequest:
    return get_explanation_for_user(request.user, pk)


@router.post("/explanations/{int:pk}/answer", response=PlanExplanationOut)
def answer_explanation(
    request: HttpRequest, pk: int, payload: PlanExplanationAnswerIn
) -> ExplanationRequest:
    """The asked agency's written explanation, given once."""
    explanation = get_explanation_for_user(request.user, pk)
    user = caller(request)
    return guard(
        lambda: periods.answer_explanation(explanation, response=payload.response, by=user)
    )


@router.post("/periods/{int:pk}/explanations", response={201: PlanExplanationOut})
def request_explanation(
    request: HttpRequest, pk: int, payload: PlanExplanationRequestIn
) -> Status[ExplanationRequest]:
    """DoST asks an agency late in this period for an explanation (422 if it is not late)."""
    period = get_managed_period_for_user(request.user, pk)
    user = caller(request)
    organisation = Organisation.objects.filter(
        pk=payload.organisation_id, province_id=period.plan.province_id
    ).first()
    if organisation is None:
        raise ValidationError("Cơ quan này không chậm báo cáo trong kỳ này.")
    made = guard(
        lambda: periods.request_explanation(
            period,
            organisation=organisation,
            message=payload.message,
            due_date=payload.due_date,
            by=user,
        )
    )
    return Status(201, made)
