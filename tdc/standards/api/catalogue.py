"""The catalogue over JSON: ranked search and a standard's record (any token); the officers'
catalogue imports — upload a file, read its preview and rejected rows, apply or discard it —
through the same door (`get_catalogue_import_for_user`) and services as the import pages."""

import datetime as dt
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.capabilities import Capability
from tdc.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from tdc.standards import services
from tdc.standards.access import catalogue_imports_for_user, get_catalogue_import_for_user
from tdc.standards.api.common import caller
from tdc.standards.models import CatalogueImport, Standard
from tdc.standards.queries import search_standards
from tdc.standards.services.catalogue import check_catalogue_upload

router = Router(tags=["standards"])


class StandardOut(Schema):
    id: int
    number: str
    kind: str
    title_vi: str
    title_en: str
    ics: list[str]
    hs: list[str]
    status: str
    replaced_by: str
    adoption: str
    issued_on: dt.date | None


class SearchOut(Schema):
    count: int
    items: list[StandardOut]


class SearchIn(Schema):
    q: str = Field("", max_length=200)
    status: str = Field("", max_length=20)
    kind: str = Field("", max_length=20)
    ics: str = Field("", max_length=20)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


@router.get("/", response=SearchOut)
def list_standards(request: HttpRequest, filters: Query[SearchIn]) -> dict[str, object]:
    """Ranked full-text search, as the catalogue page does it."""
    page = search_standards(
        filters.q,
        status=filters.status,
        kind=filters.kind,
        ics=filters.ics,
        limit=filters.limit,
        offset=filters.offset,
    )
    return {"count": page.total, "items": page.standards}


# --- Catalogue imports -------------------------------------------------------------------------


class StandardsImportCountsOut(Schema):
    new: int = 0
    changed: int = 0
    withdrawn: int = 0
    unchanged: int = 0


class StandardsCatalogueImportOut(Schema):
    id: int
    filename: str
    status: str
    created_at: dt.datetime
    applied_at: dt.datetime | None
    valid_rows: int
    rejected_rows: int
    counts: StandardsImportCountsOut

    @staticmethod
    def resolve_valid_rows(obj: CatalogueImport) -> int:
        return len(obj.rows)

    @staticmethod
    def resolve_rejected_rows(obj: CatalogueImport) -> int:
        return len(obj.rejected)

    @staticmethod
    def resolve_counts(obj: CatalogueImport) -> dict[str, Any]:
        counts = obj.diff.get("counts") if isinstance(obj.diff, dict) else None
        return counts if isinstance(counts, dict) else {}


class StandardsImportChangeOut(Schema):
    number: str
    status: str = ""
    # field → [in the catalogue, in the file]
    fields: dict[str, list[Any]]


class StandardsCatalogueImportPreviewOut(StandardsCatalogueImportOut):
    """The preview page's content: the first 200 numbers of each kind of difference."""

    new: list[str]
    changed: list[StandardsImportChangeOut]
    withdrawn: list[StandardsImportChangeOut]

    @staticmethod
    def resolve_new(obj: CatalogueImport) -> list[Any]:
        return list(obj.diff.get("new", [])) if isinstance(obj.diff, dict) else []

    @staticmethod
    def resolve_changed(obj: CatalogueImport) -> list[Any]:
        return list(obj.diff.get("changed", [])) if isinstance(obj.diff, dict) else []

    @staticmethod
    def resolve_withdrawn(obj: CatalogueImport) -> list[Any]:
        return list(obj.diff.get("withdrawn", [])) if isinstance(obj.diff, dict) else []


class StandardsRejectedRowOut(Schema):
    row: int
    number: str
    reason: str


class StandardsImportAppliedOut(Schema):
    id: int
    status: str
    new: int
    changed: int
    withdrawn: int


class StandardsImportFilter(Schema):
    status: Literal["", "preview", "applied", "discarded"] = ""


@router.get("/imports", response=list[StandardsCatalogueImportOut])
@paginate
def list_catalogue_imports(
    request: HttpRequest, filters: Query[StandardsImportFilter]
) -> QuerySet[CatalogueImport]:
    """The catalogue imports of the officer's reach, newest first."""
    caller(request, Capability.MANAGE_STANDARDS)
    imports = catalogue_imports_for_user(request.user).order_by("-created_at", "-pk")
    return imports.filter(status=filters.status) if filters.status else imports


@router.post("/imports", response={201: StandardsCatalogueImportPreviewOut})
def upload_catalogue_file(
    request: HttpRequest, file: File[UploadedFile]
) -> Status[CatalogueImport]:
    """Read a catalogue file (CSV, XLSX or JSON; multipart `file`) into a preview, with the
    page's limits (30 MB; an XLSX's unpacked size 300 MB) checked before it is read whole.
    Rows refused one by one are kept with their reasons (`/imports/{pk}/rejected`); a file
    refused as a whole answers 422 and nothing is stored."""
    user = caller(request, Capability.MANAGE_STANDARDS)
    filename = file.name or ""
    check_catalogue_upload(file, filename)
    data = file.read()
    return Status(201, services.read_catalogue_file(data, filename=filename, by=user))


@router.get("/imports/{int:pk}", response=StandardsCatalogueImportPreviewOut)
def get_catalogue_import(request: HttpRequest, pk: int) -> CatalogueImport:
    return get_catalogue_import_for_user(request.user, pk)


@router.get("/imports/{int:pk}/rejected", response=list[StandardsRejectedRowOut])
@paginate
def list_rejected_rows(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    """The rows the import refused, in file order, each with its reason (the error file)."""
    catalogue_import = get_catalogue_import_for_user(request.user, pk)
    return [
        {"row": r["row"], "number": str(r.get("number", "")), "reason": r["reason"]}
        for r in catalogue_import.rejected
    ]


@router.post("/imports/{int:pk}/apply", response=StandardsImportAppliedOut)
def apply_catalogue_import(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Apply the preview to the catalogue, all of it or nothing: 422 while a row is rejected
    or once it was applied or discarded."""
    user = caller(request, Capability.MANAGE_STANDARDS)
    catalogue_import = get_catalogue_import_for_user(user, pk)
    counts = services.apply_catalogue_import(catalogue_import, by=user)
    return {"id": catalogue_import.pk, "status": CatalogueImport.Status.APPLIED, **counts}


@router.post("/imports/{int:pk}/discard", response=StandardsCatalogueImportOut)
def discard_catalogue_import(request: HttpRequest, pk: int) -> CatalogueImport:
    user = caller(request, Capability.MANAGE_STANDARDS)
    catalogue_import = get_catalogue_import_for_user(user, pk)
    services.discard_catalogue_import(catalogue_import, by=user)
    return catalogue_import


# Last: `/{pk}` would otherwise answer for `/imports`, `/projects`, … (see `api/__init__.py`).
detail_router = Router(tags=["standards"])


@detail_router.get("/{pk}", response=StandardOut)
def get_standard(request: HttpRequest, pk: int) -> Standard:
    return get_object_or_404(Standard, pk=pk)
