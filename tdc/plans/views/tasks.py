"""A plan's tasks and who carries them out; a TĐC officer adds, edits, reassigns and splits tasks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.core.forms import attach_error
from tdc.plans.access import (
    get_managed_plan_for_user,
    get_managed_task_for_user,
    get_monitored_plan_for_user,
    manages_plan,
)
from tdc.plans.forms.tasks import AssignForm, SplitForm, TaskCreateForm, TaskForm
from tdc.plans.models import Assignment, Task, TaskGroup
from tdc.plans.queries.assignments import (
    STATUS_BADGE,
    assignable_organisations,
    assignment_status,
    assignments_by_task,
    combined_task_status,
)
from tdc.plans.services import assignments


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
