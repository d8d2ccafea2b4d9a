"""Pages for indicators (targets to 2030) and the synthesis report."""

from __future__ import annotations

import datetime as dt
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
from tdc.core.metrics import get_metric
from tdc.plans import indicators, synthesis
from tdc.plans.access import (
    can_monitor,
    get_indicator_for_user,
    get_managed_period_for_user,
    get_managed_plan_for_user,
    get_synthesis_for_user,
    indicators_visible_to,
    manages_plan,
    plans_visible_to,
    require_officer,
)
from tdc.plans.execution_forms import ComputeForm, IndicatorForm, IndicatorValueForm, SynthesisForm
from tdc.plans.execution_views import attach_error
from tdc.plans.indicators import TRACK_BADGE, TrackStatus
from tdc.plans.models import Indicator, Plan

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Indicators ----------------------------------------------------------------------------------


@login_required
def indicator_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every indicator of the plans the user sees, with its latest value and on-track flag."""
    plans = list(plans_visible_to(request.user).filter(status=Plan.Status.ACTIVE))
    chosen = request.GET.get("plan", "")
    items = (
        indicators_visible_to(request.user)
        .filter(plan__status=Plan.Status.ACTIVE)
        .prefetch_related("values")
    )
    if chosen.isdigit():
        items = items.filter(plan_id=int(chosen))
    rows = []
    counts = dict.fromkeys(TrackStatus.values, 0)
    for indicator in items.order_by("plan__province__name", "plan_id", "position", "pk"):
        progress = indicators.indicator_progress(indicator, list(indicator.values.all()))
        counts[progress.status] += 1
        rows.append({"indicator": indicator, "progress": progress})
    managed = [plan for plan in plans if manages_plan(request.user, plan)]
    return render(
        request,
        "plans/indicator_list.html",
        {
            "rows": rows,
            "plans": plans,
            "chosen": chosen,
            "managed": managed,
            "summary": [
                (TrackStatus(s).label, TRACK_BADGE[TrackStatus(s)], n) for s, n in counts.items()
            ],
        },
    )


def _indicator_context(
    request: AuthenticatedHttpRequest, indicator: Indicator, **forms: Any
) -> dict[str, Any]:
    values = list(indicator.values.select_related("entered_by").order_by("period_end"))
    today = timezone.localdate()
    can_manage = manages_plan(request.user, indicator.plan)
    metric = get_metric(indicator.metric_key) if indicator.metric_key else None
    return {
        "indicator": indicator,
        "values": values,
        "progress": indicators.indicator_progress(indicator, values),
        "chart": indicators.trajectory_chart(indicator, values, today=today),
        "metric": metric,
        "can_manage": can_manage,
        "value_form": forms.get("value_form")
        or IndicatorValueForm(
            initial={
                "period_start": today.replace(month=1, day=1),
                "period_end": today.replace(month=12, day=31),
            }
        ),
        "compute_form": forms.get("compute_form") or ComputeForm(initial={"year": today.year}),
    }


@login_required
def indicator_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk)
    return render(request, "plans/indicator_detail.html", _indicator_context(request, indicator))


@require_POST
@login_required
def indicator_value_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk)
    require_officer(request.user, indicator.plan)
    form = IndicatorValueForm(request.POST)
    if form.is_valid():
        try:
            indicators.record_indicator_value(indicator, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã ghi số liệu."))
            return redirect(indicator)
    return render(
        request,
        "plans/indicator_detail.html",
        _indicator_context(request, indicator, value_form=form),
    )


@require_POST
@login_required
def indicator_compute(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk)
    require_officer(request.user, indicator.plan)
    form = ComputeForm(request.POST)
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            value = indicators.compute_indicator_value(
                indicator,
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                by=request.user,
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            if value is None:
                messages.warning(
                    request, _("Chưa có dữ liệu để tính cho năm %(year)s.") % {"year": year}
                )
            else:
                messages.success(request, _("Đã tính số liệu năm %(year)s.") % {"year": year})
            return redirect(indicator)
    return render(
        request,
        "plans/indicator_detail.html",
        _indicator_context(request, indicator, compute_form=form),
    )


@login_required
def indicator_create(request: AuthenticatedHttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_managed_plan_for_user(request.user, plan_pk)
    form = IndicatorForm(request.POST or None, initial={"deadline": dt.date(2030, 12, 31)})
    if request.method == "POST" and form.is_valid():
        try:
            indicator = indicators.create_indicator(plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã thêm chỉ tiêu."))
            return redirect(indicator)
    return render(
        request, "plans/indicator_form.html", {"plan": plan, "form": form, "indicator": None}
    )


@login_required
def indicator_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator_for_user(request.user, pk)
    require_officer(request.user, indicator.plan)
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    if request.method == "POST" and form.is_valid():
        try:
            indicators.update_indicator(indicator, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã cập nhật chỉ tiêu."))
            return redirect(indicator)
    return render(
        request,
        "plans/indicator_form.html",
        {"plan": indicator.plan, "form": form, "indicator": indicator},
    )


# --- The synthesis report ----------------------------------------------------------------------------


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
        data, content_type = synthesis.synthesis_docx(item), DOCX
    else:
        data, content_type, name = synthesis.synthesis_xlsx(item), XLSX, f"{name}-phu-luc"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
