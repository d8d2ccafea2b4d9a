"""Pages for ISO 9001 in state agencies and their digital transformation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.capacity import access, services
from tdc.capacity.forms import QualityForm
from tdc.capacity.models import AgencyQuality


@capability_required(Capability.VIEW_CAPACITY)
def quality_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    qualities = access.qualities_visible_to(request.user)
    recordable = access.agencies_to_record_quality(request.user)
    recorded = set(qualities.values_list("organisation_id", flat=True))
    return render(
        request,
        "capacity/quality_list.html",
        {
            "qualities": qualities,
            "missing": recordable.exclude(pk__in=recorded),
            "editable": set(recordable.values_list("pk", flat=True)),
            "counts": {
                label: qualities.filter(iso_status=value).count()
                for value, label in AgencyQuality.IsoStatus.choices
            },
        },
    )


@capability_required(Capability.RECORD_OWN_CAPACITY)
def quality_edit(request: AuthenticatedHttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        access.agencies_to_record_quality(request.user), pk=organisation_pk
    )
    current = AgencyQuality.objects.filter(organisation=organisation).first()
    if (
        current is not None
        and not access.qualities_visible_to(request.user).filter(pk=current.pk).exists()
    ):
        raise PermissionDenied
    form = QualityForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.save_agency_quality(organisation, by=request.user, values=form.cleaned_data)
        messages.success(request, _("Đã cập nhật hệ thống quản lý chất lượng của cơ quan."))
        return redirect("capacity:quality_list")
    return render(
        request,
        "capacity/form.html",
        {
            "form": form,
            "title": _("ISO 9001 và chuyển đổi số: %(name)s") % {"name": organisation.name},
        },
    )
