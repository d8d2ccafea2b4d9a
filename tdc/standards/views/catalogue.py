"""The catalogue: public search and a page per standard; the officers' import with preview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.reports.tables import csv_bytes
from tdc.standards import services
from tdc.standards.access import (
    can_manage_standards,
    drafts_open_for_comment,
    get_catalogue_import_for_user,
)
from tdc.standards.forms import SearchForm, UploadForm
from tdc.standards.models import CatalogueImport, Standard
from tdc.standards.queries import RANK_AT_MOST, replacement_of, search_standards, standard_history
from tdc.standards.services.catalogue import COLUMNS

PAGE_SIZE = 25
MAX_UPLOAD = 30 * 1024 * 1024


class _Page:
    """What components/pagination.html reads, over a search page counted by the engine."""

    def __init__(self, items: list[Standard], total: int, number: int, *, capped: bool) -> None:
        self.items = items
        self.count = total
        self.capped = capped
        self.number = number
        self.paginator = Paginator(range(total), PAGE_SIZE)

    def has_other_pages(self) -> bool:
        return self.paginator.num_pages > 1

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


@require_GET
def standard_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    values = form.cleaned_data if form.is_valid() else {}
    try:
        number = max(1, min(int(request.GET.get("page", "1")), RANK_AT_MOST // PAGE_SIZE + 1))
    except ValueError:
        number = 1
    found = search_standards(
        values.get("q", ""),
        status=values.get("status", ""),
        kind=values.get("kind", ""),
        ics=values.get("ics", ""),
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    page = _Page(found.standards, found.total, number, capped=found.is_capped)
    return render(
        request,
        "standards/standard_list.html",
        {
            "form": form,
            "page": page,
            "can_manage": can_manage_standards(request.user),
            "drafts": list(drafts_open_for_comment(request.user)[:20]),
        },
    )


@require_GET
def standard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    standard = get_object_or_404(Standard, pk=pk)
    return render(
        request,
        "standards/standard_detail.html",
        {
            "standard": standard,
            "history": standard_history(standard),
            "replacement": replacement_of(standard),
        },
    )


@capability_required(Capability.MANAGE_STANDARDS)
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("Tệp quá lớn. Tối đa 30 MB."))
        else:
            try:
                catalogue_import = services.read_catalogue_file(
                    upload.read(), filename=upload.name, by=request.user
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return redirect(catalogue_import)
    recent = CatalogueImport.objects.filter(created_by__organisation=request.user.organisation)[:10]
    return render(
        request,
        "standards/import_upload.html",
        {"form": form, "recent": recent, "columns": [aliases[0] for aliases in COLUMNS.values()]},
    )


@capability_required(Capability.MANAGE_STANDARDS)
def import_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    catalogue_import = get_catalogue_import_for_user(request.user, pk)
    return render(request, "standards/import_detail.html", {"import": catalogue_import})


@require_POST
@capability_required(Capability.MANAGE_STANDARDS)
def import_apply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    catalogue_import = get_catalogue_import_for_user(request.user, pk)
    try:
        counts = services.apply_catalogue_import(catalogue_import, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Đã cập nhật danh mục: %(new)s mới, %(changed)s thay đổi, %(withdrawn)s bị thay thế hoặc hủy bỏ."
            )
            % counts,
        )
    return redirect(catalogue_import)


@require_POST
@capability_required(Capability.MANAGE_STANDARDS)
def import_discard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    catalogue_import = get_catalogue_import_for_user(request.user, pk)
    try:
        services.discard_catalogue_import(catalogue_import, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã hủy lượt nhập."))
    return redirect("standards:import_upload")


@capability_required(Capability.MANAGE_STANDARDS)
def import_errors(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    catalogue_import = get_catalogue_import_for_user(request.user, pk)
    data = csv_bytes(
        [_("Dòng"), _("Số hiệu"), _("Lý do")],
        ([r["row"], r["number"], r["reason"]] for r in catalogue_import.rejected),
    )
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dong-loi-{catalogue_import.pk}.csv"'
    return response


@capability_required(Capability.MANAGE_STANDARDS)
def import_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A CSV with the catalogue's columns and one example row."""
    example = [
        "TCVN 4193:2014",
        "Cà phê nhân",
        "Green coffee",
        "TCVN",
        "67.140.20",
        "0901",
        "Còn hiệu lực",
        "",
        "MOD",
        "ISO 10470:2004",
        "Quyết định 3896/QĐ-BKHCN",
        "TCVN/TC/F16",
        "31/12/2014",
    ]
    data = csv_bytes([aliases[0] for aliases in COLUMNS.values()], [example])
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-danh-muc-tieu-chuan.csv"'
    return response
