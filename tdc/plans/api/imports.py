"""The plan-import API (/api/v1/plans/imports/…): upload a plan document, follow its reading
by the worker, confirm it as a plan or discard it — the officers who import plans only, through
the same door (`import_drafts_for`) and services (`tdc.plans.services.importing`) as the import
pages. Corrections of the preview stay on the page (they are a person's review of the reading).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from tdc.accounts.models import Province
from tdc.plans.access import can_import_plans, get_import_draft_for_user, import_drafts_for
from tdc.plans.api.common import caller, guard
from tdc.plans.models import PlanImportDraft
from tdc.plans.services import importing

router = Router(tags=["plans"])


class PlanImportDraftOut(Schema):
    id: int
    province_id: int
    source_filename: str
    status: str
    error: str
    plan_id: int | None
    task_count: int
    created_at: dt.datetime

    @staticmethod
    def resolve_task_count(obj: PlanImportDraft) -> int:
        tasks = obj.parsed.get("tasks") if isinstance(obj.parsed, dict) else None
        return len(tasks) if isinstance(tasks, list) else 0


class PlanImportConfirmIn(Schema):
    allow_no_assignments: bool = False


class PlanImportedOut(Schema):
    draft_id: int
    plan_id: int


@router.get("/imports/", response=list[PlanImportDraftOut])
def list_import_drafts(request: HttpRequest) -> QuerySet[PlanImportDraft]:
    """Drafts being read, waiting for confirmation, or failed, that the caller may confirm."""
    if not can_import_plans(request.user):
        raise PermissionDenied
    return import_drafts_for(request.user).order_by("-created_at", "-pk")[:100]


@router.get("/imports/{int:pk}", response=PlanImportDraftOut)
def get_import_draft(request: HttpRequest, pk: int) -> PlanImportDraft:
    return get_import_draft_for_user(request.user, pk)


@router.post("/imports/", response={201: PlanImportDraftOut})
def upload_plan_document(
    request: HttpRequest, file: File[UploadedFile], province_id: int | None = None
) -> Status[PlanImportDraft]:
    """Upload a plan (DOCX, PDF, …: the page's types and limits); the worker reads it and the
    draft's `status` turns `pending` (or `failed`, with the reader's message in `error`).
    `province_id` is needed only by an account not attached to a province."""
    if not can_import_plans(request.user):
        raise PermissionDenied
    user = caller(request)
    organisation = user.organisation
    province = organisation.province if organisation is not None else None
    if province is None:
        province = Province.objects.filter(pk=province_id).first() if province_id else None
    if province is None:
        raise ValidationError("Tài khoản của bạn chưa gắn với tỉnh, thành phố nào.")
    importing.check_plan_upload(file, file.name or "")  # the limits before reading it whole
    data = file.read()
    draft = guard(
        lambda: importing.create_import_draft(
            province, data=data, filename=file.name or "", by=user
        )
    )
    return Status(201, draft)


@router.post("/imports/{int:pk}/confirm", response={201: PlanImportedOut})
def confirm_import_draft(
    request: HttpRequest, pk: int, payload: PlanImportConfirmIn
) -> Status[dict[str, Any]]:
    """Store the draft as a plan as read (422 while it is being read, or if it sets nobody to
    work and `allow_no_assignments` is false)."""
    draft = get_import_draft_for_user(request.user, pk)
    user = caller(request)
    plan = guard(
        lambda: importing.confirm_import_draft(
            draft, by=user, allow_no_assignments=payload.allow_no_assignments
        )
    )
    return Status(201, {"draft_id": draft.pk, "plan_id": plan.pk})


@router.post("/imports/{int:pk}/discard", response=PlanImportDraftOut)
def discard_import_draft(request: HttpRequest, pk: int) -> PlanImportDraft:
    draft = get_import_draft_for_user(request.user, pk)
    user = caller(request)
    return guard(lambda: importing.discard_import_draft(draft, by=user))
