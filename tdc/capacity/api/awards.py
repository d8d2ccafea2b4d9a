"""Awards and commendations over JSON. A reporter's commendation carries the complaint's
reference and "the reporter (identity protected)", never a name: the identity is not in this
app, so no schema here can carry it."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from tdc.capacity import access, services
from tdc.capacity.api.common import RecordId, manager, reader, since, validated
from tdc.capacity.forms import AwardForm
from tdc.capacity.models import Award
from tdc.core.inline_enums import inline_enum

router = Router(tags=["capacity"])

PROTECTED_REPORTER = "Người phản ánh (danh tính được bảo vệ)"


class CapacityAwardOut(Schema):
    id: int
    kind: str
    title: str
    decided_on: dt.date
    decision_number: str
    recipient_organisation_id: int | None
    recipient: str
    complaint_reference: str | None
    amount: Decimal | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_recipient(obj: Award) -> str:
        if obj.kind == Award.Kind.REPORTER:
            return PROTECTED_REPORTER
        names = [obj.recipient_organisation.name if obj.recipient_organisation else ""]
        names.append(obj.recipient_name)
        return ", ".join(n for n in names if n)

    @staticmethod
    def resolve_complaint_reference(obj: Award) -> str | None:
        return obj.complaint.reference if obj.complaint else None


class CapacityAwardIn(Schema):
    kind: Annotated[Award.Kind, inline_enum(Award.Kind)]
    title: str = Field(min_length=1, max_length=300)
    decision_number: str = Field(default="", max_length=60)
    decided_on: dt.date
    recipient_organisation_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    recipient_name: str = Field(default="", max_length=200)
    complaint_reference: str = Field(
        default="", max_length=30, description="Số phản ánh, với khen thưởng người phản ánh."
    )
    amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=0)
    reason: str = Field(default="", max_length=20_000)


@router.get("/awards", response=list[CapacityAwardOut])
@paginate
def list_awards(
    request: HttpRequest,
    kind: Annotated[Award.Kind, inline_enum(Award.Kind)] | None = None,
    updated_after: dt.datetime | None = None,
) -> QuerySet[Award]:
    """Newest decision first."""
    awards = since(access.awards_visible_to(reader(request)), request, updated_after)
    if kind:
        awards = awards.filter(kind=kind)
    return awards.order_by("-decided_on", "-id")


@router.post("/awards", response={201: CapacityAwardOut})
def record_award(request: HttpRequest, payload: CapacityAwardIn) -> Status[Award]:
    """For a reporter's commendation (`kind=reporter`) give `complaint_reference`, a complaint
    the caller may see, and no recipient."""
    user = manager(request)
    values = payload.model_dump()
    values["recipient_organisation"] = values.pop("recipient_organisation_id")
    form = validated(AwardForm, values, organisations=access.organisations_for(user))
    return Status(201, services.record_award(by=user, **form.cleaned_data))


@router.get("/awards/{pk}", response=CapacityAwardOut)
def get_award(request: HttpRequest, pk: RecordId) -> Award:
    return access.get_award_for_user(reader(request), pk)
