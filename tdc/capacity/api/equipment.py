"""Equipment and measurement standards over JSON: the registers (the page's "due soon"
filter), each record, the traceability chain of a standard, and recording them (DoST)."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from tdc.capacity import access, queries, services
from tdc.capacity.api.common import RecordId, door, manager, reader, since, validated
from tdc.capacity.forms import EquipmentForm, StandardForm
from tdc.capacity.models import Equipment, MeasurementStandard
from tdc.capacity.views.common import user_province
from tdc.core.inline_enums import inline_enum

router = Router(tags=["capacity"])


class CapacityEquipmentOut(Schema):
    id: int
    name: str
    category: str
    quantity: int
    cost: Decimal
    funding: str
    bought_on: dt.date
    serial_number: str
    status: str
    holder_id: int
    holder: str
    calibration_due_on: dt.date | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_holder(obj: Equipment) -> str:
        return obj.holder.name


class CapacityEquipmentIn(Schema):
    holder_id: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="Đơn vị quản lý; mặc định là cơ quan của người gọi.",
    )
    name: str = Field(min_length=1, max_length=300)
    category: Equipment.Category
    quantity: int = Field(default=1, ge=1, le=1_000_000)
    cost: Decimal = Field(ge=0, max_digits=14, decimal_places=0)
    funding: Equipment.Funding
    bought_on: dt.date
    serial_number: str = Field(default="", max_length=100)
    status: Annotated[Equipment.Status, inline_enum(Equipment.Status)] = Equipment.Status.IN_USE
    calibration_due_on: dt.date | None = None


class CapacityStandardOut(Schema):
    id: int
    name: str
    quantity: str
    measuring_range: str
    accuracy: str
    level: str
    holder_id: int | None
    holder: str
    traced_to_id: int | None
    certificate_number: str
    calibrated_on: dt.date | None
    calibration_due_on: dt.date | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_holder(obj: MeasurementStandard) -> str:
        return obj.holder.name if obj.holder is not None else obj.holder_name


class CapacityChainStepOut(Schema):
    id: int
    name: str
    level: str
    holder: str
    certificate_number: str
    calibration_due_on: dt.date | None

    @staticmethod
    def resolve_holder(obj: MeasurementStandard) -> str:
        return obj.holder.name if obj.holder is not None else obj.holder_name


class CapacityStandardDetailOut(CapacityStandardOut):
    chain: list[CapacityChainStepOut] = Field(
        description="The standard, then each higher one it is traced to, up to the top."
    )
    reaches_national: bool

    @staticmethod
    def resolve_chain(obj: MeasurementStandard) -> list[MeasurementStandard]:
        return queries.traceability_chain(obj)

    @staticmethod
    def resolve_reaches_national(obj: MeasurementStandard) -> bool:
        top = queries.traceability_chain(obj)[-1]
        return top.level == MeasurementStandard.Level.NATIONAL


class CapacityStandardIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    quantity: str = Field(min_length=1, max_length=100)
    measuring_range: str = Field(default="", max_length=200)
    accuracy: str = Field(default="", max_length=100)
    level: MeasurementStandard.Level = MeasurementStandard.Level.WORKING
    holder_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    holder_name: str = Field(default="", max_length=300)
    traced_to_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    certificate_number: str = Field(default="", max_length=60)
    calibrated_on: dt.date | None = None
    calibration_due_on: dt.date | None = None


@router.get("/equipment", response=list[CapacityEquipmentOut])
@paginate
def list_equipment(
    request: HttpRequest, due_soon: bool = False, updated_after: dt.datetime | None = None
) -> QuerySet[Equipment]:
    """Newest purchase first; `due_soon=true` (the page's filter): calibration due within 30
    days or overdue, soonest first."""
    items = since(access.equipment_visible_to(reader(request)), request, updated_after)
    if due_soon:
        return queries.due_for_calibration(items, today=timezone.localdate()).order_by(
            "calibration_due_on", "pk"
        )
    return items.order_by("-bought_on", "-id")


@router.post("/equipment", response={201: CapacityEquipmentOut})
def record_equipment(request: HttpRequest, payload: CapacityEquipmentIn) -> Status[Equipment]:
    user = manager(request)
    values = payload.model_dump()
    values["holder"] = values.pop("holder_id") or user.organisation_id
    form = validated(EquipmentForm, values, organisations=access.organisations_for(user))
    data = dict(form.cleaned_data)
    return Status(201, services.record_equipment(holder=data.pop("holder"), by=user, **data))


@router.get("/equipment/{pk}", response=CapacityEquipmentOut)
def get_equipment(request: HttpRequest, pk: RecordId) -> Equipment:
    return access.get_equipment_for_user(reader(request), pk)


@router.get("/measurement-standards", response=list[CapacityStandardOut])
@paginate
def list_standards(
    request: HttpRequest, due_soon: bool = False, updated_after: dt.datetime | None = None
) -> QuerySet[MeasurementStandard]:
    """By quantity, level and name; `due_soon=true`: calibration due within 30 days."""
    standards = since(access.standards_visible_to(reader(request)), request, updated_after)
    if due_soon:
        return queries.due_for_calibration(standards, today=timezone.localdate()).order_by(
            "calibration_due_on", "pk"
        )
    return standards.order_by("quantity", "level", "name", "pk")


@router.post("/measurement-standards", response={201: CapacityStandardDetailOut})
def record_standard(
    request: HttpRequest, payload: CapacityStandardIn
) -> Status[MeasurementStandard]:
    """A standard of the province; `traced_to_id` a higher one of the province's catalogue
    (never round in a circle; a national standard is the top)."""
    user = manager(request)
    province_id = user_province(user)
    if province_id is None:
        with door():
            raise PermissionDenied
    values = payload.model_dump()
    values["holder"] = values.pop("holder_id")
    values["traced_to"] = values.pop("traced_to_id")
    form = validated(
        StandardForm,
        values,
        organisations=access.organisations_for(user),
        standards=access.standards_visible_to(user).filter(province_id=province_id),
    )
    data = dict(form.cleaned_data)
    standard = services.record_standard(
        holder=data.pop("holder"),
        traced_to=data.pop("traced_to"),
        province_id=province_id,
        by=user,
        **data,
    )
    return Status(201, standard)


@router.get("/measurement-standards/{pk}", response=CapacityStandardDetailOut)
def get_standard(request: HttpRequest, pk: RecordId) -> MeasurementStandard:
    return access.get_standard_for_user(reader(request), pk)
