"""Pages for programmes and the support they give businesses."""

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
from tdc.capacity import access, services
from tdc.capacity.forms import ApplicationForm, DecisionForm, ProgrammeForm
from tdc.capacity.models import Programme
from tdc.capacity.views.common import attach, page_of


@capability_required(Capability.VIEW_CAPACITY)
def programme_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "capacity/programme_list.html",
        {
            "page": page_of(request, access.programmes_visible_to(request.user)),
            "can_manage": access.can_manage(request.user),
        },
    )


@capability_required(Capability.MANAGE_CAPACITY)
def programme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, organisations=access.organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        owner = values.pop("owner")
        try:
            programme = services.create_programme(owner=owner, by=request.user, **values)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi chương trình, đề án."))
            return redirect(programme)
    return render(
        request, "capacity/form.html", {"form": form, "title": _("Ghi chương trình, đề án")}
    )


def _programme_context(
    request: AuthenticatedHttpRequest,
    programme: Programme,
    *,
    application_form: ApplicationForm | None = None,
    decision_form: DecisionForm | None = None,
) -> dict[str, object]:
    can_manage = access.can_manage(request.user)
    businesses = access.organisations_for(request.user).filter(kind=Organisation.Kind.BUSINESS)
    applications = programme.applications.select_related("business")
    return {
        "programme": programme,
        "applications": applications,
        "granted": sum(a.granted_amount or 0 for a in applications),
        "can_manage": can_manage,
        "application_form": application_form or ApplicationForm(businesses=businesses),
        "decision_form": decision_form or DecisionForm(),
    }


@capability_required(Capability.VIEW_CAPACITY)
def programme_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_for_user(request.user, pk)
    return render(request, "capacity/programme_detail.html", _programme_context(request, programme))


@require_POST
@capability_required(Capability.MANAGE_CAPACITY)
def application_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    programme = access.get_programme_to_change(request.user, pk)
    businesses = access.organisations_for(request.user).filter(kind=Organisation.Kind.BUSINESS)
    form = ApplicationForm(request.POST, businesses=businesses)
    if form.is_valid():
        try:
            services.submit_application(programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi hồ sơ đề nghị hỗ trợ."))
            return redirect(programme)
    return render(
        request,
        "capacity/programme_detail.html",
        _programme_context(request, programme, application_form=form),
    )


@require_POST
@capability_required(Capability.MANAGE_CAPACITY)
def application_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = access.get_application_to_decide(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_application(application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi quyết định hỗ trợ."))
            return redirect(application.programme)
    return render(
        request,
        "capacity/programme_detail.html",
        _programme_context(request, application.programme, decision_form=form),
    )
