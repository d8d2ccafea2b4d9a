"""Pages for DoST and the read-only monitors: the dashboard and the reporting periods."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Organisation, Province
from tdc.core.forms import attach_error
from tdc.plans.access import (
    can_monitor,
    get_monitored_period_for_user,
    get_monitored_plan_for_user,
    manages_plan,
    plans_visible_to,
    require_officer,
    sees_every_province,
)
from tdc.plans.charts import (
    completeness_by_organisation_chart,
    completeness_by_period_chart,
    provinces_chart,
)
from tdc.plans.forms.periods import PeriodChangeForm, PeriodForm
from tdc.plans.models import Plan, ReportingPeriod, Synthesis
from tdc.plans.queries.assignments import (
    STATUS_BADGE,
    TaskStatus,
)
from tdc.plans.queries.monitoring import (
    completeness_by_organisation,
    completeness_by_period,
    main_current_period,
    overdue_assignments,
    period_totals,
    provinces_side_by_side,
    tasks_by_group_and_status,
)
from tdc.plans.services import periods
from tdc.plans.views.common import int_or_none

# --- Dashboard ---------------------------------------------------------------------------------------


def _default_period(plan_periods: list[ReportingPeriod], today: dt.date) -> ReportingPeriod | None:
    return main_current_period(plan_periods, today)


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """DoST's monitoring page; leadership and the Ministry read it too (read-only).

    The Ministry (and a system administrator) first see every province side by side.
    """
    if not can_monitor(request.user):
        raise PermissionDenied
    user = request.user
    today = timezone.localdate()
    national = sees_every_province(user)
    province_id = int_or_none(request.GET.get("province")) if national else user.province_id
    if national and province_id is None:
        year = int_or_none(request.GET.get("year")) or today.year
        rows = provinces_side_by_side(year=year, today=today)
        return render(
            request,
            "plans/dashboard_national.html",
            {
                "rows": rows,
                "provinces_chart": provinces_chart(rows),
                "year": year,
                "years": range(today.year - 2, today.year + 2),
            },
        )
    province = get_object_or_404(Province, pk=province_id)
    plans = list(plans_visible_to(user).filter(province=province, status=Plan.Status.ACTIVE))
    plan = next(
        (p for p in plans if p.pk == int_or_none(request.GET.get("plan"))),
        plans[0] if plans else None,
    )
    context: dict[str, Any] = {
        "province": province,
        "plans": plans,
        "plan": plan,
        "national": national,
        "today": today,
    }
    if plan is None:
        return render(request, "plans/dashboard.html", context)
    plan_periods = list(
        ReportingPeriod.objects.filter(plan=plan).order_by("-year", "deadline", "pk")
    )
    period = next(
        (p for p in plan_periods if p.pk == int_or_none(request.GET.get("period"))),
        _default_period(plan_periods, today),
    )
    context.update(
        {
            "periods": plan_periods,
            "period": period,
            "can_manage": manages_plan(user, plan),
            "by_period": (by_period := completeness_by_period(plan)),
            "period_chart": completeness_by_period_chart(by_period),
            "groups": tasks_by_group_and_status(plan, today=today),
            "statuses": [
                (value, label, STATUS_BADGE[TaskStatus(value)])
                for value, label in TaskStatus.choices
            ],
            "overdue": list(overdue_assignments(plan, today=today)[:100]),
        }
    )
    if period is not None:
        context["totals"] = period_totals(period)
        context["by_organisation"] = completeness_by_organisation(period, now=timezone.now())
        context["organisation_chart"] = completeness_by_organisation_chart(
            context["by_organisation"]
        )
        context["synthesis"] = Synthesis.objects.filter(period=period).first()
    return render(request, "plans/dashboard.html", context)


# --- Reporting periods -----------------------------------------------------------------------------------


@login_required
def period_list(request: AuthenticatedHttpRequest, plan_pk: int) -> HttpResponse:
    """A plan's reporting periods; a TĐC officer opens new ones (six-monthly, quarterly, ad hoc)."""
    plan = get_monitored_plan_for_user(request.user, plan_pk)
    can_manage = manages_plan(request.user, plan)
    organisations = (
        Organisation.objects.filter(
            task_assignments__task__plan=plan, task_assignments__is_active=True
        )
        .distinct()
        .order_by("name")
    )
    form = PeriodForm(
        request.POST or None,
        organisations=organisations,
        initial={"year": timezone.localdate().year, "kind": ReportingPeriod.Kind.AD_HOC},
    )
    if request.method == "POST":
        require_officer(request.user, plan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                period = periods.open_period(
                    plan,
                    kind=data["kind"],
                    year=data["year"],
                    number=data["number"],
                    title=data["title"],
                    request=data["request"],
                    deadline=data["deadline"],
                    working_days=data["working_days"],
                    count_working_days=data["count_working_days"],
                    on_time_cutoff=data["on_time_cutoff"],
                    organisations=data["organisations"],
                    remind_days_before=data["remind_days_before"],
                    escalate_days_after=data["escalate_days_after"],
                    by=request.user,
                )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(
                    request, _("Đã mở kỳ báo cáo “%(title)s”.") % {"title": period.title}
                )
                return redirect(period)
    return render(
        request,
        "plans/period_list.html",
        {
            "plan": plan,
            "rows": completeness_by_period(plan),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
def period_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    period = get_monitored_period_for_user(request.user, pk)
    can_manage = manages_plan(request.user, period.plan)
    form = PeriodChangeForm(
        request.POST or None, instance=ReportingPeriod.objects.get(pk=period.pk)
    )
    if request.method == "POST":
        require_officer(request.user, period.plan)
        if form.is_valid():
            values = {field: form.cleaned_data[field] for field in form.changed_data}
            try:
                periods.change_period(
                    ReportingPeriod.objects.get(pk=period.pk), by=request.user, **values
                )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(request, _("Đã cập nhật kỳ báo cáo."))
                return redirect(period)
    return render(
        request,
        "plans/period_detail.html",
        {
            "period": period,
            "form": form,
            "can_manage": can_manage,
            "totals": period_totals(period),
            "by_organisation": completeness_by_organisation(period, now=timezone.now()),
            "requested": list(period.organisations.order_by("name")),
            "synthesis": Synthesis.objects.filter(period=period).first(),
        },
    )


# --- Tasks and assignments -------------------------------------------------------------------------------
