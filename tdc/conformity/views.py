"""Pages of the conformity app: the business's declarations, the officers' queue, the receipt
notice, and the public register."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tdc.accounts.capabilities import Capability, can, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.conformity import services
from tdc.conformity.access import (
    declarations_for_user,
    get_declaration_for_user,
    get_declaration_to_edit,
    get_declaration_to_process,
    get_document_for_user,
    get_public_declaration,
)
from tdc.conformity.forms import DeclarationForm, DocumentForm, ReturnForm
from tdc.conformity.models import Declaration
from tdc.conformity.queries import current_warnings, queue, search_register
from tdc.conformity.receipts import receipt_docx

EDITABLE = (Declaration.Status.DRAFT, Declaration.Status.MORE_INFO)


@capability_required(Capability.READ_DECLARATIONS)
def declaration_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    declarations = declarations_for_user(request.user)
    status = request.GET.get("status", "")
    if status in Declaration.Status.values:
        declarations = declarations.filter(status=status)
    page = Paginator(declarations.order_by("-updated_at", "-pk"), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "conformity/declaration_list.html",
        {
            "page": page,
            "queue": queue(declarations_for_user(request.user))[:50]
            if can(request.user, Capability.PROCESS_DECLARATIONS)
            else [],
            "can_file": can(request.user, Capability.FILE_DECLARATIONS),
            "statuses": Declaration.Status.choices,
            "status": status,
            "today": timezone.localdate(),
        },
    )


@capability_required(Capability.FILE_DECLARATIONS)
def declaration_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and request.user.organisation is not None:
        try:
            declaration = services.create_declaration(
                request.user.organisation, values=form.values(), by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu bản nháp. Hãy đính kèm tài liệu rồi nộp hồ sơ."))
            return redirect(declaration)
    return render(request, "conformity/declaration_form.html", {"form": form, "declaration": None})


@capability_required(Capability.FILE_DECLARATIONS)
def declaration_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_to_edit(request.user, pk)
    initial = {
        "product_name": declaration.product_name,
        "product_description": declaration.product_description,
        "gtin": declaration.gtin,
        "standard_number": declaration.standard.number,
        "basis": declaration.basis,
        "certifying_body": declaration.certifying_body,
        "certificate_number": declaration.certificate_number,
        "certificate_expires_on": declaration.certificate_expires_on,
    }
    form = DeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_declaration(declaration, values=form.values(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect(declaration)
    return render(
        request, "conformity/declaration_form.html", {"form": form, "declaration": declaration}
    )


def _detail(
    request: AuthenticatedHttpRequest, declaration: Declaration, **forms: object
) -> HttpResponse:
    today = timezone.localdate()
    editable = can(request.user, Capability.FILE_DECLARATIONS) and declaration.status in EDITABLE
    processable = (
        can(request.user, Capability.PROCESS_DECLARATIONS)
        and declaration.status == Declaration.Status.SUBMITTED
    )
    return render(
        request,
        "conformity/declaration_detail.html",
        {
            "declaration": declaration,
            "documents": declaration.documents.all(),
            "warnings": current_warnings(declaration, today),
            "editable": editable,
            "processable": processable,
            "document_form": forms.get("document_form") or (DocumentForm() if editable else None),
            "return_form": forms.get("return_form") or (ReturnForm() if processable else None),
            "today": today,
        },
    )


@capability_required(Capability.READ_DECLARATIONS)
def declaration_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_declaration_for_user(request.user, pk))


@require_POST
@capability_required(Capability.FILE_DECLARATIONS)
def document_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_to_edit(request.user, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.DOCUMENT_LIMITS.max_bytes:
            form.add_error("file", _("Tệp quá lớn. Tối đa 10 MB."))
        else:
            try:
                services.add_document(
                    declaration,
                    kind=form.cleaned_data["kind"],
                    data=upload.read(),
                    filename=upload.name,
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("Đã đính kèm “%(name)s”.") % {"name": upload.name})
                return redirect(declaration)
    return _detail(request, declaration, document_form=form)


@require_POST
@capability_required(Capability.FILE_DECLARATIONS)
def document_remove(request: AuthenticatedHttpRequest, pk: int, document_pk: int) -> HttpResponse:
    declaration = get_declaration_to_edit(request.user, pk)
    document = get_document_for_user(request.user, pk, document_pk)
    try:
        services.remove_document(document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(declaration)


@capability_required(Capability.READ_DECLARATIONS)
def document_download(request: AuthenticatedHttpRequest, pk: int, document_pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk, document_pk)
    with document.file.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@capability_required(Capability.FILE_DECLARATIONS)
def declaration_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_to_edit(request.user, pk)
    try:
        services.submit_declaration(declaration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã nộp hồ sơ. Hạn xử lý: %(day)s.")
            % {"day": declaration.due_on.strftime("%d/%m/%Y") if declaration.due_on else ""},
        )
    return redirect(declaration)


@require_POST
@capability_required(Capability.PROCESS_DECLARATIONS)
def declaration_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_to_process(request.user, pk)
    try:
        declaration = services.accept_declaration(declaration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã tiếp nhận hồ sơ, số thông báo %(number)s.")
            % {"number": declaration.receipt_number},
        )
    return redirect(declaration)


@require_POST
@capability_required(Capability.PROCESS_DECLARATIONS)
def declaration_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_to_process(request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_declaration(
                declaration,
                reasons=form.cleaned_data["reasons"],
                refuse=form.cleaned_data["refuse"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi ý kiến tới doanh nghiệp."))
            return redirect(declaration)
    return _detail(request, declaration, return_form=form)


@capability_required(Capability.READ_DECLARATIONS)
def receipt_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request.user, pk)
    if declaration.status != Declaration.Status.ACCEPTED:
        raise Http404
    response = HttpResponse(
        receipt_docx(declaration),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="thong-bao-tiep-nhan-{declaration.pk}.docx"'
    )
    return response


@require_GET
def register_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:200]
    page = Paginator(search_register(text), 25).get_page(request.GET.get("page"))
    return render(request, "conformity/register_list.html", {"page": page, "q": text})


@require_GET
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_public_declaration(pk)
    return render(
        request,
        "conformity/register_detail.html",
        {
            "declaration": declaration,
            "warnings": current_warnings(declaration, timezone.localdate()),
        },
    )
