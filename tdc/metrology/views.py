"""Pages of the register: lists and exports, instruments, verifications, imports, the
province dashboard, and the public stamp look-up (no login, one indexed query)."""

from __future__ import annotations

import io
import re
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import User
from tdc.core.forms import attach_error
from tdc.core.htmx import partial_if_htmx
from tdc.core.text import clean_text
from tdc.metrology import charts, exports, services
from tdc.metrology.access import (
    can_import,
    can_register_instruments,
    check_instrument_values,
    communes_for,
    dashboard_province_for,
    get_import_for_user,
    get_instrument_for_user,
    get_instrument_to_change,
    import_owner_for,
    owners_for,
)
from tdc.metrology.forms import (
    ImportForm,
    InstrumentFilterForm,
    InstrumentForm,
    StampLookupForm,
    TypeCorrectionForm,
    VerificationRecordForm,
)
from tdc.metrology.imports import import_limits, template_headers
from tdc.metrology.models import Instrument, InstrumentType, TypeListRelease
from tdc.metrology.queries import (
    commune_officer_commune_id,
    filter_instruments,
    find_stamp,
    imports_of,
    instrument_page,
    instruments_changeable_by,
    instruments_visible_to,
    province_dashboard,
    stamp_verdict,
    types_with_versions,
    verification_bodies,
    verifications_of,
)
from tdc.metrology.stamp_page import render_stamp_page


def _province_of(user: User) -> int | None:
    return user.organisation.province_id if user.organisation else None


def _filter_form(request: AuthenticatedHttpRequest) -> InstrumentFilterForm:
    return InstrumentFilterForm(
        request.GET or None, province_id=_province_of(request.user), owners=owners_for(request.user)
    )


def _filtered(
    request: AuthenticatedHttpRequest, form: InstrumentFilterForm
) -> QuerySet[Instrument]:
    return filter_instruments(
        instruments_visible_to(request.user), today=timezone.localdate(), **form.filters()
    )


@login_required
def instrument_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The instruments the user may see, with overdue and soon-due filters."""
    form = _filter_form(request)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = instrument_page(_filtered(request, form), number=number)
    template = partial_if_htmx(request, "metrology/instrument_list.html", "rows")
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "today": timezone.localdate(),
            "can_register": can_register_instruments(request.user),
            "can_import": can_import(request.user),
            "commune_id": commune_officer_commune_id(request.user),
            "query": request.GET.urlencode(),
        },
    )


def _disposition(filename: str, *, inline: bool = False) -> str:
    """A Content-Disposition any file name is safe in (quotes escaped, others encoded)."""
    return content_disposition_header(not inline, filename) or "attachment"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = _disposition(filename)
    return response


@login_required
def instrument_export(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    """The filtered list as CSV (streamed, UTF-8 with BOM for Excel) or XLSX."""
    form = _filter_form(request)
    instruments = _filtered(request, form)
    filename = f"phuong-tien-do-{timezone.localdate():%Y%m%d}.{file_format}"
    if file_format == "csv":
        response: HttpResponse = StreamingHttpResponse(
            exports.instruments_csv(instruments), content_type=exports.CSV_TYPE
        )  # type: ignore[assignment]
        response["Content-Disposition"] = _disposition(filename)
        return response
    if file_format != "xlsx":
        raise Http404
    return _download(exports.instruments_xlsx(instruments), exports.XLSX_TYPE, filename)


@login_required
def instrument_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_register_instruments(request.user):
        raise PermissionDenied
    owners = owners_for(request.user)
    form = InstrumentForm(
        request.POST or None,
        owners=owners,
        communes=communes_for(request.user),
        initial={"owner": owners[0].pk if len(owners) == 1 else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            check_instrument_values(
                request.user, owner=form.cleaned_data["owner"], commune=form.cleaned_data["commune"]
            )
            instrument = services.register_instrument(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã đăng ký phương tiện đo."))
            return redirect(instrument)
    return render(request, "metrology/instrument_form.html", {"form": form, "instrument": None})


@login_required
def instrument_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    instrument = get_instrument_for_user(request.user, pk)
    return render(
        request, "metrology/instrument_detail.html", _detail_context(request, instrument, None)
    )


def _detail_context(
    request: AuthenticatedHttpRequest,
    instrument: Instrument,
    verification_form: VerificationRecordForm | None,
) -> dict[str, Any]:
    editable = instruments_changeable_by(request.user).filter(pk=instrument.pk).exists()
    return {
        "instrument": instrument,
        "verifications": verifications_of(instrument),
        "editable": editable,
        "verification_form": verification_form or VerificationRecordForm(),
        "today": timezone.localdate(),
    }


@login_required
def instrument_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    instrument = get_instrument_to_change(request.user, pk)
    owners = owners_for(request.user)
    if instrument.owner not in owners:
        owners = [instrument.owner, *owners]
    initial = {
        name: getattr(instrument, name)
        for name in (
            "owner",
            "type",
            "serial",
            "manufacturer",
            "model",
            "measuring_range",
            "accuracy_class",
            "commune",
            "address",
            "status",
        )
    }
    form = InstrumentForm(
        request.POST or None,
        owners=owners,
        communes=communes_for(request.user, instrument),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            check_instrument_values(
                request.user,
                owner=form.cleaned_data["owner"],
                commune=form.cleaned_data["commune"],
                instrument=instrument,
            )
            services.update_instrument(instrument, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu phương tiện đo."))
            return redirect(instrument)
    return render(
        request, "metrology/instrument_form.html", {"form": form, "instrument": instrument}
    )


@require_POST
@login_required
def instrument_verify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    instrument = get_instrument_to_change(request.user, pk)
    form = VerificationRecordForm(request.POST)
    if form.is_valid():
        try:
            services.record_verification(instrument, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi kết quả kiểm định."))
            return redirect(instrument)
    instrument.refresh_from_db()
    return render(
        request, "metrology/instrument_detail.html", _detail_context(request, instrument, form)
    )


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The province's counts by status, commune, type and due state, from the roll-ups."""
    province_id = dashboard_province_for(request.user)
    if province_id is None:
        raise PermissionDenied
    today = timezone.localdate()
    board = province_dashboard(province_id, today=today)
    return render(
        request,
        "metrology/dashboard.html",
        {"board": board, "today": today, **charts.dashboard_charts(board)},
    )


@login_required
def type_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The Group 2 list as the law states it; provenance notes for those who correct it."""
    return render(
        request,
        "metrology/type_list.html",
        {
            "types": types_with_versions(),
            "releases": list(TypeListRelease.objects.select_related("published_by")[:10]),
            "can_publish": can(request.user, Capability.PUBLISH_INSTRUMENT_TYPES),
        },
    )


@login_required
def type_correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Publish a corrected rule for one type (cycle, forms, legal source) with a reason."""
    if not can(request.user, Capability.PUBLISH_INSTRUMENT_TYPES):
        raise PermissionDenied
    instrument_type = get_object_or_404(InstrumentType, pk=pk)
    form = TypeCorrectionForm(
        request.POST or None,
        initial={
            "cycle_months": instrument_type.cycle_months,
            "verification_forms": [f for f in instrument_type.forms.split(";") if f],
            "legal_source": instrument_type.legal_source,
            "cycle_confirmed": instrument_type.cycle_confirmed,
            "valid_from": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            release = services.publish_type_correction(
                instrument_type,
                by=request.user,
                reason=form.cleaned_data["reason"],
                valid_from=form.cleaned_data["valid_from"],
                **form.rule(),
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("Đã công bố danh mục phiên bản số %(n)s.") % {"n": release.number},
            )
            return redirect("metrology:type_list")
    return render(
        request, "metrology/type_form.html", {"form": form, "instrument_type": instrument_type}
    )


# --- Imports ---------------------------------------------------------------------------------


@login_required
def import_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    owner = import_owner_for(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, limits=import_limits())
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_import(
                upload=form.cleaned_data["file"], by=request.user, owner=owner
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(job)
    return render(
        request,
        "metrology/import_start.html",
        {
            "form": form,
            "owner": owner,
            "jobs": imports_of(request.user)[:20],
            "columns": template_headers(),
        },
    )


@login_required
def import_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_import_for_user(request.user, pk)
    template = partial_if_htmx(request, "metrology/import_detail.html", "progress")
    return render(
        request,
        template,
        {"job": job, "rejections": job.rejections.order_by("row_number")[:50]},
    )


@require_POST
@login_required
def import_resume(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_import_for_user(request.user, pk)
    try:
        services.resume_import(job, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(job)


@login_required
def import_rejected(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The rejected rows in the uploaded format, with the file's columns plus "Lý do"."""
    job = get_import_for_user(request.user, pk)
    return _download(*exports.rejected_file(job))


def _template_values(user: User) -> dict[str, Any]:
    """What the template's examples and lists name: the active types, a commune of the user's
    province, a verification body."""
    commune = communes_for(user).order_by("name").first()
    verifier = verification_bodies().order_by("name").first()
    return {
        "type_names": [t.name for t in types_with_versions().filter(is_active=True)],
        "commune": commune.name if commune else "Phường Nha Trang",
        "verifier": verifier.name if verifier else "",
    }


@login_required
def import_template(request: AuthenticatedHttpRequest, file_format: str = "csv") -> HttpResponse:
    """The import template: CSV (UTF-8 with BOM, one example row) or XLSX (examples, drop-down
    lists, instructions in Vietnamese)."""
    values = _template_values(request.user)
    if file_format == "xlsx":
        return _download(
            exports.template_xlsx(**values), exports.XLSX_TYPE, "mau-nhap-phuong-tien-do.xlsx"
        )
    return _download(
        exports.template_csv(**values), exports.CSV_TYPE, "mau-nhap-phuong-tien-do.csv"
    )


# --- Public stamp look-up --------------------------------------------------------------------


@require_GET
def stamp_lookup(request: HttpRequest) -> HttpResponse:
    """Type a stamp number; a valid one goes to its page."""
    form = StampLookupForm(request.GET or None)
    if form.is_valid():
        number = clean_text(form.cleaned_data["so"], keep_newlines=False).strip().upper()
        if not number:
            form.add_error("so", _("Hãy nhập số in trên tem."))
        elif "/" in number:  # no stamp has one, and no stamp URL can hold one
            form.add_error("so", _("Số tem không có dấu «/». Hãy kiểm tra lại số in trên tem."))
        else:
            return redirect("metrology:stamp_detail", stamp_number=number)
    return render(request, "metrology/stamp_lookup.html", {"form": form})


@require_GET
def stamp_detail(request: HttpRequest, stamp_number: str) -> HttpResponse:
    """What a stamp says, for anyone: valid, expired, replaced, failed, withdrawn or unknown.

    Two single-row index reads and a fixed HTML skeleton (`stamp_page`): this is the busiest
    page of all, and its throughput is benchmarked. No session or user is loaded.
    """
    found = find_stamp(stamp_number)
    verdict = stamp_verdict(found, today=timezone.localdate())
    html = render_stamp_page(stamp_number.upper(), found, verdict)
    return HttpResponse(html, status=404 if found is None else 200)


def _stamp_url(stamp_number: str) -> str:
    path = reverse("metrology:stamp_detail", kwargs={"stamp_number": stamp_number.upper()})
    return settings.SITE_URL.rstrip("/") + path


@require_GET
@cache_control(max_age=86400, public=True)
def stamp_qr(request: HttpRequest, stamp_number: str, file_format: str) -> HttpResponse:
    """The QR code printed on a stamp: the absolute URL of its look-up page (SVG or PNG)."""
    qr = segno.make(_stamp_url(stamp_number), error="m")
    buffer = io.BytesIO()
    if file_format == "svg":
        qr.save(buffer, kind="svg", scale=8, border=2, xmldecl=True)
        content_type = "image/svg+xml"
    else:
        qr.save(buffer, kind="png", scale=8, border=2)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = _disposition(
        f"tem-{_file_safe(stamp_number)}.{file_format}", inline=True
    )
    return response


def _file_safe(stamp_number: str) -> str:
    """A stamp number as part of a file name: letters, digits, dots, dashes, underscores."""
    return re.sub(r"[^A-Z0-9._-]+", "-", stamp_number.upper()).strip("-.") or "tem"
