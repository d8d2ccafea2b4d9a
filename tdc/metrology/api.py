"""The register over JSON: the same doors, queries and services as the pages.

A refusal of the door answers JSON: 403 `{"detail": "…"}` (never Django's HTML 403 page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.models import Commune, Organisation, User
from tdc.metrology import services
from tdc.metrology.access import (
    check_instrument_values,
    dashboard_province_for,
    get_instrument_for_user,
    get_instrument_to_change,
)
from tdc.metrology.models import Instrument, InstrumentType, Verification, VerificationForm
from tdc.metrology.queries import (
    filter_instruments,
    find_stamp,
    instruments_visible_to,
    province_dashboard,
    stamp_verdict,
    verification_bodies,
    verifications_of,
)

router = Router(tags=["metrology"])
T = TypeVar("T")


@contextmanager
def _door() -> Iterator[None]:
    """The door's PermissionDenied as a JSON 403 with its Vietnamese reason."""
    try:
        yield
    except PermissionDenied as refused:
        raise HttpError(403, str(refused) or _("Bạn không có quyền làm việc này.")) from None


def _user(request: HttpRequest) -> User:
    """The token's user (every write endpoint requires a token)."""
    user = request.user
    if not isinstance(user, User):
        raise HttpError(401, _("Cần đăng nhập."))
    return user


def _through_door(check: Callable[[], T]) -> T:
    with _door():
        return check()


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
    """Register an instrument: the page's rules (owners the user may act for, communes of the
    user's province), through the page's door and service."""
    user = _user(request)
    owner = get_object_or_404(Organisation, pk=payload.owner_id)
    commune = get_object_or_404(Commune, pk=payload.commune_id)
    with _door():
        check_instrument_values(user, owner=owner, commune=commune)
    instrument = services.register_instrument(
        owner=owner,
        type=get_object_or_404(InstrumentType, pk=payload.type_id, is_active=True),
        commune=commune,
        serial=payload.serial,
        manufacturer=payload.manufacturer,
        model=payload.model,
        measuring_range=payload.measuring_range,
        accuracy_class=payload.accuracy_class,
        address=payload.address,
        status=payload.status,
        by=user,
    )
    return Status(201, instrument)


@router.get("/instruments/{pk}/verifications", response=list[VerificationOut])
def list_verifications(request: HttpRequest, pk: int) -> QuerySet[Verification]:
    return verifications_of(get_instrument_for_user(request.user, pk))


@router.post("/instruments/{pk}/verifications", response={201: VerificationOut})
def record_verification(
    request: HttpRequest, pk: int, payload: VerificationIn
) -> Status[Verification]:
    user = _user(request)
    instrument = _through_door(lambda: get_instrument_to_change(user, pk))
    verifier = get_object_or_404(verification_bodies(), pk=payload.verifier_id)
    verification = services.record_verification(
        instrument,
        by=user,
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
    province_id = dashboard_province_for(request.user)
    if province_id is None:
        raise HttpError(403, _("Chỉ cán bộ TĐC và lãnh đạo xem được bảng tổng hợp của tỉnh."))
    board = province_dashboard(province_id, today=timezone.localdate())
    return DashboardOut(
        total=board.total,
        by_status=board.by_status,
        overdue=board.overdue,
        soon=board.soon,
        communes=[CommuneCountOut(**row.__dict__) for row in board.communes],
    )
