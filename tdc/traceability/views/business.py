"""The business's pages: products, lots (journey, QR labels), places, the four steps, the lot
import. Officers, leadership and the Ministry read their reach; only the business writes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tdc.accounts.capabilities import Capability, capability_required
from tdc.reports.tables import XLSX_CONTENT_TYPE, xlsx_table
from tdc.traceability import labels
from tdc.traceability.access import (
    can_manage_traceability,
    get_lot_for_user,
    get_lot_import_for_user,
    get_lot_to_change,
    get_product_for_user,
    get_product_to_change,
    places_of,
    products_changeable_by,
    products_visible_to,
)
from tdc.traceability.exports import lot_import_errors_xlsx
from tdc.traceability.forms import (
    LotImportForm,
    PlaceForm,
    ProductEditForm,
    ProductForm,
    StepForm,
)
from tdc.traceability.journey import journey_of
from tdc.traceability.queries import events_of_lot, events_visible_to
from tdc.traceability.services import (
    create_place,
    create_product,
    import_lots,
    record_step,
    update_product,
)
from tdc.traceability.services.producers import LOT_COLUMNS


def _attach(form: object, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None  # type: ignore[attr-defined]
            for item in errors:
                form.add_error(target, item)  # type: ignore[attr-defined]
    else:
        for message in error.messages:
            form.add_error(None, message)  # type: ignore[attr-defined]


@capability_required(Capability.QUERY_EPCIS_EVENTS)
def overview(request: HttpRequest) -> HttpResponse:
    products = products_visible_to(request.user).order_by("name")
    return render(
        request,
        "traceability/overview.html",
        {
            "products": products[:200],
            "event_count": events_visible_to(request.user).count(),
            "manages": can_manage_traceability(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_TRACEABLE_PRODUCTS)
def product_create(request: HttpRequest) -> HttpResponse:
    form = ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = create_product(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Đã thêm sản phẩm %(name)s.") % {"name": product.name})
            return redirect(product)
    return render(request, "traceability/product_form.html", {"form": form, "product": None})


@capability_required(Capability.QUERY_EPCIS_EVENTS)
def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_product_for_user(request.user, pk)
    changeable = products_changeable_by(request.user).filter(pk=pk).exists()
    return render(
        request,
        "traceability/product_detail.html",
        {"product": product, "lots": product.lots.all()[:200], "changeable": changeable},
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_TRACEABLE_PRODUCTS)
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_product_to_change(request.user, pk)
    initial = {
        f: getattr(product, f) for f in ("name", "brand", "category", "description", "published")
    }
    form = ProductEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_product(product, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(product)
    return render(request, "traceability/product_form.html", {"form": form, "product": product})


@capability_required(Capability.QUERY_EPCIS_EVENTS)
def lot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lot = get_lot_for_user(request.user, pk)
    steps, places = journey_of(lot.product, lot=lot.number)
    captured = events_of_lot(events_visible_to(request.user), lot.product.gtin, lot.number)
    return render(
        request,
        "traceability/lot_detail.html",
        {
            "lot": lot,
            "steps": steps,
            "places": places,
            "event_count": captured.count(),
            "uri": labels.lot_uri(lot),
            "changeable": can_manage_traceability(request.user)
            and lot.product.owner_id == getattr(request.user, "organisation_id", None),
        },
    )


@capability_required(Capability.MANAGE_TRACEABLE_PRODUCTS)
def lot_label(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    lot = get_lot_to_change(request.user, pk)
    name = f"nhan-{lot.product.gtin}-{lot.number}"
    if file_format == "svg":
        response = HttpResponse(labels.qr_svg(lot), content_type="image/svg+xml")
        response["Content-Disposition"] = f'inline; filename="{name}.svg"'
    elif file_format == "png":
        response = HttpResponse(labels.qr_png(lot), content_type="image/png")
        response["Content-Disposition"] = f'inline; filename="{name}.png"'
    else:
        response = HttpResponse(labels.label_sheet(lot), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_TRACEABLE_PRODUCTS)
def places(request: HttpRequest) -> HttpResponse:
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            create_place(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Đã thêm địa điểm."))
            return redirect("traceability:places")
    return render(
        request, "traceability/places.html", {"form": form, "places": places_of(request.user)}
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_TRACEABLE_PRODUCTS)
def step(request: HttpRequest) -> HttpResponse:
    """The producer's form: one of the four steps, on a lot, at a place, at a time."""
    products = products_changeable_by(request.user).order_by("name")
    own_places = places_of(request.user).order_by("name")
    initial = {"product": request.GET.get("product"), "lot_number": request.GET.get("lot", "")}
    form = StepForm(request.POST or None, products=products, places=own_places, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_step(
                request.user,  # type: ignore[arg-type]
                step=data["step"],
                product=data["product"],
                lot_number=data["lot_number"],
                place=data["place"],
                when=data["when"],
                quantity=data["quantity"],
                unit=data["unit"],
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            lot = data["product"].lots.get(number=data["lot_number"].strip())
            messages.success(request, _("Đã ghi công đoạn cho lô %(lot)s.") % {"lot": lot.number})
            return redirect(lot)
    return render(
        request,
        "traceability/step_form.html",
        {"form": form, "has_places": own_places.exists(), "has_products": products.exists()},
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_TRACEABLE_PRODUCTS)
def lot_import(request: HttpRequest) -> HttpResponse:
    form = LotImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_lots(request.user, upload.read(), file_name=upload.name or "")  # type: ignore[arg-type]
        except ValidationError as error:
            _attach(form, error)
    return render(
        request,
        "traceability/lot_import.html",
        {"form": form, "result": result, "columns": LOT_COLUMNS},
    )


@capability_required(Capability.MANAGE_TRACEABLE_PRODUCTS)
def lot_import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    """The error file of a lot import: each rejected row, its cells and its reason."""
    job = get_lot_import_for_user(request.user, pk)
    response = HttpResponse(lot_import_errors_xlsx(job), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="loi-nhap-lo-{job.pk}.xlsx"'
    return response


@capability_required(Capability.MANAGE_TRACEABLE_PRODUCTS)
def lot_import_template(request: HttpRequest) -> HttpResponse:
    example = [["8934588063060", "L2612", "01/12/2026", "15/12/2026", "250", "KGM"]]
    response = HttpResponse(
        xlsx_table("Lô hàng", LOT_COLUMNS, example), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-lo.xlsx"'
    return response
