"""Reads for reporting: what a report says (and what changed since DoST returned it), my tasks,
and the lists of reports.

Every function here runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypedDict, cast

from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.plans.access import plans_visible_to
from tdc.plans.models import (
    Assignment,
    Plan,
    ProgressReport,
    ReportEvent,
    ReportingPeriod,
    ReportVersion,
)
from tdc.plans.queries.assignments import (
    STATUS_BADGE,
    TaskStatus,
    assignment_due,
    assignment_status,
)

State = ProgressReport.State
Progress = ProgressReport.Progress
OPEN_STATES = (State.DRAFT, State.RETURNED, State.PENDING_APPROVAL)


# --- My tasks ----------------------------------------------------------------------------------------


@dataclass
class MyTask:
    assignment: Assignment
    status: TaskStatus
    due: dt.date | None
    report: ProgressReport | None
    reports: list[ProgressReport]

    @property
    def badge(self) -> str:
        return STATUS_BADGE[self.status]


@dataclass
class MyTasks:
    rows: list[MyTask]
    next_deadline: dt.date | None
    open_reports: int
    counts: dict[str, int]


def my_assignments(
    user: User, *, today: dt.date, status: str = "", plan_id: int | None = None
) -> MyTasks:
    """The tasks assigned to the user's organisation, their status and the report due next."""
    if user.organisation_id is None:
        return MyTasks([], None, 0, {})
    assignments = list(
        Assignment.objects.filter(
            organisation_id=user.organisation_id,
            is_active=True,
            task__is_active=True,
            task__plan__status=Plan.Status.ACTIVE,
            task__plan__in=plans_visible_to(user),
        )
        .select_related("task", "task__plan", "task__group")
        .order_by("task__plan_id", "task__position", "task_id")
    )
    if plan_id is not None:
        assignments = [a for a in assignments if a.task.plan_id == plan_id]
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in (
        ProgressReport.objects.filter(assignment__in=assignments)
        .select_related("period")
        .order_by("period__deadline", "pk")
    ):
        reports[report.assignment_id].append(report)
    rows = []
    open_deadlines: list[dt.date] = []
    counts: dict[str, int] = {}
    for assignment in assignments:
        own = reports.get(assignment.pk, [])
        pending = [r for r in own if r.state in OPEN_STATES]
        current = pending[0] if pending else (own[-1] if own else None)
        open_deadlines.extend(r.period.deadline for r in pending)
        row_status = assignment_status(assignment, today)
        counts[row_status] = counts.get(row_status, 0) + 1
        if status and row_status != status:
            continue
        rows.append(
            MyTask(
                assignment=assignment,
                status=row_status,
                due=assignment_due(assignment),
                report=current,
                reports=own,
            )
        )
    return MyTasks(
        rows=rows,
        next_deadline=min(open_deadlines) if open_deadlines else None,
        open_reports=len(open_deadlines),
        counts=counts,
    )


# --- Reports lists --------------------------------------------------------------------------------------


def filter_reports(
    reports: QuerySet[ProgressReport],
    *,
    period: ReportingPeriod | None = None,
    organisation_id: int | None = None,
    state: str = "",
    arrival: str = "",
) -> QuerySet[ProgressReport]:
    """Narrow a visible set of reports; `arrival` is "missing", "late" or "on_time"."""
    reports = reports.filter(assignment__is_active=True, assignment__task__is_active=True)
    if period is not None:
        reports = reports.filter(period=period)
    if organisation_id is not None:
        reports = reports.filter(organisation_id=organisation_id)
    if state:
        reports = reports.filter(state=state)
    if arrival == "missing":
        reports = reports.filter(first_submitted_at__isnull=True)
    elif arrival == "late":
        reports = reports.filter(first_submitted_at__gt=F("period__on_time_cutoff"))
    elif arrival == "on_time":
        reports = reports.filter(first_submitted_at__lte=F("period__on_time_cutoff"))
    return reports.order_by(
        "-period__year",
        "period__deadline",
        "organisation__name",
        "assignment__task__position",
        "pk",
    )


# --- The Ministry: provinces side by side ---------------------------------------------------------------------


class Figure(TypedDict):
    """One figure a report states: "Số lớp tập huấn: 3 lớp"."""

    label: str
    value: str
    unit: str


class EvidenceRef(TypedDict):
    id: int
    name: str
    size: int


class ReportContent(TypedDict):
    """What a report says, as plain JSON: the working copy, or a version sent to DoST."""

    progress: str
    percent: int
    completed_on: str | None  # ISO date
    results: str
    figures: list[Figure]
    difficulties: str
    proposals: str
    evidence: list[EvidenceRef]


def version_content(version: ReportVersion) -> ReportContent:
    """A stored version's content (JSON written by `report_content`)."""
    return cast(ReportContent, dict(version.content))


def report_content(report: ProgressReport) -> ReportContent:
    """The report's working copy as plain data (what a version stores)."""
    return {
        "progress": report.progress,
        "percent": report.percent,
        "completed_on": report.completed_on.isoformat() if report.completed_on else None,
        "results": report.results,
        "figures": list(report.figures),
        "difficulties": report.difficulties,
        "proposals": report.proposals,
        "evidence": [
            {"id": evidence.pk, "name": evidence.name, "size": evidence.size}
            for evidence in report.evidence.all()
            if evidence.removed_at is None
        ],
    }


def parse_figures(text: str) -> tuple[Figure, ...]:
    """Lines "Số lớp tập huấn: 3 lớp" → ({"label": "Số lớp tập huấn", "value": "3", "unit": "lớp"},).

    The value must be a number (Vietnamese "1.234,5" or "1234.5").
    """
    figures: list[Figure] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("-•").strip()
        if not line:
            continue
        label, colon, rest = line.partition(":")
        value_text, _space, unit = rest.strip().partition(" ")
        value = _parse_number(value_text)
        if not colon or not label.strip() or value is None:
            raise ValidationError(
                _(
                    "Dòng số liệu %(n)s cần có dạng “Tên số liệu: giá trị đơn vị”, ví dụ “Số lớp tập huấn: 3 lớp”."
                )
                % {"n": number}
            )
        figures.append(Figure(label=label.strip(), value=str(value), unit=unit.strip()))
    return tuple(figures)


def _parse_number(text: str) -> Decimal | None:
    cleaned = text.strip()
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def vietnamese_number(value: str) -> str:
    """'2.4' → '2,4': a decimal comma, no digit grouping (so that it reads back unambiguously)."""
    return value.replace(".", ",")


def figures_text(figures: Sequence[Figure]) -> str:
    return "\n".join(
        f"{f['label']}: {vietnamese_number(f['value'])}{(' ' + f['unit']) if f.get('unit') else ''}"
        for f in figures
    )


@dataclass(frozen=True)
class FieldDiff:
    label: str
    segments: list[tuple[str, str]]  # ("same" | "added" | "removed", text)

    @property
    def changed(self) -> bool:
        return any(op != "same" for op, _text in self.segments)


def _words_diff(old: str, new: str) -> list[tuple[str, str]]:
    before, after = old.split(" "), new.split(" ")
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            if a2 > a1 and " ".join(before[a1:a2]).strip():
                segments.append(("same", " ".join(before[a1:a2])))
            continue
        removed, added = " ".join(before[a1:a2]), " ".join(after[b1:b2])
        if removed.strip():
            segments.append(("removed", removed))
        if added.strip():
            segments.append(("added", added))
    return segments


def _display(content: ReportContent) -> dict[str, str]:
    completed = content.get("completed_on")
    return {
        _("Tình hình thực hiện"): str(Progress(content["progress"]).label),
        _("Tỷ lệ hoàn thành"): f"{content['percent']}%",
        _("Ngày hoàn thành"): (
            dt.date.fromisoformat(completed).strftime("%d/%m/%Y") if completed else "—"
        ),
        _("Kết quả đạt được"): content.get("results", ""),
        _("Số liệu"): figures_text(content.get("figures", [])),
        _("Khó khăn, vướng mắc"): content.get("difficulties", ""),
        _("Đề xuất, kiến nghị"): content.get("proposals", ""),
        _("Minh chứng"): ", ".join(e["name"] for e in content.get("evidence", [])),
    }


def returned_version(report: ProgressReport) -> ReportVersion | None:
    """The version DoST last returned (or reopened), if the report came back since."""
    last_return = (
        report.events.filter(kind__in=(ReportEvent.Kind.RETURNED, ReportEvent.Kind.REOPENED))
        .order_by("-at", "-pk")
        .first()
    )
    if last_return is None:
        return None
    return report.versions.filter(number__lt=last_return.version).order_by("-number").first()


def resubmission_diff(report: ProgressReport) -> list[FieldDiff] | None:
    """For a resubmitted report: each field as it was returned vs as it is now sent."""
    if report.state != State.RESUBMITTED:
        return None
    base = returned_version(report)
    latest = report.versions.order_by("-number").first()
    if base is None or latest is None or base.pk == latest.pk:
        return None
    old, new = _display(version_content(base)), _display(version_content(latest))
    return [FieldDiff(label, _words_diff(old[label], new[label])) for label in new]
