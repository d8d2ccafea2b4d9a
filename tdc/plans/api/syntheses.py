"""The syntheses API (/api/v1/plans/syntheses/…, periods/{pk}/synthesis): DoST's report on a
period — its metadata, its wording (a draft is edited with its `version`), its figures, and the
Decree 30 DOCX + XLSX files — through the same door (`syntheses_visible_to`) and services
(`tdc.plans.services.synthesis`) as the synthesis page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja import Router, Schema
from ninja.pagination import paginate

from tdc.core.downloads import file_responses
from tdc.plans.access import (
    can_monitor,
    get_managed_period_for_user,
    get_synthesis_for_user,
    syntheses_visible_to,
)
from tdc.plans.api.common import caller, guard
from tdc.plans.exports.synthesis import synthesis_docx, synthesis_xlsx
from tdc.plans.models import Synthesis
from tdc.plans.services import synthesis as services

router = Router(tags=["plans"])

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PlanSynthesisOut(Schema):
    id: int
    period_id: int
    plan_id: int
    status: str
    version: int
    doc_number: str
    symbol: str
    doc_date: dt.date
    subject: str
    snapshot_at: dt.datetime | None
    finalised_at: dt.datetime | None
    has_files: bool

    @staticmethod
    def resolve_plan_id(obj: Synthesis) -> int:
        return obj.period.plan_id

    @staticmethod
    def resolve_has_files(obj: Synthesis) -> bool:
        return bool(obj.docx and obj.xlsx)


class PlanSynthesisDetailOut(PlanSynthesisOut):
    place: str
    parent_body: str
    issuing_body: str
    addressee: str
    intro: str
    assessment: str
    difficulties: str
    next_tasks: str
    proposals: str
    closing: str
    signer_authority: str
    signer_title: str
    signer_name: str
    recipients: str
    snapshot: dict[str, Any]


class PlanSynthesisIn(Schema):
    """The draft's wording; fields left out keep their value. `version` is the one read."""

    version: int
    doc_number: str | None = None
    symbol: str | None = None
    doc_date: dt.date | None = None
    place: str | None = None
    parent_body: str | None = None
    issuing_body: str | None = None
    subject: str | None = None
    addressee: str | None = None
    intro: str | None = None
    assessment: str | None = None
    difficulties: str | None = None
    next_tasks: str | None = None
    proposals: str | None = None
    closing: str | None = None
    signer_authority: str | None = None
    signer_title: str | None = None
    signer_name: str | None = None
    recipients: str | None = None


@router.get("/syntheses/", response=list[PlanSynthesisOut])
@paginate
def list_syntheses(request: HttpRequest, status: str = "") -> QuerySet[Synthesis]:
    found = syntheses_visible_to(request.user).order_by("-period__deadline", "-pk")
    if status:
        found = found.filter(status=status)
    return found


@router.get("/syntheses/{int:pk}", response=PlanSynthesisDetailOut)
def get_synthesis(request: HttpRequest, pk: int) -> Synthesis:
    return get_synthesis_for_user(request.user, pk)


@router.post("/periods/{int:pk}/synthesis", response=PlanSynthesisDetailOut)
def start_synthesis(request: HttpRequest, pk: int) -> Synthesis:
    """Open the period's draft synthesis (or return the one already open)."""
    period = get_managed_period_for_user(request.user, pk)
    user = caller(request)
    return guard(lambda: services.start_synthesis(period, by=user))


@router.patch("/syntheses/{int:pk}", response=PlanSynthesisDetailOut)
def update_synthesis(request: HttpRequest, pk: int, payload: PlanSynthesisIn) -> Synthesis:
    """Edit the draft's wording; a stale `version` is refused with 422 and nothing is lost."""
    item = get_synthesis_for_user(request.user, pk)
    user = caller(request)
    values = {
        k: v
        for k, v in payload.model_dump(exclude_unset=True).items()
        if k != "version" and v is not None
    }
    return guard(
        lambda: services.update_synthesis(item, by=user, version=payload.version, **values)
    )


@router.post("/syntheses/{int:pk}/refresh", response=PlanSynthesisDetailOut)
def refresh_synthesis(request: HttpRequest, pk: int) -> Synthesis:
    item = get_synthesis_for_user(request.user, pk)
    user = caller(request)
    return guard(lambda: services.refresh_synthesis(item, by=user))


@router.post("/syntheses/{int:pk}/finalise", response=PlanSynthesisDetailOut)
def finalise_synthesis(request: HttpRequest, pk: int) -> Synthesis:
    """Freeze it: the DOCX and XLSX are stored and nothing changes afterwards."""
    item = get_synthesis_for_user(request.user, pk)
    user = caller(request)
    return guard(lambda: services.finalise_synthesis(item, by=user))


_FILE_RESPONSES = file_responses("The Decree 30 report (DOCX) or its appendix (XLSX).", DOCX, XLSX)


@router.get("/syntheses/{int:pk}/docx", openapi_extra=_FILE_RESPONSES)
def download_synthesis_docx(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _file(request, pk, "docx")


@router.get("/syntheses/{int:pk}/xlsx", openapi_extra=_FILE_RESPONSES)
def download_synthesis_xlsx(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _file(request, pk, "xlsx")


def _file(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """A final synthesis serves its stored files; a draft is generated (for the monitors)."""
    item = get_synthesis_for_user(request.user, pk)
    name = f"bao-cao-tong-hop-{item.period_id}{'' if item.is_final else '-du-thao'}"
    suffix = "" if fmt == "docx" else "-phu-luc"
    content_type = DOCX if fmt == "docx" else XLSX
    if item.is_final:
        stored = item.docx if fmt == "docx" else item.xlsx
        return FileResponse(
            stored.open("rb"),
            as_attachment=True,
            filename=f"{name}{suffix}.{fmt}",
            content_type=content_type,
        )
    if not can_monitor(request.user):
        raise PermissionDenied
    data = synthesis_docx(item) if fmt == "docx" else synthesis_xlsx(item)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.{fmt}"'
    return response
