"""Pages for indicators (targets to 2030)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.core.forms import attach_error
from tdc.core.metrics import get_metric
from tdc.plans.access import (
    get_indicator_for_user,
    get_managed_plan_for_user,
    indicators_visible_to,
    manages_plan,
    plans_visible_to,
    require_officer,
)
from tdc.plans.charts import indicators_chart
from tdc.plans.forms.indicators import ComputeForm, IndicatorForm, IndicatorValueForm
from tdc.plans.models import Indicator, Plan
from tdc.plans.queries.indicators import (
    TRACK_BADGE,
    TrackStatus,
    indicator_progress,
    trajectory_chart,
)
from tdc.plans.services import indicators

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
        progress = indicator_progress(indicator, list(indicator.values.all()))
        counts[progress.status] += 1
        rows.append({"indicator": indicator, "progress": progress})
    managed = [plan for plan in plans if manages_plan(request.user, plan)]
    return render(
        request,
        "plans/indicator_list.html",
        {
            "rows": rows,
            "chart": indicators_chart(rows),
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
        "progress": indicator_progress(indicator, values),
        "chart": trajectory_chart(indicator, values, today=today),
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
