"""Playing a report's history: each step runs through the reporting services, then is dated as
the story says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tdc.accounts.models import Organisation, User
from tdc.plans.models import ProgressReport, ReportEvent, ReportingPeriod, ReportVersion
from tdc.plans.services import reporting


@dataclass(frozen=True)
class Step:
    when: dt.datetime
    do: Callable[[ProgressReport], ProgressReport]


def expected_report(
    period: ReportingPeriod, organisation: Organisation | None, number: str
) -> ProgressReport | None:
    if organisation is None:
        return None
    return (
        ProgressReport.objects.expected()
        .filter(period=period, organisation=organisation, assignment__task__number=number)
        .first()
    )


def play(report: ProgressReport | None, steps: list[Step]) -> bool:
    """Run the steps through the services, then date each step as the story says.

    A report that already has a history is left alone, so the demo can run twice.
    """
    if report is None or report.version > 0 or report.events.exists():
        return False
    for step in steps:
        seen = set(report.events.values_list("pk", flat=True))
        report = step.do(report)
        report.events.exclude(pk__in=seen).update(at=step.when)
        ProgressReport.objects.filter(pk=report.pk).update(updated_at=step.when)
    date_from_events(report)
    return True


def date_from_events(report: ProgressReport) -> None:
    events = list(report.events.order_by("at", "pk"))
    sent = [
        e.at for e in events if e.kind in (ReportEvent.Kind.SUBMITTED, ReportEvent.Kind.RESUBMITTED)
    ]
    reviewed = [
        e.at
        for e in events
        if e.kind
        in (ReportEvent.Kind.ACCEPTED, ReportEvent.Kind.RETURNED, ReportEvent.Kind.REOPENED)
    ]
    ProgressReport.objects.filter(pk=report.pk).update(
        first_submitted_at=min(sent) if sent else None,
        submitted_at=max(sent) if sent else None,
        reviewed_at=max(reviewed) if reviewed else None,
    )
    for event in events:
        ReportVersion.objects.filter(report=report, number=event.version).update(
            created_at=event.at
        )


def write(user: User, **content: Any) -> Callable[[ProgressReport], ProgressReport]:
    data = reporting.ReportInput(
        progress=content.get("progress", "in_progress"),
        percent=content.get("percent", 50),
        results=content.get("results", ""),
        difficulties=content.get("difficulties", ""),
        proposals=content.get("proposals", ""),
        completed_on=content.get("completed_on"),
        figures=tuple(content.get("figures", ())),
    )
    return lambda r: reporting.save_report(r, data=data, version=r.version, by=user)


def submit(user: User) -> Callable[[ProgressReport], ProgressReport]:
    return lambda r: reporting.submit_report(r, version=r.version, by=user)


def approve(user: User) -> Callable[[ProgressReport], ProgressReport]:
    return lambda r: reporting.approve_report(r, by=user)


def accept(user: User, note: str = "") -> Callable[[ProgressReport], ProgressReport]:
    return lambda r: reporting.accept_report(r, by=user, note=note)


def send_back(user: User, reason: str) -> Callable[[ProgressReport], ProgressReport]:
    return lambda r: reporting.return_report(r, by=user, reason=reason)


def figure(label: str, value: str, unit: str) -> dict[str, str]:
    return {"label": label, "value": value, "unit": unit}
