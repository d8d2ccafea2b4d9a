"""Pages of plan documents: the plan list and detail, the original file, a task."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.core.htmx import partial_if_htmx
from tdc.plans.access import (
    can_import_plans,
    get_plan_for_user,
    get_task_for_user,
    manages_plan,
    plans_visible_to,
    visible_task_ids,
)
from tdc.plans.forms.plans import PlanFilterForm
from tdc.plans.models import TaskUnit
from tdc.plans.queries.assignments import assignments_by_task
from tdc.plans.queries.plans import (
    grouped_tasks,
    plan_with_structure,
    search_plans,
    with_counts,
)


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
    plan = plan_with_structure(get_plan_for_user(request.user, pk))
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "sections": grouped_tasks(plan),
            "open_task_ids": visible_task_ids(request.user, plan),
            "manages_plan": manages_plan(request.user, plan),
        },
    )


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
