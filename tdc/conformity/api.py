"""Declarations over JSON: the public register and the user's reach; the business files
(create, change, submit) with its dossier files (upload, remove while it may still change them)
and the officer decides (accept, ask for more, refuse) through the same services and the same
doors as the pages (404 for "missing" and "not yours"); files are downloaded through the door."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import User
from tdc.conformity import services
from tdc.conformity.access import (
    declarations_for_user,
    get_declaration_for_user,
    get_declaration_to_edit,
    get_declaration_to_process,
    get_document_for_user,
)
from tdc.conformity.models import Declaration, DeclarationDocument
from tdc.conformity.queries import search_register
from tdc.core.downloads import file_responses
from tdc.core.uploads import check_size
from tdc.standards.queries import standards_in_force

router = Router(tags=["conformity"])


class DeclarationOut(Schema):
    id: int
    status: str
    kind: str
    product_name: str
    gtin: str
    standard: str
    organisation: str
    receipt_number: str | None
    submitted_on: dt.date | None
    due_on: dt.date | None
    decided_on: dt.date | None
    expires_on: dt.date | None

    @staticmethod
    def resolve_standard(obj: Declaration) -> str:
        return obj.standard.number

    @staticmethod
    def resolve_organisation(obj: Declaration) -> str:
        return obj.organisation.name


@router.get("/register", response=list[DeclarationOut])
@paginate
def register(request: HttpRequest, q: str = "") -> QuerySet[Declaration]:
    """Accepted declarations, by business, product, GTIN or receipt number."""
    return search_register(q[:200])


@router.get("/declarations", response=list[DeclarationOut])
@paginate
def list_declarations(request: HttpRequest, status: str = "") -> QuerySet[Declaration]:
    declarations = declarations_for_user(request.user).order_by("-updated_at", "-pk")
    if status:
        declarations = declarations.filter(status=status)
    return declarations


@router.get("/declarations/{pk}", response=DeclarationOut)
def get_declaration(request: HttpRequest, pk: int) -> Declaration:
    return get_declaration_for_user(request.user, pk)


class ConformityDeclarationIn(Schema):
    product_name: str = Field(..., min_length=1, max_length=300)
    product_description: str = Field("", max_length=5000)
    gtin: str = Field("", max_length=20)
    standard_id: int = Field(..., ge=1, le=2**63 - 1)
    basis: Literal["certificate", "self_assessment"] = "certificate"
    certifying_body: str = Field("", max_length=300)
    certificate_number: str = Field("", max_length=100)
    certificate_expires_on: dt.date | None = None


class ConformityReturnIn(Schema):
    reasons: str = Field(..., min_length=1, max_length=20000)
    refuse: bool = False


def _user(request: HttpRequest, capability: Capability) -> User:
    user = request.user
    if not isinstance(user, User) or not can(user, capability):
        raise PermissionDenied(_("Không có quyền thực hiện thao tác này."))
    return user


def _values(payload: ConformityDeclarationIn) -> dict[str, Any]:
    standard = standards_in_force().filter(pk=payload.standard_id).first()
    if standard is None:
        raise ValidationError(
            _("Không tìm thấy tiêu chuẩn, quy chuẩn đang có hiệu lực với mã %(id)s.")
            % {"id": payload.standard_id}
        )
    return payload.dict(exclude={"standard_id"}) | {"standard": standard}


@router.post("/declarations", response={201: DeclarationOut})
def create_declaration(
    request: HttpRequest, payload: ConformityDeclarationIn
) -> Status[Declaration]:
    """A draft for the caller's business (visible to it only until it is submitted)."""
    user = _user(request, Capability.FILE_DECLARATIONS)
    if user.organisation is None:
        raise PermissionDenied(_("Tài khoản chưa gắn với doanh nghiệp nào."))
    declaration = services.create_declaration(user.organisation, values=_values(payload), by=user)
    return Status(201, declaration)


@router.put("/declarations/{pk}", response=DeclarationOut)
def update_declaration(
    request: HttpRequest, pk: int, payload: ConformityDeclarationIn
) -> Declaration:
    user = _user(request, Capability.FILE_DECLARATIONS)
    declaration = get_declaration_to_edit(user, pk)
    return services.update_declaration(declaration, values=_values(payload), by=user)


@router.post("/declarations/{pk}/submit", response=DeclarationOut)
def submit_declaration(request: HttpRequest, pk: int) -> Declaration:
    """File the dossier (its documents: `/declarations/{pk}/documents`): it must be complete."""
    user = _user(request, Capability.FILE_DECLARATIONS)
    return services.submit_declaration(get_declaration_to_edit(user, pk), by=user)


@router.post("/declarations/{pk}/accept", response=DeclarationOut)
def accept_declaration(request: HttpRequest, pk: int) -> Declaration:
    """Issue the receipt notice (its number is taken here)."""
    user = _user(request, Capability.PROCESS_DECLARATIONS)
    return services.accept_declaration(get_declaration_to_process(user, pk), by=user)


@router.post("/declarations/{pk}/return", response=DeclarationOut)
def return_declaration(request: HttpRequest, pk: int, payload: ConformityReturnIn) -> Declaration:
    """Ask for more (`refuse` false) or refuse, with the reasons."""
    user = _user(request, Capability.PROCESS_DECLARATIONS)
    declaration = get_declaration_to_process(user, pk)
    return services.return_declaration(
        declaration, reasons=payload.reasons, refuse=payload.refuse, by=user
    )


# --- The dossier's files -------------------------------------------------------------------------


class ConformityDocumentOut(Schema):
    id: int
    kind: str
    original_name: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


DocumentKind = Literal["certificate", "test_report", "label", "self_assessment", "other"]


@router.get("/declarations/{int:pk}/documents", response=list[ConformityDocumentOut])
@paginate
def list_declaration_documents(request: HttpRequest, pk: int) -> QuerySet[DeclarationDocument]:
    """The dossier's files (at most 12), by kind, as on the declaration's page."""
    return get_declaration_for_user(request.user, pk).documents.order_by("kind", "pk")


@router.post("/declarations/{int:pk}/documents", response={201: ConformityDocumentOut})
def add_declaration_document(
    request: HttpRequest, pk: int, kind: Form[DocumentKind], file: File[UploadedFile]
) -> Status[DeclarationDocument]:
    """Attach a file to a draft or a dossier sent back for more (multipart `kind`, `file`):
    a PDF, JPEG or PNG told by its first bytes, at most 10 MB — the page's checks."""
    user = _user(request, Capability.FILE_DECLARATIONS)
    declaration = get_declaration_to_edit(user, pk)
    check_size(file.size or 0, services.DOCUMENT_LIMITS)  # before it is read whole
    data = file.read()
    document = services.add_document(
        declaration, kind=kind, data=data, filename=file.name or "", by=user
    )
    return Status(201, document)


@router.get(
    "/declarations/{int:pk}/documents/{int:document_pk}",
    openapi_extra=file_responses("The file as it was uploaded.", services.SIGNATURES.values()),
)
def download_declaration_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    document = get_document_for_user(request.user, pk, document_pk)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.delete("/declarations/{int:pk}/documents/{int:document_pk}", response={204: None})
def remove_declaration_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """Take a file off a draft or a dossier sent back for more."""
    user = _user(request, Capability.FILE_DECLARATIONS)
    get_declaration_to_edit(user, pk)
    services.remove_document(get_document_for_user(user, pk, document_pk), by=user)
    return HttpResponse(status=204)
