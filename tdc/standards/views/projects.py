"""Standards projects: the list with a chart by stage, a project's page (stages, documents,
comments, the linked plan task), and the officers' actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.core.charts import Series, render_chart
from tdc.plans.queries.links import linkable_tasks, linked_task
from tdc.standards.access import (
    can_comment,
    can_manage_standards,
    get_project_for_user,
    get_project_to_manage,
    is_commenter,
    projects_for_user,
)
from tdc.standards.forms import CommentForm, ProjectDocumentForm, ProjectForm, StageForm
from tdc.standards.models import Project
from tdc.standards.services import projects as services

MAX_UPLOAD = 20 * 1024 * 1024


@login_required
def project_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    projects = projects_for_user(request.user)
    counts = dict(projects.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    labels = [str(label) for _value, label in Project.Stage.choices]
    chart = render_chart(
        "bar",
        _("Dự án theo giai đoạn"),
        labels,
        [Series(_("Số dự án"), [counts.get(value, 0) for value, _label in Project.Stage.choices])],
        unit=_("dự án"),
    )
    return render(
        request,
        "standards/project_list.html",
        {
            "projects": projects.order_by("stage", "-updated_at"),
            "chart": chart,
            "can_manage": can_manage_standards(request.user),
        },
    )


def _tasks(request: AuthenticatedHttpRequest) -> list[object]:
    organisation = request.user.organisation
    if organisation is None or organisation.province_id is None:
        return []
    return list(linkable_tasks(organisation.province_id))


@capability_required(Capability.MANAGE_STANDARDS)
def project_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, tasks=_tasks(request))
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tạo dự án."))
            return redirect(project)
    return render(request, "standards/project_form.html", {"form": form})


def _detail(request: AuthenticatedHttpRequest, project: Project, **forms: object) -> HttpResponse:
    manage = can_manage_standards(request.user) and project.province_id == getattr(
        request.user.organisation, "province_id", None
    )
    return render(
        request,
        "standards/project_detail.html",
        {
            "project": project,
            "task": linked_task(project.plan_task_id) if project.plan_task_id else None,
            "steps": project.steps.select_related("by"),
            "documents": project.documents.all(),
            "comments": project.comments.select_related("organisation"),
            "stage_form": forms.get("stage_form") or (StageForm() if manage else None),
            "document_form": forms.get("document_form")
            or (ProjectDocumentForm() if manage else None),
            "comment_form": forms.get("comment_form")
            or (CommentForm() if can_comment(request.user, project) else None),
        },
    )


@login_required
def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_project_for_user(request.user, pk))


@require_POST
@capability_required(Capability.MANAGE_STANDARDS)
def project_stage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_to_manage(request.user, pk)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.advance_project(project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã chuyển giai đoạn."))
            return redirect(project)
    return _detail(request, project, stage_form=form)


@require_POST
@capability_required(Capability.MANAGE_STANDARDS)
def project_document_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_to_manage(request.user, pk)
    form = ProjectDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD:
                raise ValidationError(_("Tệp quá lớn. Tối đa 20 MB."))
            services.add_project_document(
                project,
                title=form.cleaned_data["title"],
                data=upload.read(),
                filename=upload.name,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Đã thêm tài liệu."))
            return redirect(project)
    return _detail(request, project, document_form=form)


@login_required
def project_document_download(
    request: AuthenticatedHttpRequest, pk: int, document_pk: int
) -> HttpResponse:
    project = get_project_for_user(request.user, pk)
    document = get_object_or_404(project.documents.all(), pk=document_pk)
    with document.file.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def project_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk)
    if not is_commenter(request.user, project):  # the Ministry reads; the province comments
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_on_project(project, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi ý kiến góp ý."))
            return redirect(project)
    return _detail(request, project, comment_form=form)
