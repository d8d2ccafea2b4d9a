"""The synthesis report's pages: start, edit, refresh, finalise, download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.core.forms import attach_error
from tdc.plans.access import (
    can_monitor,
    get_managed_period_for_user,
    get_plan_for_user,
    get_synthesis_for_user,
    manages_plan,
    require_officer,
)
from tdc.plans.exports.review import review_docx, review_xlsx
from tdc.plans.exports.synthesis import synthesis_docx, synthesis_xlsx
from tdc.plans.forms.synthesis import SynthesisForm
from tdc.plans.queries.review import collect_review_data
from tdc.plans.services import synthesis
from tdc.plans.views.common import DOCX, XLSX


@require_POST
@login_required
def synthesis_start(request: AuthenticatedHttpRequest, period_pk: int) -> HttpResponse:
    period = get_managed_period_for_user(request.user, period_pk)
    item = synthesis.start_synthesis(period, by=request.user)
    return redirect(item)


def _synthesis_context(
    request: AuthenticatedHttpRequest, item: Any, form: SynthesisForm | None = None
) -> dict[str, Any]:
    can_manage = manages_plan(request.user, item.period.plan) and not item.is_final
    if can_manage and form is None:
        form = SynthesisForm(instance=item, initial={"version": item.version})
    return {"synthesis": item, "data": item.snapshot, "form": form, "can_manage": can_manage}


@login_required
def synthesis_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The draft's wording (editable by DoST), its figures, and the downloads."""
    item = get_synthesis_for_user(request.user, pk)
    if request.method == "POST":
        require_officer(request.user, item.period.plan)
        form = SynthesisForm(request.POST, instance=type(item).objects.get(pk=item.pk))
        if form.is_valid():
            values = {f: form.cleaned_data[f] for f in synthesis.EDITABLE_FIELDS}
            try:
                synthesis.update_synthesis(
                    item, by=request.user, version=form.cleaned_data["version"], **values
                )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(request, _("Đã lưu bản nháp."))
                return redirect(item)
        return render(
            request, "plans/synthesis_detail.html", _synthesis_context(request, item, form)
        )
    return render(request, "plans/synthesis_detail.html", _synthesis_context(request, item))


@require_POST
@login_required
def synthesis_refresh(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_synthesis_for_user(request.user, pk)
    try:
        synthesis.refresh_synthesis(item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã cập nhật số liệu tổng hợp."))
    return redirect(item)


@require_POST
@login_required
def synthesis_finalise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_synthesis_for_user(request.user, pk)
    try:
        synthesis.finalise_synthesis(item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Đã hoàn thành báo cáo tổng hợp; nội dung được giữ nguyên từ nay.")
        )
    return redirect(item)


@login_required
def synthesis_download(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """A final synthesis serves its stored files; a draft is generated from its current state."""
    if fmt not in ("docx", "xlsx"):
        raise Http404
    item = get_synthesis_for_user(request.user, pk)
    name = f"bao-cao-tong-hop-{item.period_id}{'' if item.is_final else '-du-thao'}"
    if item.is_final:
        stored = item.docx if fmt == "docx" else item.xlsx
        suffix = "" if fmt == "docx" else "-phu-luc"
        return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{name}{suffix}.{fmt}")
    if not can_monitor(request.user):
        raise PermissionDenied
    if fmt == "docx":
        data, content_type = synthesis_docx(item), DOCX
    else:
        data, content_type, name = synthesis_xlsx(item), XLSX, f"{name}-phu-luc"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def plan_review(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The multi-year review (sơ kết / tổng kết) of a plan, ?tu=2026&den=2027."""
    if fmt not in ("docx", "xlsx"):
        raise Http404
    plan = get_plan_for_user(request.user, pk)
    if not can_monitor(request.user):  # DoST's document: "not yours" reads as missing
        raise Http404
    try:
        start = int(request.GET.get("tu", plan.year or timezone.localdate().year))
        end = int(request.GET.get("den", start + 1))
    except ValueError as error:
        raise Http404 from error
    if not 2000 <= start <= end <= 2100:
        raise Http404
    data = collect_review_data(plan, start=start, end=end)
    name = f"{'tong-ket' if data.is_final else 'so-ket'}-{start}-{end}"
    if fmt == "docx":
        body, content_type = review_docx(data), DOCX
    else:
        body, content_type, name = review_xlsx(data), XLSX, f"{name}-phu-luc"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
