"""The register over JSON: the same doors, queries and services as the pages."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.models import Commune, Organisation
from tdc.metrology import services
from tdc.metrology.access import (
    can_register_instruments,
    dashboard_province_for,
    get_instrument_for_user,
    get_instrument_to_change,
    owners_for,
)
from tdc.metrology.models import Instrument, InstrumentType, Verification, VerificationForm
from tdc.metrology.queries import (
    filter_instruments,
    find_stamp,
    instruments_visible_to,
    province_dashboard,
    stamp_verdict,
    verifications_of,
)

router = Router(tags=["metrology"])


class TypeOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    cycle_months: int | None
    forms: str
    basis: str
    source_url: str
    valid_from: dt.date


class InstrumentOut(Schema):
    id: int
    type_id: int
    owner_id: int
    serial: str
    manufacturer: str
    model: str
    measuring_range: str
    accuracy_class: str
    province_id: int
    commune_id: int
    address: str
    status: str
    last_verified_on: dt.date | None
    last_result: str
    last_stamp_number: str
    next_due: dt.date | None


class InstrumentIn(Schema):
    owner_id: int
    type_id: int
    serial: str
    commune_id: int
    manufacturer: str = ""
    model: str = ""
    measuring_range: str = ""
    accuracy_class: str = ""
    address: str = ""
    status: Instrument.Status = Instrument.Status.IN_USE


class VerificationOut(Schema):
    id: int
    verified_on: dt.date
    form: str
    verifier_name: str
    result: str
    stamp_number: str
    certificate_number: str
    next_due: dt.date | None


class VerificationIn(Schema):
    verified_on: dt.date
    verifier_id: int
    result: Instrument.Result
    stamp_number: str = ""
    certificate_number: str = ""
    form: VerificationForm = VerificationForm.PERIODIC


class StampOut(Schema):
    stamp_number: str
    verdict: str
    instrument_type: str | None = None
    serial: str | None = None
    verified_on: dt.date | None = None
    valid_until: dt.date | None = None
    verified_by: str | None = None


class CommuneCountOut(Schema):
    commune_id: int
    name: str
    total: int
    in_use: int
    overdue: int
    soon: int


class DashboardOut(Schema):
    total: int
    by_status: dict[str, int]
    overdue: int
    soon: int
    communes: list[CommuneCountOut]


@router.get("/types", response=list[TypeOut])
def list_types(request: HttpRequest) -> QuerySet[InstrumentType]:
    return InstrumentType.objects.filter(is_active=True).order_by("name")


@router.get("/instruments", response=list[InstrumentOut])
@paginate
def list_instruments(
    request: HttpRequest,
    due: str = "",
    commune_id: int | None = None,
    owner_id: int | None = None,
    type_id: int | None = None,
    status: str = "",
) -> QuerySet[Instrument]:
    return filter_instruments(
        instruments_visible_to(request.user),
        today=timezone.localdate(),
        due=due,
        commune_id=commune_id,
        owner_id=owner_id,
        type_id=type_id,
        status=status,
    )


@router.get("/instruments/{pk}", response=InstrumentOut)
def get_instrument(request: HttpRequest, pk: int) -> Instrument:
    return get_instrument_for_user(request.user, pk)


@router.post("/instruments", response={201: InstrumentOut})
def register_instrument(request: HttpRequest, payload: InstrumentIn) -> Status[Instrument]:
    from django.core.exceptions import PermissionDenied

    if not can_register_instruments(request.user):
        raise PermissionDenied
    owner = next((o for o in owners_for(request.user) if o.pk == payload.owner_id), None)
    if owner is None:
        raise PermissionDenied
    instrument = services.register_instrument(
        owner=owner,
        type=get_object_or_404(InstrumentType, pk=payload.type_id, is_active=True),
        commune=get_object_or_404(Commune, pk=payload.commune_id),
        serial=payload.serial,
        manufacturer=payload.manufacturer,
        model=payload.model,
        measuring_range=payload.measuring_range,
        accuracy_class=payload.accuracy_class,
        address=payload.address,
        status=payload.status,
        by=request.user,  # type: ignore[arg-type]
    )
    return Status(201, instrument)


@router.get("/instruments/{pk}/verifications", response=list[VerificationOut])
def list_verifications(request: HttpRequest, pk: int) -> QuerySet[Verification]:
    return verifications_of(get_instrument_for_user(request.user, pk))


@router.post("/instruments/{pk}/verifications", response={201: VerificationOut})
def record_verification(
    request: HttpRequest, pk: int, payload: VerificationIn
) -> Status[Verification]:
    instrument = get_instrument_to_change(request.user, pk)
    verifier = get_object_or_404(
        Organisation, pk=payload.verifier_id, kind=Organisation.Kind.TESTING_BODY
    )
    verification = services.record_verification(
        instrument,
        by=request.user,  # type: ignore[arg-type]
        verified_on=payload.verified_on,
        verifier=verifier,
        result=payload.result,
        stamp_number=payload.stamp_number,
        certificate_number=payload.certificate_number,
        form=payload.form,
    )
    return Status(201, verification)


@router.get("/stamps/{stamp_number}", response=StampOut, auth=None)
def look_up_stamp(request: HttpRequest, stamp_number: str) -> StampOut:
    """Public: what a stamp says (no token needed)."""
    found = find_stamp(stamp_number)
    verdict = stamp_verdict(found, today=timezone.localdate())
    if found is None:
        return StampOut(stamp_number=stamp_number.upper(), verdict=verdict)
    return StampOut(
        stamp_number=found["stamp_number"],
        verdict=verdict,
        instrument_type=found["instrument__type__name"],
        serial=found["instrument__serial"],
        verified_on=found["verified_on"],
        valid_until=found["next_due"] if found["result"] == "pass" else None,
        verified_by=found["verifier_name"],
    )


@router.get("/dashboard", response=DashboardOut)
def dashboard(request: HttpRequest) -> DashboardOut:
    from django.core.exceptions import PermissionDenied

    province_id = dashboard_province_for(request.user)
    if province_id is None:
        raise PermissionDenied
    board = province_dashboard(province_id, today=timezone.localdate())
    return DashboardOut(
        total=board.total,
        by_status=board.by_status,
        overdue=board.overdue,
        soon=board.soon,
        communes=[CommuneCountOut(**row.__dict__) for row in board.communes],
    )
