"""Products and establishments (the establishment's page explains its score term by term)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Commune
from tdc.surveillance import access, queries, services
from tdc.surveillance.forms import (
    EstablishmentEditForm,
    EstablishmentForm,
    PhotoForm,
    ProductForm,
    SearchForm,
)
from tdc.surveillance.views.common import attach, photo_response

VIEW = Capability.VIEW_SURVEILLANCE
MANAGE = Capability.MANAGE_SURVEILLANCE


@capability_required(VIEW)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not access.can_see_province_records(user):
        establishment = queries.establishments_visible_to(user).first()
        if establishment is not None:
            return redirect(establishment)
    return render(
        request,
        "surveillance/overview.html",
        {
            "can_manage": access.can_manage(user),
            "programmes": queries.programmes_visible_to(user)[:5],
            "warnings": queries.warnings_visible_to(user)[:5],
            "plans": queries.plans_visible_to(user)[:3],
            "counts": {
                "products": queries.products_visible_to(user).count(),
                "establishments": queries.establishments_visible_to(user).count(),
                "samples": queries.samples_visible_to(user).count(),
                "inspections": queries.inspections_visible_to(user).count(),
            },
        },
    )


@capability_required(VIEW)
def product_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_see_province_records(request.user):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    products = queries.products_visible_to(request.user)
    if form.is_valid() and form.cleaned_data["q"]:
        products = queries.search(products, form.cleaned_data["q"])
    page = Paginator(products, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "surveillance/product_list.html",
        {"form": form, "page": page, "can_manage": access.can_manage(request.user)},
    )


@capability_required(MANAGE)
def product_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = access.managed_province(request.user)
    form = ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.create_product(
                province=province, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi nhận sản phẩm."))
            return redirect(product)
    return render(request, "surveillance/form.html", {"form": form, "title": _("Sản phẩm mới")})


@capability_required(VIEW)
def product_detail(
    request: AuthenticatedHttpRequest, pk: int, photo_form: PhotoForm | None = None
) -> HttpResponse:
    product = access.get_product_for_user(request.user, pk)
    return render(
        request,
        "surveillance/product_detail.html",
        {
            "product": product,
            "samples": queries.samples_visible_to(request.user).filter(product=product),
            "warnings": queries.warnings_visible_to(request.user).filter(product=product),
            "assessments": queries.assessments_visible_to(request.user).filter(product=product),
            "can_manage": access.can_manage(request.user)
            and access.can_see_province_records(request.user),
            "photo_form": photo_form or PhotoForm(),
        },
    )


@require_POST
@capability_required(MANAGE)
def product_photo_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    product = access.get_product_to_change(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.set_product_photo(product, upload=form.cleaned_data["photo"], by=request.user)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã lưu ảnh sản phẩm."))
            return redirect(product)
    return product_detail(request, pk, photo_form=form)


@capability_required(VIEW)
def product_photo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return photo_response(access.get_product_for_user(request.user, pk).photo)


@capability_required(VIEW)
def establishment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    establishments = queries.establishments_visible_to(request.user).order_by(
        "risk_category", "-score", "organisation__name"
    )
    if form.is_valid() and form.cleaned_data["q"]:
        establishments = queries.search(
            establishments, form.cleaned_data["q"], "organisation__search_key"
        )
    page = Paginator(establishments, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "surveillance/establishment_list.html",
        {"form": form, "page": page, "can_manage": access.can_manage(request.user)},
    )


@capability_required(MANAGE)
def establishment_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = access.managed_province(request.user)
    communes = Commune.objects.filter(province=province).order_by("name")
    form = EstablishmentForm(request.POST or None, communes=communes)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)  # attaching an error takes the field out of cleaned_data
        try:
            establishment = services.register_establishment(
                province=province, by=request.user, **data
            )
        except ValidationError as error:
            attach(form, error)
            duplicates = list(
                services.establishment_duplicates(
                    province_id=province.pk, name=data["name"], tax_code=data["tax_code"]
                ).select_related("establishment")
            )
        else:
            messages.success(request, _("Đã ghi nhận cơ sở."))
            return redirect(establishment)
    return render(
        request,
        "surveillance/establishment_form.html",
        {"form": form, "duplicates": duplicates},
    )


@capability_required(VIEW)
def establishment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    establishment = access.get_establishment_for_user(request.user, pk)
    return render(
        request,
        "surveillance/establishment_detail.html",
        {
            "establishment": establishment,
            "explanation": services.explain(establishment),
            "samples": queries.samples_visible_to(request.user).filter(establishment=establishment),
            "inspections": queries.inspections_visible_to(request.user).filter(
                establishment=establishment
            ),
            "can_manage": access.can_manage(request.user)
            and access.can_see_province_records(request.user),
        },
    )


@capability_required(MANAGE)
def establishment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    establishment = access.get_establishment_to_change(request.user, pk)
    initial = {
        "channels": establishment.channels,
        "volume": establishment.volume,
        "categories": establishment.categories.all(),
        "address": establishment.address,
        "international_warning_matches": establishment.international_warning_matches,
    }
    form = EstablishmentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_establishment(establishment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã cập nhật cơ sở."))
            return redirect(establishment)
    return render(
        request,
        "surveillance/form.html",
        {"form": form, "title": str(establishment), "back": establishment},
    )


@require_POST
@capability_required(MANAGE)
def rescore(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = access.managed_province(request.user)
    count = services.score_establishments(province.pk)
    messages.success(request, _("Đã chấm điểm lại %(n)s cơ sở.") % {"n": count})
    return redirect("surveillance:establishment_list")
