"""Testing bodies of the province: listed, recorded and corrected by the TĐC officers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Commune
from tdc.surveillance import access, queries
from tdc.surveillance.forms import TestingBodyForm
from tdc.surveillance.services.testing_bodies import register_testing_body, update_testing_body
from tdc.surveillance.views.common import attach

VIEW = Capability.VIEW_SURVEILLANCE
MANAGE = Capability.MANAGE_SURVEILLANCE
FIELDS = ("name", "short_name", "tax_code", "address", "commune", "phone", "email")


@capability_required(VIEW)
def testing_body_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_see_province_records(request.user):
        raise PermissionDenied
    return render(
        request,
        "surveillance/testing_body_list.html",
        {
            "bodies": queries.testing_bodies_visible_to(request.user),
            "can_manage": access.can_manage(request.user),
        },
    )


@capability_required(MANAGE)
def testing_body_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = access.managed_province(request.user)
    form = TestingBodyForm(
        request.POST or None, communes=Commune.objects.filter(province=province).order_by("name")
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            register_testing_body(province=province, by=request.user, **data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(
                request, _("Đã ghi nhận tổ chức thử nghiệm %(n)s.") % {"n": data["name"]}
            )
            return redirect("surveillance:testing_body_list")
    return render(
        request, "surveillance/form.html", {"form": form, "title": _("Tổ chức thử nghiệm mới")}
    )


@capability_required(MANAGE)
def testing_body_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    body = access.get_testing_body_to_change(request.user, pk)
    initial = {field: getattr(body, field) for field in FIELDS}
    form = TestingBodyForm(
        request.POST or None,
        initial=initial,
        communes=Commune.objects.filter(province=body.province).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_testing_body(body, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã cập nhật tổ chức thử nghiệm."))
            return redirect("surveillance:testing_body_list")
    return render(request, "surveillance/form.html", {"form": form, "title": body.name})
