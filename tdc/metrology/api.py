"""The register over JSON: the same doors, queries and services as the pages.

A refusal of the door answers JSON: 403 `{"detail": "…"}` (never Django's HTML 403 page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.models import Commune, Organisation, User
from tdc.core.cursor import DEFAULT_LIMIT, MAX_LIMIT, changed_since, keyset_page
from tdc.core.inline_enums import inline_enum
from tdc.metrology import exports, services
from tdc.metrology.access import (
    can_import,
    check_instrument_values,
    dashboard_province_for,
    get_import_for_user,
    get_instrument_for_user,
    get_instrument_to_change,
    import_owner_for,
)
from tdc.metrology.models import (
    ImportJob,
    Instrument,
    InstrumentType,
    Verification,
    VerificationForm,
)
from tdc.metrology.queries import (
    filter_instruments,
    find_stamp,
    imports_of,
    instruments_visible_to,
    province_dashboard,
    stamp_verdict,
    verification_bodies,
    verifications_of,
    verifications_visible_to,
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
    status: Annotated[Instrument.Status, inline_enum(Instrument.Status)] = Instrument.Status.IN_USE


class InstrumentPatch(Schema):
    """Only the fields given change; the page's rules apply (owners the user may act for,
    communes of the user's province)."""

    owner_id: int | None = None
    type_id: int | None = None
    serial: str | None = None
    commune_id: int | None = None
    manufacturer: str | None = None
    model: str | None = None
    measuring_range: str | None = None
    accuracy_class: str | None = None
    address: str | None = None
    status: Annotated[Instrument.Status, inline_enum(Instrument.Status)] | None = None


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


class InstrumentChangeOut(InstrumentOut):
    updated_at: dt.datetime


class FeedQuery(Schema):
    updated_after: dt.datetime | None = None
    cursor: str = Field("", max_length=200)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class InstrumentFeedQuery(FeedQuery):
    commune_id: int | None = None
    type_id: int | None = None


class InstrumentPage(Schema):
    """One page of a keyset listing: pass `next_cursor` as `?cursor=` for the next one."""

    items: list[InstrumentChangeOut]
    next_cursor: str | None


class VerificationRecordOut(VerificationOut):
    instrument_id: int
    created_at: dt.datetime


class VerificationPage(Schema):
    items: list[VerificationRecordOut]
    next_cursor: str | None


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


def _not_modified(request: HttpRequest, query: FeedQuery) -> bool:
    return (
        query.updated_after is None
        and not query.cursor
        and bool(request.headers.get("If-Modified-Since"))
    )


@router.get(
    "/instruments/feed",
    response={200: InstrumentPage, 304: None},
    summary="Instruments in the order they changed (keyset pagination)",
)
def instrument_feed(
    request: HttpRequest, query: Query[InstrumentFeedQuery]
) -> Status[InstrumentPage] | Status[None]:
    """Every instrument the token may see, oldest change first, `limit` at a time at constant
    cost; `updated_after` (or an `If-Modified-Since` header) keeps only those changed since. A
    client that syncs keeps the time its run began as the next run's `updated_after`. Nothing
    changed since `If-Modified-Since`: 304."""
    since = changed_since(query.updated_after, request.headers.get("If-Modified-Since"))
    instruments = instruments_visible_to(request.user)
    if since is not None:
        instruments = instruments.filter(updated_at__gt=since)
    if query.commune_id:
        instruments = instruments.filter(commune_id=query.commune_id)
    if query.type_id:
        instruments = instruments.filter(type_id=query.type_id)
    page = keyset_page(
        instruments, order=("updated_at", "pk"), cursor=query.cursor, limit=query.limit
    )
    if not page.items and _not_modified(request, query):
        return Status(304, None)
    return Status(200, InstrumentPage(items=page.items, next_cursor=page.next_cursor))  # type: ignore[arg-type]


@router.get(
    "/verifications",
    response={200: VerificationPage, 304: None},
    summary="Verifications in the order they were recorded (keyset pagination)",
)
def verification_feed(
    request: HttpRequest, query: Query[FeedQuery]
) -> Status[VerificationPage] | Status[None]:
    """Every verification of the instruments the token may see, in the order recorded
    (verifications are never edited: `updated_after` is the time recorded)."""
    since = changed_since(query.updated_after, request.headers.get("If-Modified-Since"))
    verifications = verifications_visible_to(request.user)
    if since is not None:
        verifications = verifications.filter(created_at__gt=since)
    page = keyset_page(
        verifications, order=("created_at", "pk"), cursor=query.cursor, limit=query.limit
    )
    if not page.items and _not_modified(request, query):
        return Status(304, None)
    return Status(200, VerificationPage(items=page.items, next_cursor=page.next_cursor))  # type: ignore[arg-type]


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


@router.patch("/instruments/{pk}", response=InstrumentOut)
def edit_instrument(request: HttpRequest, pk: int, payload: InstrumentPatch) -> Instrument:
    """Change an instrument, through the edit page's door, checks and service."""
    user = _user(request)
    instrument = _through_door(lambda: get_instrument_to_change(user, pk))
    given = payload.model_dump(exclude_unset=True)
    values: dict[str, object] = {
        k: v for k, v in given.items() if k not in ("owner_id", "type_id", "commune_id")
    }
    if given.get("owner_id") is not None:
        values["owner"] = get_object_or_404(Organisation, pk=given["owner_id"])
    if given.get("commune_id") is not None:
        values["commune"] = get_object_or_404(Commune, pk=given["commune_id"])
    if given.get("type_id") is not None:
        values["type"] = get_object_or_404(InstrumentType, pk=given["type_id"], is_active=True)
    values = {k: v for k, v in values.items() if v is not None}
    with _door():
        check_instrument_values(
            user,
            owner=values.get("owner", instrument.owner),  # type: ignore[arg-type]
            commune=values.get("commune", instrument.commune),  # type: ignore[arg-type]
            instrument=instrument,
        )
    return services.update_instrument(instrument, by=user, **values)


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


# --- Imports (helper 18: the register's imports through the API, same door and services) -----


class MetrologyImportJobOut(Schema):
    id: int
    original_name: str
    file_format: str
    status: str
    total_rows: int
    processed_rows: int
    accepted_rows: int
    rejected_rows: int
    error: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


@router.get("/imports", response=list[MetrologyImportJobOut])
def list_imports(request: HttpRequest) -> QuerySet[ImportJob]:
    """The caller's own imports, newest first (the last 100)."""
    user = _user(request)
    if not can_import(user):
        raise HttpError(403, _("Bạn không có quyền nhập dữ liệu phương tiện đo."))
    return imports_of(user)[:100]


@router.get("/imports/{pk}", response=MetrologyImportJobOut)
def get_import(request: HttpRequest, pk: int) -> ImportJob:
    return _through_door(lambda: get_import_for_user(request.user, pk))


@router.post("/imports", response={201: MetrologyImportJobOut})
def start_import(request: HttpRequest, file: File[UploadedFile]) -> Status[ImportJob]:
    """Upload a CSV or XLSX in the template's columns (multipart `file`, the page's limits);
    the worker imports it in chunks: follow `status`, then fetch the rejected rows' file."""
    user = _user(request)
    if not can_import(user):
        raise HttpError(403, _("Bạn không có quyền nhập dữ liệu phương tiện đo."))
    owner = _through_door(lambda: import_owner_for(user))
    return Status(201, services.start_import(upload=file, by=user, owner=owner))


@router.post("/imports/{pk}/resume", response=MetrologyImportJobOut)
def resume_import(request: HttpRequest, pk: int) -> ImportJob:
    job = _through_door(lambda: get_import_for_user(request.user, pk))
    return services.resume_import(job, by=_user(request))


@router.get(
    "/imports/{pk}/rejected",
    openapi_extra={
        "responses": {
            200: {
                "description": "The rejected rows in the uploaded format, plus a reason column.",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                },
            }
        }
    },
)
def import_rejections(request: HttpRequest, pk: int) -> HttpResponse:
    job = _through_door(lambda: get_import_for_user(request.user, pk))
    content, content_type, name = exports.rejected_file(job)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
