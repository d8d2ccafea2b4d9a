"""Programmes and the support they give businesses over JSON: the programmes, each with its
applications, recording a programme, an application and its decision (DoST)."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from tdc.accounts.models import Organisation
from tdc.capacity import access, services
from tdc.capacity.api.common import RecordId, door, manager, reader, since, validated
from tdc.capacity.forms import ApplicationForm, DecisionForm, ProgrammeForm
from tdc.capacity.models import Programme, SupportApplication
from tdc.core.inline_enums import inline_enum

router = Router(tags=["capacity"])


class CapacityProgrammeOut(Schema):
    id: int
    name: str
    kind: str
    decision: str
    starts_on: dt.date
    ends_on: dt.date | None
    status: str
    budget: Decimal | None
    owner_id: int
    owner: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_owner(obj: Programme) -> str:
        return obj.owner.name


class CapacityApplicationOut(Schema):
    id: int
    programme_id: int
    business_id: int
    business: str
    subject: str
    submitted_on: dt.date
    requested_amount: Decimal
    status: str
    decision_number: str
    decided_on: dt.date | None
    granted_amount: Decimal | None
    result: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_business(obj: SupportApplication) -> str:
        return obj.business.name


class CapacityProgrammeDetailOut(CapacityProgrammeOut):
    applications: list[CapacityApplicationOut]
    granted: Decimal

    @staticmethod
    def resolve_applications(obj: Programme) -> list[SupportApplication]:
        return list(obj.applications.select_related("business").order_by("-submitted_on", "-id"))

    @staticmethod
    def resolve_granted(obj: Programme) -> Decimal:
        return sum((a.granted_amount or Decimal(0) for a in obj.applications.all()), Decimal(0))


class CapacityProgrammeIn(Schema):
    owner_id: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="Cơ quan chủ trì; mặc định là cơ quan của người gọi.",
    )
    name: str = Field(min_length=1, max_length=400)
    kind: Annotated[Programme.Kind, inline_enum(Programme.Kind)]
    decision: str = Field(default="", max_length=200)
    starts_on: dt.date
    ends_on: dt.date | None = None
    status: Annotated[Programme.Status, inline_enum(Programme.Status)] = Programme.Status.PLANNED
    budget: Decimal | None = Field(default=None, ge=0, max_digits=16, decimal_places=0)


class CapacityApplicationIn(Schema):
    business_id: int = Field(ge=1, le=2**31 - 1)
    subject: str = Field(min_length=1, max_length=400)
    submitted_on: dt.date
    requested_amount: Decimal = Field(ge=1, max_digits=14, decimal_places=0)


class CapacityDecisionIn(Schema):
    approve: bool
    decision_number: str = Field(min_length=1, max_length=60)
    decided_on: dt.date
    granted_amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=0)
    result: str = Field(default="", max_length=20_000)


@router.get("/programmes", response=list[CapacityProgrammeOut])
@paginate
def list_programmes(
    request: HttpRequest,
    status: Annotated[Programme.Status, inline_enum(Programme.Status)] | None = None,
    updated_after: dt.datetime | None = None,
) -> QuerySet[Programme]:
    """Latest start first."""
    programmes = since(access.programmes_visible_to(reader(request)), request, updated_after)
    if status:
        programmes = programmes.filter(status=status)
    return programmes.order_by("-starts_on", "-id")


@router.post("/programmes", response={201: CapacityProgrammeDetailOut})
def create_programme(request: HttpRequest, payload: CapacityProgrammeIn) -> Status[Programme]:
    user = manager(request)
    values = payload.model_dump()
    values["owner"] = values.pop("owner_id") or user.organisation_id
    form = validated(ProgrammeForm, values, organisations=access.organisations_for(user))
    data = dict(form.cleaned_data)
    return Status(201, services.create_programme(owner=data.pop("owner"), by=user, **data))


@router.get("/programmes/{pk}", response=CapacityProgrammeDetailOut)
def get_programme(request: HttpRequest, pk: RecordId) -> Programme:
    return access.get_programme_for_user(reader(request), pk)


@router.post("/programmes/{pk}/applications", response={201: CapacityApplicationOut})
def submit_application(
    request: HttpRequest, pk: RecordId, payload: CapacityApplicationIn
) -> Status[SupportApplication]:
    """A business of the province applies for support under the programme."""
    user = manager(request)
    with door():
        programme = access.get_programme_to_change(user, pk)
    values = payload.model_dump()
    values["business"] = values.pop("business_id")
    businesses = access.organisations_for(user).filter(kind=Organisation.Kind.BUSINESS)
    form = validated(ApplicationForm, values, businesses=businesses)
    return Status(201, services.submit_application(programme, by=user, **form.cleaned_data))


@router.post("/applications/{pk}/decision", response=CapacityApplicationOut)
def decide_application(
    request: HttpRequest, pk: RecordId, payload: CapacityDecisionIn
) -> SupportApplication:
    """Approve (with the amount granted, at most the amount requested) or refuse, once."""
    user = manager(request)
    with door():
        application = access.get_application_to_decide(user, pk)
    values = payload.model_dump()
    values["approve"] = "1" if values["approve"] else "0"
    form = validated(DecisionForm, values)
    return services.decide_application(application, by=user, **form.cleaned_data)
