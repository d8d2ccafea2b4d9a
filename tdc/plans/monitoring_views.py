"""Pages for DoST and the read-only monitors: the dashboard, reporting periods, explanation
requests, and a TĐC officer's task management."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Organisation, Province
from tdc.plans import assignments, periods
from tdc.plans.access import (
    can_monitor,
    get_managed_period_for_user,
    get_managed_plan_for_user,
    get_managed_task_for_user,
    get_monitored_period_for_user,
    get_monitored_plan_for_user,
    manages_plan,
    plans_visible_to,
    require_officer,
    sees_every_province,
)
from tdc.plans.assignments import (
    STATUS_BADGE,
    TaskStatus,
    assignment_status,
    assignments_by_task,
    combined_task_status,
)
from tdc.plans.execution_forms import (
    AssignForm,
    ExplanationRequestForm,
    PeriodChangeForm,
    PeriodForm,
    SplitForm,
    TaskCreateForm,
    TaskForm,
)
from tdc.plans.execution_views import attach_error
from tdc.plans.models import Assignment, Plan, ReportingPeriod, Synthesis, Task, TaskGroup
from tdc.plans.reporting_queries import (
    completeness_by_organisation,
    completeness_by_period,
    overdue_assignments,
    period_totals,
    provinces_side_by_side,
    tasks_by_group_and_status,
)

ASSIGNABLE_KINDS = (
    Organisation.Kind.DOST,
    Organisation.Kind.DEPARTMENT,
    Organisation.Kind.COMMUNE_COMMITTEE,
    Organisation.Kind.PROVINCIAL_COMMITTEE,
    Organisation.Kind.TESTING_BODY,
    Organisation.Kind.OTHER,
)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def assignable_organisations(plan: Plan) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        province_id=plan.province_id, is_active=True, kind__in=ASSIGNABLE_KINDS
    ).order_by("kind", "name")


# --- Dashboard ---------------------------------------------------------------------------------------


def _default_period(plan_periods: list[ReportingPeriod], today: Any) -> ReportingPeriod | None:
    """The latest period whose deadline has come, else the next one."""
    due = [p for p in plan_periods if p.deadline <= today]
    if due:
        return max(due, key=lambda p: (p.deadline, p.pk))
    return min(plan_periods, key=lambda p: (p.deadline, p.pk)) if plan_periods else None


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
    province_id = _int(request.GET.get("province")) if national else user.province_id
    if national and province_id is None:
        year = _int(request.GET.get("year")) or today.year
        return render(
            request,
            "plans/dashboard_national.html",
            {
                "rows": provinces_side_by_side(year=year, today=today),
                "year": year,
                "years": range(today.year - 2, today.year + 2),
            },
        )
    province = get_object_or_404(Province, pk=province_id)
    plans = list(plans_visible_to(user).filter(province=province, status=Plan.Status.ACTIVE))
    plan = next(
        (p for p in plans if p.pk == _int(request.GET.get("plan"))), plans[0] if plans else None
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
        (p for p in plan_periods if p.pk == _int(request.GET.get("period"))),
        _default_period(plan_periods, today),
    )
    context.update(
        {
            "periods": plan_periods,
            "period": period,
            "can_manage": manages_plan(user, plan),
            "by_period": completeness_by_period(plan),
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


@login_required
def explanation_create(request: AuthenticatedHttpRequest, period_pk: int) -> HttpResponse:
    """DoST asks a late agency for a written explanation."""
    period = get_managed_period_for_user(request.user, period_pk)
    late = [row for row in completeness_by_organisation(period, now=timezone.now()) if row.is_late]
    organisations = Organisation.objects.filter(pk__in=[row.organisation_id for row in late])
    form = ExplanationRequestForm(
        request.POST or None,
        organisations=organisations,
        initial={
            "organisation": _int(request.GET.get("organisation")),
            "message": _(
                "Đề nghị quý cơ quan giải trình bằng văn bản lý do chưa gửi (hoặc gửi chậm) báo cáo "
                "%(period)s theo hạn %(deadline)s."
            )
            % {"period": period.title.lower(), "deadline": period.deadline.strftime("%d/%m/%Y")},
            "due_date": timezone.localdate() + dt.timedelta(days=7),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            explanation = periods.request_explanation(
                period,
                organisation=form.cleaned_data["organisation"],
                message=form.cleaned_data["message"],
                due_date=form.cleaned_data["due_date"],
                by=request.user,
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã gửi yêu cầu giải trình."))
            return redirect(explanation)
    return render(
        request, "plans/explanation_form.html", {"period": period, "form": form, "late": late}
    )


# --- Tasks and assignments -------------------------------------------------------------------------------


@login_required
def assignment_list(request: AuthenticatedHttpRequest, plan_pk: int) -> HttpResponse:
    """Every task of a plan with who leads it, who partners it and its status."""
    plan = get_monitored_plan_for_user(request.user, plan_pk)
    today = timezone.localdate()
    tasks = list(
        Task.objects.filter(plan=plan)
        .select_related("group", "split_from")
        .order_by("position", "pk")
    )
    grouped = assignments_by_task(task.pk for task in tasks)
    rows = []
    for task in tasks:
        active = grouped.get(task.pk, [])
        status = combined_task_status(task, active, today)
        rows.append(
            {
                "task": task,
                "leads": [a for a in active if a.role == "lead"],
                "partners": [a for a in active if a.role == "partner"],
                "status": status,
                "badge": STATUS_BADGE[status],
                "statuses": {a.pk: assignment_status(a, today) for a in active},
            }
        )
    return render(
        request,
        "plans/assignment_list.html",
        {"plan": plan, "rows": rows, "can_manage": manages_plan(request.user, plan)},
    )


@login_required
def task_create(request: AuthenticatedHttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_managed_plan_for_user(request.user, plan_pk)
    form = TaskCreateForm(
        request.POST or None,
        groups=TaskGroup.objects.filter(plan=plan),
        organisations=assignable_organisations(plan),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignments.create_task(
                plan,
                by=request.user,
                group=data["group"],
                number=data["number"],
                content=data["content"],
                timeline=data["timeline"],
                due_date=data["due_date"],
                funding=data["funding"],
                leads=list(data["leads"]),
                partners=list(data["partners"]),
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
            return redirect("plans:assignment_list", plan_pk=plan.pk)
    return render(
        request, "plans/assignment_task_form.html", {"plan": plan, "form": form, "task": None}
    )


@login_required
def task_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = get_managed_task_for_user(request.user, pk)
    form = TaskForm(
        request.POST or None,
        groups=TaskGroup.objects.filter(plan=task.plan),
        initial={
            f: getattr(task, f)
            for f in ("group", "number", "content", "timeline", "due_date", "funding")
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignments.update_task(task, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã cập nhật nhiệm vụ."))
            return redirect("plans:assignment_list", plan_pk=task.plan_id)
    return render(
        request, "plans/assignment_task_form.html", {"plan": task.plan, "form": form, "task": task}
    )


@login_required
def task_reassign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = get_managed_task_for_user(request.user, pk)
    active = Assignment.objects.filter(task=task, is_active=True)
    form = AssignForm(
        request.POST or None,
        organisations=assignable_organisations(task.plan),
        initial={
            "leads": [a.organisation_id for a in active if a.role == "lead"],
            "partners": [a.organisation_id for a in active if a.role == "partner"],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignments.reassign_task(
                task,
                by=request.user,
                leads=list(form.cleaned_data["leads"]),
                partners=list(form.cleaned_data["partners"]),
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã giao lại nhiệm vụ."))
            return redirect("plans:assignment_list", plan_pk=task.plan_id)
    return render(request, "plans/assignment_reassign.html", {"task": task, "form": form})


@login_required
def task_split(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = get_managed_task_for_user(request.user, pk)
    form = SplitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            parts = assignments.split_task(task, by=request.user, parts=form.cleaned_data["parts"])
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã tách thành %(n)s nhiệm vụ.") % {"n": len(parts)})
            return redirect("plans:assignment_list", plan_pk=task.plan_id)
    return render(request, "plans/assignment_split.html", {"task": task, "form": form})
