"""Pages for awards and commendations. A reporter's commendation shows the complaint's
reference and never a name: the identity is not in this app at all."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.capacity import access, services
from tdc.capacity.forms import AwardForm
from tdc.capacity.views.common import attach, page_of


@capability_required(Capability.VIEW_CAPACITY)
def award_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "capacity/award_list.html",
        {
            "page": page_of(request, access.awards_visible_to(request.user)),
            "can_manage": access.can_manage(request.user),
        },
    )


@capability_required(Capability.MANAGE_CAPACITY)
def award_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AwardForm(request.POST or None, organisations=access.organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_award(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi khen thưởng."))
            return redirect("capacity:award_list")
    return render(request, "capacity/form.html", {"form": form, "title": _("Ghi khen thưởng")})
