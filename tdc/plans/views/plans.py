"""Pages of plan documents: the plan list and detail, the original file, a task."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Organisation
from tdc.core.htmx import partial_if_htmx
from tdc.plans.access import (
    can_import_plans,
    get_plan_for_user,
    get_task_for_user,
    manages_plan,
    plans_visible_to,
    visible_task_ids,
)
from tdc.plans.forms.plans import PlanChoiceForm, PlanFilterForm, SubPlanForm, WithdrawPlanForm
from tdc.plans.models import Plan, TaskUnit
from tdc.plans.queries.assignments import assignments_by_task
from tdc.plans.queries.plans import (
    grouped_tasks,
    plan_with_structure,
    search_plans,
    with_counts,
)
from tdc.plans.queries.versions import plan_diff
from tdc.plans.services.lifecycle import link_sub_plan, replace_plan, withdraw_plan


@login_required
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET or None)
    plans = plans_visible_to(request.user)
    if form.is_valid():
        plans = search_plans(plans, form.cleaned_data["q"])
    page = Paginator(with_counts(plans), 25).get_page(request.GET.get("page"))
    template = partial_if_htmx(request, "plans/plan_list.html", "rows")
    return render(
        request,
        template,
        {"form": form, "page": page, "can_import": can_import_plans(request.user)},
    )


@login_required
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, get_plan_for_user(request.user, pk))


def _plan_page(
    request: AuthenticatedHttpRequest,
    plan: Plan,
    withdraw_form: WithdrawPlanForm | None = None,
) -> HttpResponse:
    """The plan's page; `withdraw_form` bound when a refused withdrawal shows its errors with
    what the officer typed."""
    plan = plan_with_structure(plan)
    forms = _life_cycle_forms(request, plan)
    if withdraw_form is not None and forms:
        forms["withdraw_form"] = withdraw_form
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "sections": grouped_tasks(plan),
            "open_task_ids": visible_task_ids(request.user, plan),
            "manages_plan": manages_plan(request.user, plan),
            "sub_plans": plans_visible_to(request.user).filter(parent=plan),
            "next_versions": plans_visible_to(request.user).filter(previous=plan),
            **forms,
        },
    )


def _life_cycle_forms(request: AuthenticatedHttpRequest, plan: Plan) -> dict[str, object]:
    if not manages_plan(request.user, plan) or plan.status != Plan.Status.ACTIVE:
        return {}
    others = _other_plans(plan)
    return {
        "withdraw_form": WithdrawPlanForm(),
        "replace_form": PlanChoiceForm(plans=others) if others.exists() else None,
        "parent_form": (
            SubPlanForm(
                plans=others.filter(parent__isnull=True),
                organisations=Organisation.objects.filter(
                    province_id=plan.province_id, is_active=True
                ),
            )
            if plan.parent_id is None and others.exists()
            else None
        ),
    }


@login_required
def plan_source(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """The original document, for whoever may see the plan."""
    plan = get_plan_for_user(request.user, pk)
    if not plan.source_file:
        raise Http404
    return FileResponse(
        plan.source_file.open("rb"), as_attachment=True, filename=plan.source_filename
    )


@login_required
def task_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request.user, pk)
    units = TaskUnit.objects.filter(task=task).select_related("organisation")
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "leads": [u for u in units if u.role == TaskUnit.Role.LEAD],
            "partners": [u for u in units if u.role == TaskUnit.Role.PARTNER],
            "assignments": assignments_by_task([task.pk]).get(task.pk, []),
            "manages_plan": manages_plan(request.user, task.plan),
        },
    )


# --- Life cycle: withdraw, replace by a new version, link as a sub-plan -------------------------


def _managed_plan(request: AuthenticatedHttpRequest, pk: int) -> Plan:
    plan = get_plan_for_user(request.user, pk)
    if not manages_plan(request.user, plan):
        raise PermissionDenied
    return plan


def _other_plans(plan: Plan) -> QuerySet[Plan]:
    return Plan.objects.filter(province_id=plan.province_id, status=Plan.Status.ACTIVE).exclude(
        pk=plan.pk
    )


@require_POST
@login_required
def plan_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    form = WithdrawPlanForm(request.POST)
    if not form.is_valid():  # shown again with the reason as typed, and why it was refused
        messages.error(request, _("Chưa thu hồi kế hoạch: xem lỗi ở mục “Vòng đời kế hoạch”."))
        return _plan_page(request, plan, withdraw_form=form)
    try:
        withdraw_plan(plan, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thu hồi kế hoạch; các báo cáo còn mở đã được đóng."))
    return redirect(plan)


@require_POST
@login_required
def plan_replace(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """This plan is the new version of the chosen one."""
    plan = _managed_plan(request, pk)
    form = PlanChoiceForm(request.POST, plans=_other_plans(plan))
    if not form.is_valid():
        messages.error(request, _("Hãy chọn kế hoạch được thay thế."))
        return redirect(plan)
    try:
        summary = replace_plan(form.cleaned_data["plan"], plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan)
    messages.success(
        request,
        _(
            "Đã ghi nhận phiên bản mới của kế hoạch. Chuyển sang phiên bản mới: %(reports)d báo "
            "cáo của kỳ còn mở, %(done)d phân công đã hoàn thành, %(values)d số liệu chỉ tiêu."
        )
        % {
            "reports": summary["reports_carried"],
            "done": summary["assignments_carried"],
            "values": summary["indicator_values_carried"],
        },
    )
    return redirect("plans:plan_versions", pk=plan.pk)


@require_POST
@login_required
def plan_link_parent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """This plan is a department's or commune's own plan implementing the chosen one."""
    plan = _managed_plan(request, pk)
    form = SubPlanForm(
        request.POST,
        plans=_other_plans(plan).filter(parent__isnull=True),
        organisations=Organisation.objects.filter(province_id=plan.province_id, is_active=True),
    )
    if not form.is_valid():
        messages.error(request, _("Hãy chọn kế hoạch của tỉnh và cơ quan ban hành."))
        return redirect(plan)
    try:
        link_sub_plan(
            plan,
            form.cleaned_data["plan"],
            by=request.user,
            issued_by=form.cleaned_data["issued_by"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gắn kế hoạch này vào kế hoạch của tỉnh."))
    return redirect(plan)


@login_required
def plan_versions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What changed from the plan's previous version, task by task."""
    plan = get_plan_for_user(request.user, pk)
    if plan.previous is None:
        raise Http404
    previous = get_plan_for_user(request.user, plan.previous.pk)
    return render(
        request,
        "plans/plan_versions.html",
        {"plan": plan, "previous": previous, "diff": plan_diff(previous, plan)},
    )
