"""The reporting API (/api/v1/plans/my-tasks/, reports/, periods/): the same door and services
as the pages.

A report's content follows the same rule as on the page: its own organisation reads the working
copy, everyone else the last version sent to DoST (or nothing before the first submission).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from tdc.accounts.models import User
from tdc.plans.access import (
    can_monitor,
    get_period_for_user,
    get_report_for_user,
    report_content_for_user,
    reports_visible_to,
)
from tdc.plans.api.common import caller, guard
from tdc.plans.models import ProgressReport
from tdc.plans.queries.monitoring import completeness_by_organisation
from tdc.plans.queries.reporting import Figure, filter_reports, my_assignments
from tdc.plans.services import reporting

router = Router(tags=["plans"])


# --- Schemas --------------------------------------------------------------------------------------


class MyTaskOut(Schema):
    assignment_id: int
    task_id: int
    plan_id: int
    number: str
    content: str
    role: str
    due_date: dt.date | None
    status: str
    report_id: int | None
    report_state: str | None
    report_deadline: dt.date | None


class ReportOut(Schema):
    id: int
    period_id: int
    period_title: str
    deadline: dt.date
    organisation_id: int
    organisation: str
    task_id: int
    task_number: str
    state: str
    version: int
    first_submitted_at: dt.datetime | None
    on_time: bool | None


class FigureSchema(Schema):
    label: str
    value: str
    unit: str = ""


class ContentOut(Schema):
    progress: str
    percent: int
    completed_on: dt.date | None
    results: str
    figures: list[FigureSchema]
    difficulties: str
    proposals: str


class ReportDetailOut(ReportOut):
    content: ContentOut | None
    return_reason: str


class ReportIn(Schema):
    version: int
    progress: str
    percent: int
    results: str = ""
    figures: list[FigureSchema] = []
    difficulties: str = ""
    proposals: str = ""
    completed_on: dt.date | None = None


class VersionIn(Schema):
    version: int


class ReasonIn(Schema):
    reason: str


class NoteIn(Schema):
    note: str = ""


class CompletenessOut(Schema):
    organisation_id: int
    organisation: str
    expected: int
    arrived: int
    on_time: int
    accepted: int
    is_late: bool


def _report_out(report: ProgressReport) -> dict[str, Any]:
    first = report.first_submitted_at
    return {
        "id": report.pk,
        "period_id": report.period_id,
        "period_title": report.period.title,
        "deadline": report.period.deadline,
        "organisation_id": report.organisation_id,
        "organisation": report.organisation.name,
        "task_id": report.assignment.task_id,
        "task_number": report.assignment.task.number,
        "state": report.state,
        "version": report.version,
        "first_submitted_at": first,
        "on_time": None if first is None else first <= report.period.on_time_cutoff,
    }


def _detail(request: HttpRequest, report: ProgressReport) -> dict[str, Any]:
    content = report_content_for_user(request.user, report)
    shown: dict[str, object] | None = None
    if content is not None:
        completed = content["completed_on"]
        shown = {
            **content,
            "completed_on": dt.date.fromisoformat(completed) if completed else None,
        }
    visible_reason = report.return_reason if content is not None else ""
    return {**_report_out(report), "content": shown, "return_reason": visible_reason}


# --- Endpoints ------------------------------------------------------------------------------------


@router.get("/my-tasks/", response=list[MyTaskOut])
def list_my_tasks(request: HttpRequest) -> list[dict[str, Any]]:
    """The tasks of the caller's organisation, their status and the report due next."""
    mine = my_assignments(caller(request), today=timezone.localdate())
    return [
        {
            "assignment_id": row.assignment.pk,
            "task_id": row.assignment.task_id,
            "plan_id": row.assignment.task.plan_id,
            "number": row.assignment.task.number,
            "content": row.assignment.task.content,
            "role": row.assignment.role,
            "due_date": row.due,
            "status": row.status.value,
            "report_id": row.report.pk if row.report else None,
            "report_state": row.report.state if row.report else None,
            "report_deadline": row.report.period.deadline if row.report else None,
        }
        for row in mine.rows
    ]


@router.get("/reports/", response=list[ReportOut])
@paginate
def list_reports(
    request: HttpRequest, period: int | None = None, state: str = ""
) -> list[dict[str, Any]]:
    reports = filter_reports(
        reports_visible_to(request.user),
        period=get_period_for_user(request.user, period) if period else None,
        state=state,
    )
    return [_report_out(report) for report in reports]


@router.get("/reports/{pk}", response=ReportDetailOut)
def get_report(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _detail(request, get_report_for_user(request.user, pk))


@router.put("/reports/{pk}", response=ReportDetailOut)
def save_report(request: HttpRequest, pk: int, payload: ReportIn) -> dict[str, Any]:
    """Save the working copy; a stale `version` is refused with 422 and nothing is lost."""
    report = get_report_for_user(request.user, pk)
    data = reporting.ReportInput(
        progress=payload.progress,
        percent=payload.percent,
        results=payload.results,
        difficulties=payload.difficulties,
        proposals=payload.proposals,
        completed_on=payload.completed_on,
        figures=tuple(Figure(label=f.label, value=f.value, unit=f.unit) for f in payload.figures),
    )
    user = caller(request)
    saved = guard(
        lambda: reporting.save_report(report, data=data, version=payload.version, by=user)
    )
    return _detail(request, saved)


def _step(
    request: HttpRequest, pk: int, action: Callable[[ProgressReport, User], ProgressReport]
) -> dict[str, Any]:
    report = get_report_for_user(request.user, pk)
    user = caller(request)
    return _detail(request, guard(lambda: action(report, user)))


@router.post("/reports/{pk}/submit", response=ReportDetailOut)
def submit_report(request: HttpRequest, pk: int, payload: VersionIn) -> dict[str, Any]:
    return _step(
        request, pk, lambda r, u: reporting.submit_report(r, version=payload.version, by=u)
    )


@router.post("/reports/{pk}/approve", response=ReportDetailOut)
def approve_report(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _step(request, pk, lambda r, u: reporting.approve_report(r, by=u))


@router.post("/reports/{pk}/send-back", response=ReportDetailOut)
def send_back_report(request: HttpRequest, pk: int, payload: ReasonIn) -> dict[str, Any]:
    return _step(request, pk, lambda r, u: reporting.send_back_report(r, by=u, note=payload.reason))


@router.post("/reports/{pk}/accept", response=ReportDetailOut)
def accept_report(request: HttpRequest, pk: int, payload: NoteIn) -> dict[str, Any]:
    return _step(request, pk, lambda r, u: reporting.accept_report(r, by=u, note=payload.note))


@router.post("/reports/{pk}/return", response=ReportDetailOut)
def return_report(request: HttpRequest, pk: int, payload: ReasonIn) -> dict[str, Any]:
    return _step(request, pk, lambda r, u: reporting.return_report(r, by=u, reason=payload.reason))


@router.post("/reports/{pk}/reopen", response=ReportDetailOut)
def reopen_report(request: HttpRequest, pk: int, payload: ReasonIn) -> dict[str, Any]:
    return _step(request, pk, lambda r, u: reporting.reopen_report(r, by=u, reason=payload.reason))


@router.get("/periods/{pk}/completeness", response=list[CompletenessOut])
def period_completeness(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    """Reporting completeness and timeliness by organisation (DoST and the monitors only)."""
    if not can_monitor(request.user):
        raise HttpError(403, "Không có quyền xem số liệu theo dõi.")
    period = get_period_for_user(request.user, pk)
    return [
        {
            "organisation_id": row.organisation_id,
            "organisation": row.name,
            "expected": row.expected,
            "arrived": row.arrived,
            "on_time": row.on_time,
            "accepted": row.accepted,
            "is_late": row.is_late,
        }
        for row in completeness_by_organisation(period, now=timezone.now())
    ]
