"""Lots over JSON: the product page's and lot page's reads (journey included), a step of the
producer's form — which creates the lot at harvest — through `record_step`, and the lot import
(upload an XLSX bounded like the page's, `import_lots`, its status, counts, rejected rows and
error file), through the pages' door (`tdc.traceability.access`)."""

# No `from __future__ import annotations`: ninja's @paginate reads the Query[...] schema
# of a list's signature at import time.
import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.datastructures import MultiValueDict
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.core.downloads import file_responses
from tdc.core.inline_enums import inline_enum
from tdc.reports.tables import XLSX_CONTENT_TYPE
from tdc.traceability import access, queries, services
from tdc.traceability.api.common import aware, manager, reader
from tdc.traceability.exports import lot_import_errors_xlsx
from tdc.traceability.forms import LotImportForm
from tdc.traceability.gs1 import normalise_lot
from tdc.traceability.journey import journey_of
from tdc.traceability.models import Lot, LotImport
from tdc.traceability.queries import events_of_lot, events_visible_to

router = Router()

StepName = Literal["harvest", "preprocess", "pack", "ship"]
Unit = Literal["KGM", "TNE", "GRM", "LTR", "H87", "XBX"]


class TraceabilityLotOut(Schema):
    id: int
    product_id: int
    gtin: str
    product_name: str
    number: str
    produced_on: dt.date | None
    best_before: dt.date | None
    quantity: Decimal | None
    unit: str
    published: bool
    public_path: str = Field(description="the GS1 Digital Link path the QR label carries")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_gtin(obj: Lot) -> str:
        return obj.product.gtin

    @staticmethod
    def resolve_product_name(obj: Lot) -> str:
        return obj.product.name

    @staticmethod
    def resolve_public_path(obj: Lot) -> str:
        return obj.public_path()


class TraceabilityJourneyStepOut(Schema):
    time: dt.datetime
    label: str
    disposition: str
    place: str
    quantity: str


class TraceabilityLotDetailOut(TraceabilityLotOut):
    event_count: int = Field(description="the lot's events the token's user may read")
    journey: list[TraceabilityJourneyStepOut] = Field(description="as the public page shows it")


class TraceabilityLotQuery(Schema):
    product_id: int | None = None
    gtin: str = Field("", max_length=20)
    number: str = Field("", max_length=20, description="the lot number")
    updated_after: dt.datetime | None = Field(None, description="changed after this time")


class TraceabilityStepIn(Schema):
    """One of the four steps; a harvest of a new lot number creates the lot."""

    step: StepName
    product_id: int
    lot_number: str = Field(min_length=1, max_length=20)
    place_id: int
    when: dt.datetime = Field(description="not in the future; without an offset: Vietnam time")
    quantity: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=3)
    unit: Unit = "KGM"


class TraceabilityStepOut(Schema):
    lot: TraceabilityLotOut
    capture_id: str = Field(description="the EPCIS capture: GET /epcis/capture/{captureID}")
    event_count: int
    new_event_count: int


class TraceabilityLotImportProblemOut(Schema):
    row: int
    values: list[str]
    message: str


class TraceabilityLotImportOut(Schema):
    id: int
    file_name: str
    status: Annotated[LotImport.Status, inline_enum(LotImport.Status)]
    created_count: int
    existing_count: int
    rejected_count: int
    problems: list[TraceabilityLotImportProblemOut] = Field(
        description="every rejected row with its reason (none stored when there is one)"
    )
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_rejected_count(obj: LotImport) -> int:
        return len(obj.problems)


class TraceabilityLotImportQuery(Schema):
    status: Annotated[LotImport.Status, inline_enum(LotImport.Status)] | None = None
    updated_after: dt.datetime | None = Field(None, description="changed after this time")


# --- Lots --------------------------------------------------------------------------------


@router.get("/lots", response=list[TraceabilityLotOut])
@paginate
def list_lots(request: HttpRequest, filters: Query[TraceabilityLotQuery]) -> QuerySet[Lot]:
    """The lots of the products the token's user sees, newest first."""
    user = reader(request)
    return queries.filter_lots(
        access.lots_visible_to(user),
        product_id=filters.product_id,
        gtin=filters.gtin,
        number=filters.number,
        updated_after=aware(filters.updated_after),
    )


@router.get("/lots/{pk}", response=TraceabilityLotDetailOut)
def get_lot(request: HttpRequest, pk: int) -> Lot:
    """The lot, its journey as its page shows it, and how many of its events one may read."""
    user = reader(request)
    lot = access.get_lot_for_user(user, pk)
    steps, _places = journey_of(lot.product, lot=lot.number)
    captured = events_of_lot(events_visible_to(user), lot.product.gtin, lot.number)
    setattr(lot, "event_count", captured.count())  # noqa: B010 (the detail's extra fields)
    setattr(lot, "journey", [vars(step) for step in steps])  # noqa: B010
    return lot


@router.post("/steps", response={201: TraceabilityStepOut})
def record_step(request: HttpRequest, payload: TraceabilityStepIn) -> Status[dict[str, Any]]:
    """The producer's step form: a step on a lot of one's own product at one's own place,
    captured as an EPCIS event (the lot is created when new)."""
    user = manager(request)
    product = access.get_product_to_change(user, payload.product_id)
    place = get_object_or_404(access.places_of(user), pk=payload.place_id)
    result = services.record_step(
        user,
        step=payload.step,
        product=product,
        lot_number=payload.lot_number,
        place=place,
        when=payload.when,  # the service reads a time without an offset as Vietnam's
        quantity=payload.quantity,
        unit=payload.unit,
    )
    lot = product.lots.select_related("product").get(number=normalise_lot(payload.lot_number))
    return Status(
        201,
        {
            "lot": lot,
            "capture_id": str(result.capture.pk),
            "event_count": result.capture.event_count,
            "new_event_count": result.capture.new_count,
        },
    )


# --- Lot imports -------------------------------------------------------------------------


@router.get("/lot-imports", response=list[TraceabilityLotImportOut])
@paginate
def list_lot_imports(
    request: HttpRequest, filters: Query[TraceabilityLotImportQuery]
) -> QuerySet[LotImport]:
    """The token's business's lot imports, newest first."""
    user = manager(request)
    return queries.lot_imports_of(
        user.organisation_id,
        status=filters.status or "",
        updated_after=aware(filters.updated_after),
    )


@router.post("/lot-imports", response={201: TraceabilityLotImportOut})
def import_lots(request: HttpRequest, file: File[UploadedFile]) -> Status[LotImport]:
    """Upload an XLSX in the template's columns (multipart `file`, .xlsx, 5 MB at most, as on
    the page): all lots stored (`done`), or none and every wrong row with its reason
    (`rejected`; the error file at `…/lot-imports/{id}/errors`)."""
    user = manager(request)
    form = LotImportForm(files=MultiValueDict({"file": [file]}))
    if not form.is_valid():
        raise ValidationError([str(m) for errors in form.errors.values() for m in errors])
    upload = form.cleaned_data["file"]
    return Status(201, services.import_lots(user, upload.read(), file_name=upload.name or ""))


@router.get("/lot-imports/{pk}", response=TraceabilityLotImportOut)
def get_lot_import(request: HttpRequest, pk: int) -> LotImport:
    return access.get_lot_import_for_user(manager(request), pk)


@router.get(
    "/lot-imports/{pk}/errors",
    openapi_extra=file_responses(
        "Each rejected row as written, and its reason (XLSX).", XLSX_CONTENT_TYPE
    ),
)
def lot_import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_lot_import_for_user(manager(request), pk)
    response = HttpResponse(lot_import_errors_xlsx(job), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="loi-nhap-lo-{job.pk}.xlsx"'
    return response
