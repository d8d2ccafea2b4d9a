"""Standards-development projects over JSON (a QCĐP, a TCVN proposal): the list and a
project's record, its stages, documents and comments; the officers create a project, link its
plan task, move it on (or back to drafting) and upload its documents; an agency or business of
the province comments on the draft while comments are open. The same doors
(`projects_for_user`, `get_project_to_manage`, `is_commenter`) and services as the pages."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from tdc.accounts.capabilities import Capability
from tdc.core.downloads import file_responses
from tdc.standards.access import (
    get_project_for_user,
    get_project_to_manage,
    is_commenter,
    projects_for_user,
)
from tdc.standards.api.common import DOCX, PDF, caller
from tdc.standards.models import Project, ProjectComment, ProjectDocument, ProjectStep
from tdc.standards.services import projects as services

router = Router(tags=["standards"])

Kind = Literal["qcdp", "tcvn", "tccs"]
Stage = Literal["proposal", "drafting", "comments", "appraisal", "issued"]
ID = Field(None, ge=1, le=2**31 - 1)


class StandardsProjectOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    stage: str
    stage_due_on: dt.date | None
    comments_open_until: dt.date | None
    plan_task_id: int | None
    issued_number: str
    province_id: int
    organisation: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: Project) -> str:
        return obj.organisation.name


class StandardsProjectFilter(Schema):
    stage: Stage | None = None
    kind: Kind | None = None
    updated_after: dt.datetime | None = None


class StandardsProjectIn(Schema):
    kind: Kind = "qcdp"
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=10000)
    due_on: dt.date | None = None
    plan_task_id: int | None = ID


class StandardsProjectPatch(Schema):
    """The plan task the project carries out (null: none)."""

    plan_task_id: int | None = ID


class StandardsProjectStepIn(Schema):
    stage: Stage
    due_on: dt.date | None = None
    note: str = Field("", max_length=5000)
    issued_number: str = Field("", max_length=100)


class StandardsProjectStepOut(Schema):
    id: int
    stage: str
    due_on: dt.date | None
    note: str
    created_at: dt.datetime


class StandardsProjectDocumentOut(Schema):
    id: int
    stage: str
    title: str
    original_name: str
    content_type: str
    size: int
    uploaded_at: dt.datetime


class StandardsProjectCommentIn(Schema):
    text: str = Field(..., min_length=1, max_length=20000)


class StandardsProjectCommentOut(Schema):
    id: int
    organisation: str
    text: str
    created_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: ProjectComment) -> str:
        return obj.organisation.name


@router.get("/projects", response=list[StandardsProjectOut])
@paginate
def list_projects(
    request: HttpRequest, filters: Query[StandardsProjectFilter]
) -> QuerySet[Project]:
    """The projects of the caller's reach (for an agency or business: the drafts open for
    comments in its province), by stage as on the page, then the latest changed first;
    `updated_after` keeps those changed since."""
    projects = projects_for_user(request.user)
    if filters.stage:
        projects = projects.filter(stage=filters.stage)
    if filters.kind:
        projects = projects.filter(kind=filters.kind)
    if filters.updated_after is not None:
        projects = projects.filter(updated_at__gt=filters.updated_after)
    return projects.order_by("stage", "-updated_at", "-pk")


@router.post("/projects", response={201: StandardsProjectOut})
def create_project(request: HttpRequest, payload: StandardsProjectIn) -> Status[Project]:
    """A project of the officer's organisation, at the proposal stage."""
    user = caller(request, Capability.MANAGE_STANDARDS)
    return Status(201, services.create_project(**payload.dict(), by=user))


@router.get("/projects/{int:pk}", response=StandardsProjectOut)
def get_project(request: HttpRequest, pk: int) -> Project:
    return get_project_for_user(request.user, pk)


@router.patch("/projects/{int:pk}", response=StandardsProjectOut)
def update_project(request: HttpRequest, pk: int, payload: StandardsProjectPatch) -> Project:
    """Link the project to a task of the province's plans (or unlink it)."""
    user = caller(request, Capability.MANAGE_STANDARDS)
    project = get_project_to_manage(user, pk)
    return services.link_project_task(project, plan_task_id=payload.plan_task_id, by=user)


@router.get("/projects/{int:pk}/steps", response=list[StandardsProjectStepOut])
@paginate
def list_project_steps(request: HttpRequest, pk: int) -> QuerySet[ProjectStep]:
    """The stages the project entered, in order."""
    return get_project_for_user(request.user, pk).steps.order_by("created_at", "pk")


@router.post("/projects/{int:pk}/steps", response={201: StandardsProjectOut})
def advance_project(
    request: HttpRequest, pk: int, payload: StandardsProjectStepIn
) -> Status[Project]:
    """Complete the current stage and enter the next one (or go back to drafting after
    comments or appraisal). Comments need their deadline (`due_on`); issuing needs the issued
    document's number (`issued_number`)."""
    user = caller(request, Capability.MANAGE_STANDARDS)
    project = get_project_to_manage(user, pk)
    return Status(201, services.advance_project(project, **payload.dict(), by=user))


@router.get("/projects/{int:pk}/documents", response=list[StandardsProjectDocumentOut])
@paginate
def list_project_documents(request: HttpRequest, pk: int) -> QuerySet[ProjectDocument]:
    return get_project_for_user(request.user, pk).documents.order_by("uploaded_at", "pk")


@router.post("/projects/{int:pk}/documents", response={201: StandardsProjectDocumentOut})
def add_project_document(
    request: HttpRequest, pk: int, title: Form[str], file: File[UploadedFile]
) -> Status[ProjectDocument]:
    """Upload a document of the current stage (multipart `title`, `file`): PDF or DOCX, at
    most 20 MB, a DOCX at most 100 MB unpacked — the page's limits."""
    user = caller(request, Capability.MANAGE_STANDARDS)
    project = get_project_to_manage(user, pk)
    services.check_document_size(file.size or 0)
    data = file.read()
    document = services.add_project_document(
        project, title=title[:300], data=data, filename=file.name or "", by=user
    )
    return Status(201, document)


@router.get(
    "/projects/{int:pk}/documents/{int:document_pk}",
    openapi_extra=file_responses("The document as it was uploaded.", PDF, DOCX),
)
def download_project_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    project = get_project_for_user(request.user, pk)
    document = get_object_or_404(project.documents.all(), pk=document_pk)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/projects/{int:pk}/comments", response=list[StandardsProjectCommentOut])
@paginate
def list_project_comments(request: HttpRequest, pk: int) -> QuerySet[ProjectComment]:
    project = get_project_for_user(request.user, pk)
    return project.comments.select_related("organisation").order_by("created_at", "pk")


@router.post("/projects/{int:pk}/comments", response={201: StandardsProjectCommentOut})
def comment_on_project(
    request: HttpRequest, pk: int, payload: StandardsProjectCommentIn
) -> Status[ProjectComment]:
    """An agency's or a business's comment on the draft: of the project's province (403
    otherwise), while comments are open (422 otherwise)."""
    user = caller(request)
    project = get_project_for_user(user, pk)
    if not is_commenter(user, project):
        raise PermissionDenied(_("Không có quyền thực hiện thao tác này."))
    return Status(201, services.comment_on_project(project, text=payload.text, by=user))
