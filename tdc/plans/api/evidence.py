"""The evidence API (/api/v1/plans/reports/{pk}/evidence…): the files a report attaches.

The same rule as the report page: the report's own organisation sees its current files and may
add or remove them while the report is editable; everyone else who reads the report sees only
the files of the last version sent to DoST (`get_evidence_for_user`)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from tdc.core.downloads import file_responses
from tdc.plans.access import (
    get_evidence_for_user,
    get_report_for_user,
    is_report_owner,
    report_content_for_user,
)
from tdc.plans.api.common import caller, guard
from tdc.plans.queries.reporting import Figure
from tdc.plans.services import reporting

router = Router(tags=["plans"])


class PlanEvidenceOut(Schema):
    id: int
    name: str
    size: int


def _visible(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    report = get_report_for_user(request.user, pk)
    if is_report_owner(request.user, report):
        return [
            {"id": e.pk, "name": e.name, "size": e.size}
            for e in report.evidence.filter(removed_at__isnull=True).order_by("pk")
        ]
    content = report_content_for_user(request.user, report)
    return [dict(item) for item in (content["evidence"] if content is not None else [])]


@router.get("/reports/{int:pk}/evidence", response=list[PlanEvidenceOut])
def list_report_evidence(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    return _visible(request, pk)


@router.post("/reports/{int:pk}/evidence", response={201: list[PlanEvidenceOut]})
def add_report_evidence(
    request: HttpRequest, pk: int, version: Form[int], file: File[UploadedFile]
) -> Status[list[dict[str, Any]]]:
    """Attach a file to the working copy (multipart: `version`, `file`), with the page's
    limits (types, size, a ZIP's uncompressed size); a stale `version` is refused with 422."""
    report = get_report_for_user(request.user, pk)
    user = caller(request)
    data = reporting.ReportInput(
        progress=report.progress,
        percent=report.percent,
        results=report.results,
        difficulties=report.difficulties,
        proposals=report.proposals,
        completed_on=report.completed_on,
        figures=tuple(
            Figure(label=f["label"], value=f["value"], unit=f.get("unit", ""))
            for f in report.figures
        ),
    )
    guard(
        lambda: reporting.save_report(report, data=data, version=version, by=user, new_files=[file])
    )
    return Status(201, _visible(request, pk))


@router.get(
    "/reports/{int:pk}/evidence/{int:evidence_pk}",
    openapi_extra=file_responses("The file as it was uploaded.", "application/octet-stream"),
)
def download_report_evidence(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    report = get_report_for_user(request.user, pk)
    evidence = get_evidence_for_user(request.user, report, evidence_pk)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type="application/octet-stream",
    )


@router.delete("/reports/{int:pk}/evidence/{int:evidence_pk}", response={204: None})
def remove_report_evidence(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    """Take a file off a report that can still be edited (versions sent keep it)."""
    report = get_report_for_user(request.user, pk)
    evidence = get_evidence_for_user(request.user, report, evidence_pk)
    user = caller(request)
    guard(lambda: reporting.remove_evidence(evidence, by=user))
    return HttpResponse(status=204)
