"""Pages for ISO 9001 in state agencies and their digital transformation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Organisation
from tdc.capacity import access, queries, services
from tdc.capacity.forms import QualityAuditForm, QualityForm
from tdc.capacity.models import AgencyQuality
from tdc.capacity.views.common import attach


@capability_required(Capability.VIEW_CAPACITY)
def quality_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    qualities = queries.with_last_internal_audit(access.qualities_visible_to(request.user))
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


def _agency_to_record(request: AuthenticatedHttpRequest, organisation_pk: int) -> Organisation:
    return access.agency_to_record_quality(request.user, organisation_pk)


def _edit_page(
    request: AuthenticatedHttpRequest,
    organisation: Organisation,
    *,
    form: QualityForm | None = None,
    audit_form: QualityAuditForm | None = None,
) -> HttpResponse:
    current = AgencyQuality.objects.filter(organisation=organisation).first()
    return render(
        request,
        "capacity/quality_edit.html",
        {
            "organisation": organisation,
            "form": form or QualityForm(instance=current),
            "audit_form": audit_form or QualityAuditForm(),
            "audits": list(current.audits.all()) if current is not None else [],
            "title": _("ISO 9001 và chuyển đổi số: %(name)s") % {"name": organisation.name},
        },
    )


@capability_required(Capability.RECORD_OWN_CAPACITY)
def quality_edit(request: AuthenticatedHttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = _agency_to_record(request, organisation_pk)
    current = AgencyQuality.objects.filter(organisation=organisation).first()
    form = QualityForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.save_agency_quality(organisation, by=request.user, values=form.cleaned_data)
        messages.success(request, _("Đã cập nhật hệ thống quản lý chất lượng của cơ quan."))
        return redirect("capacity:quality_list")
    return _edit_page(request, organisation, form=form)


@require_POST
@capability_required(Capability.RECORD_OWN_CAPACITY)
def quality_audit_add(request: AuthenticatedHttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = _agency_to_record(request, organisation_pk)
    form = QualityAuditForm(request.POST)
    if form.is_valid():
        try:
            services.record_quality_audit(organisation, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi nhận đợt đánh giá."))
            return redirect("capacity:quality_edit", organisation_pk=organisation.pk)
    return _edit_page(request, organisation, audit_form=form)
