"""Pages for equipment and measurement standards, with the traceability chain drawn."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.capacity import access, queries, services
from tdc.capacity.chain import chain_image
from tdc.capacity.forms import EquipmentForm, StandardForm
from tdc.capacity.views.common import attach, page_of, user_province


@capability_required(Capability.VIEW_CAPACITY)
def equipment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = access.equipment_visible_to(request.user)
    if request.GET.get("due") == "soon":
        items = queries.due_for_calibration(items, today=today)
    return render(
        request,
        "capacity/equipment_list.html",
        {
            "page": page_of(request, items),
            "today": today,
            "soon": today + dt.timedelta(days=queries.REMIND_DAYS),
            "can_manage": access.can_manage(request.user),
        },
    )


@capability_required(Capability.MANAGE_CAPACITY)
def equipment_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EquipmentForm(request.POST or None, organisations=access.organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        holder = values.pop("holder")
        try:
            services.record_equipment(holder=holder, by=request.user, **values)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi trang thiết bị."))
            return redirect("capacity:equipment_list")
    return render(request, "capacity/form.html", {"form": form, "title": _("Ghi trang thiết bị")})


@capability_required(Capability.VIEW_CAPACITY)
def standard_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "capacity/standard_list.html",
        {
            "page": page_of(request, access.standards_visible_to(request.user)),
            "today": today,
            "soon": today + dt.timedelta(days=queries.REMIND_DAYS),
            "can_manage": access.can_manage(request.user),
        },
    )


@capability_required(Capability.MANAGE_CAPACITY)
def standard_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    province_id = user_province(request.user)
    if province_id is None:
        raise PermissionDenied
    form = StandardForm(
        request.POST or None,
        organisations=access.organisations_for(request.user),
        standards=access.standards_visible_to(request.user).filter(province_id=province_id),
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            standard = services.record_standard(
                holder=values.pop("holder"),
                traced_to=values.pop("traced_to"),
                province_id=province_id,
                by=request.user,
                **values,
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi chuẩn đo lường."))
            return redirect(standard)
    return render(request, "capacity/form.html", {"form": form, "title": _("Ghi chuẩn đo lường")})


@capability_required(Capability.VIEW_CAPACITY)
def standard_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    standard = access.get_standard_for_user(request.user, pk)
    chain = queries.traceability_chain(standard)
    return render(
        request,
        "capacity/standard_detail.html",
        {
            "standard": standard,
            "chain": chain,
            "chain_image": chain_image(chain),
            "reaches_national": chain[-1].level == chain[-1].Level.NATIONAL,
            "today": timezone.localdate(),
        },
    )
