"""What the synthesis report says, as plain data: the tasks, the reports that arrived (and those
that did not), the indicators, the difficulties and proposals of a reporting period."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from typing import NotRequired, TypedDict

from django.utils import timezone

from tdc.accounts.models import Organisation
from tdc.core.metrics import get_metric
from tdc.core.registry import task_facts
from tdc.core.text import fold
from tdc.plans.models import (
    Assignment,
    ExplanationRequest,
    Indicator,
    Plan,
    ProgressReport,
    ReportingPeriod,
    Task,
    TaskUnit,
)
from tdc.plans.queries.assignments import assignments_by_task, combined_task_status
from tdc.plans.queries.indicators import indicator_progress
from tdc.plans.queries.reporting import figures_text

State = ProgressReport.State


class ResultLine(TypedDict):
    organisation: str
    progress: str
    percent: int
    results: str
    figures: str
    difficulties: NotRequired[str]
    proposals: NotRequired[str]


class TaskLine(TypedDict):
    number: str
    # How the report names the task: its number, else its place in the plan ("3"), so that no
    # task reads as "—"; `kind` "duty" for the duties of "Tổ chức thực hiện".
    label: NotRequired[str]
    kind: NotRequired[str]
    content: str
    timeline: str
    lead: str
    partners: str
    status: str
    status_label: str
    results: list[ResultLine]
    expected: int
    accepted: int
    # What other modules record about the task (`tdc.core.registry.task_facts`): a standards
    # project's stage…
    facts: NotRequired[list[str]]


class GroupLine(TypedDict):
    label: str
    title: str
    tasks: list[TaskLine]


class OrganisationLine(TypedDict):
    name: str
    expected: int
    arrived: int
    on_time: int
    accepted: int


class MissingLine(TypedDict):
    organisation: str
    tasks: list[str]


class InReviewLine(TypedDict):
    organisation: str
    task: str
    state: str


class Remark(TypedDict):
    """A difficulty or a proposal an agency wrote."""

    organisation: str
    task: str
    text: str


class IndicatorLine(TypedDict):
    name: str
    unit: str
    comparator: str
    target: str
    deadline: str
    actual: str
    as_of: str
    status: str
    # Where the figure comes from: the platform's metric it is computed from (its label), or
    # the officer's note of the source.
    source: NotRequired[str]
    computed: NotRequired[bool]


class ExplanationLine(TypedDict):
    organisation: str
    answered: bool
    response: str


class Totals(TypedDict):
    expected: int
    arrived: int
    on_time: int
    accepted: int
    in_review: int
    missing: int


class PlanLine(TypedDict):
    title: str
    reference: str


class PeriodLine(TypedDict):
    title: str
    phrase: str
    deadline: str  # ISO date


class SynthesisData(TypedDict):
    """Everything the synthesis says (the JSON snapshot a synthesis stores)."""

    as_of: str  # ISO date
    plan: PlanLine
    period: PeriodLine
    totals: Totals
    groups: list[GroupLine]
    organisations: list[OrganisationLine]
    missing: list[MissingLine]
    in_review: list[InReviewLine]
    indicators: list[IndicatorLine]
    difficulties: list[Remark]
    proposals: list[Remark]
    explanations: list[ExplanationLine]


Kind = ReportingPeriod.Kind


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def province_phrase(plan: Plan) -> str:
    """'tỉnh Khánh Hòa' or 'thành phố Huế'."""
    name = plan.province.name
    if name.startswith("Thành phố "):
        return "thành phố " + name.removeprefix("Thành phố ")
    return "tỉnh " + name.removeprefix("Tỉnh ")


def period_phrase(period: ReportingPeriod) -> str:
    if period.kind == Kind.ANNUAL:
        return f"năm {period.year}"
    if period.kind == Kind.SEMIANNUAL:
        return f"6 tháng {'đầu' if period.number == 1 else 'cuối'} năm {period.year}"
    if period.kind == Kind.QUARTERLY:
        return f"quý {ROMAN[period.number]} năm {period.year}"
    return period.title[:1].lower() + period.title[1:]


def plan_reference(plan: Plan) -> str:
    """'Kế hoạch số 45/KH-UBND ngày 05/3/2026 của UBND tỉnh Khánh Hòa', or the plan's title."""
    core = re.sub(r"^(KẾ HOẠCH|Kế hoạch)\s+", "", plan.title.strip())
    if plan.doc_number:
        date = f" ngày {plan.doc_date:%d/%m/%Y}" if plan.doc_date else ""
        issuer = f" của {plan.issuer}" if plan.issuer else ""
        return f"Kế hoạch số {plan.doc_number}{date}{issuer}"
    return f"Kế hoạch {core[:1].lower()}{core[1:]}"


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s,]+", name) if w and fold(w) not in ("va", "tinh")]
    return "".join(fold(w)[0].upper() for w in words if fold(w)[:1].isalnum())[:8] or "CQ"


def _units(task: Task, assignments: list[Assignment], role: str) -> str:
    named = [unit.text for unit in task.units.all() if unit.role == role]
    if named:
        return "; ".join(named)
    return "; ".join(a.organisation.name for a in assignments if a.role == role)


def _result_line(report: ProgressReport) -> ResultLine:
    return {
        "organisation": report.organisation.name,
        "progress": str(report.get_progress_display()),
        "percent": report.percent,
        "results": report.results,
        "figures": figures_text(report.figures),
        "difficulties": report.difficulties,
        "proposals": report.proposals,
    }


DUTY_GROUP_TITLE = "Thực hiện trách nhiệm theo mục Tổ chức thực hiện"


def ad_hoc_topic(period: ReportingPeriod) -> str:
    """What an ad-hoc report is about, as a noun phrase: "kết quả hưởng ứng Ngày Tiêu chuẩn
    Thế giới 14/10/2026" from "Báo cáo đột xuất: kết quả hưởng ứng …"."""
    topic = re.sub(r"^\s*báo cáo(?:\s+đột xuất)?\s*[:\-–—]?\s*", "", period.title, flags=re.I)
    topic = topic.strip() or period.title.strip()
    return topic[:1].lower() + topic[1:]


def collect_synthesis_data(
    period: ReportingPeriod, *, today: dt.date | None = None
) -> SynthesisData:
    """Everything the synthesis says, as plain data (stored as the snapshot when finalised)."""
    today = today or timezone.localdate()
    plan = period.plan
    # Sub-plans (departments' and communes' own plans implementing this one) roll up: their
    # tasks, and their reports of the same period, follow the plan's own.
    sub_periods = list(
        ReportingPeriod.objects.filter(
            plan__parent=plan,
            plan__status=Plan.Status.ACTIVE,
            kind=period.kind,
            year=period.year,
            number=period.number,
        )
    )
    tasks = list(
        Task.objects.filter(plan=plan, is_active=True)
        .select_related("group", "plan")
        .prefetch_related("units")
        .order_by("position", "pk")
    )
    tasks += list(
        Task.objects.filter(plan__in=[p.plan_id for p in sub_periods], is_active=True)
        .select_related("group", "plan")
        .prefetch_related("units")
        .order_by("plan_id", "position", "pk")
    )
    grouped = assignments_by_task(task.pk for task in tasks)
    facts = task_facts(task.pk for task in tasks)
    reports = list(
        ProgressReport.objects.expected()
        .filter(period__in=[period, *sub_periods])
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    by_task: dict[int, list[ProgressReport]] = defaultdict(list)
    task_of_assignment = {a.pk: task for task in tasks for a in grouped.get(task.pk, [])}
    for report in reports:
        task = task_of_assignment.get(report.assignment_id)
        if task is not None:
            by_task[task.pk].append(report)
    groups: dict[str, GroupLine] = {}
    labels = {task.pk: task.number or str(place) for place, task in enumerate(tasks, start=1)}
    for task in tasks:
        if task.plan_id != plan.pk:
            label, title = f"plan:{task.plan_id}", task.plan.title
        elif task.kind == Task.Kind.DUTY:
            label, title = DUTY_GROUP_TITLE, DUTY_GROUP_TITLE
        else:
            label = f"{task.group.number}. {task.group.title}" if task.group else ""
            title = task.group.title if task.group else ""
        group = groups.setdefault(label, {"label": label, "title": title, "tasks": []})
        own = by_task.get(task.pk, [])
        accepted = [r for r in own if r.state == State.ACCEPTED]
        status = combined_task_status(task, grouped.get(task.pk, []), today)
        group["tasks"].append(
            {
                "number": task.number,
                "label": labels[task.pk],
                "kind": task.kind,
                "content": task.content,
                "timeline": task.timeline,
                "lead": _units(task, grouped.get(task.pk, []), TaskUnit.Role.LEAD),
                "partners": _units(task, grouped.get(task.pk, []), TaskUnit.Role.PARTNER),
                "status": str(status.value),
                "status_label": str(status.label),
                "results": [_result_line(r) for r in accepted],
                "expected": len(own),
                "accepted": len(accepted),
                "facts": [fact.text for fact in facts.get(task.pk, [])],
            }
        )
    organisations: dict[str, OrganisationLine] = {}
    missing: dict[str, list[str]] = defaultdict(list)
    in_review: list[InReviewLine] = []
    difficulties: list[Remark] = []
    proposals: list[Remark] = []
    numbers = {a.pk: labels[task.pk] for task in tasks for a in grouped.get(task.pk, [])}
    # The plan's owner (DoST) writes this report: its own reports count for the tasks, never
    # among the agencies reporting to it.
    reports = [r for r in reports if r.organisation_id != plan.owner_id]
    for report in reports:
        row = organisations.setdefault(
            report.organisation.name,
            {
                "name": report.organisation.name,
                "expected": 0,
                "arrived": 0,
                "on_time": 0,
                "accepted": 0,
            },
        )
        row["expected"] += 1
        number = numbers.get(report.assignment_id, "")
        if report.first_submitted_at is None:
            missing[report.organisation.name].append(number)
            continue
        row["arrived"] += 1
        row["on_time"] += int(report.first_submitted_at <= period.on_time_cutoff)
        if report.state == State.ACCEPTED:
            row["accepted"] += 1
            if report.difficulties:
                difficulties.append(
                    {
                        "organisation": report.organisation.name,
                        "task": number,
                        "text": report.difficulties,
                    }
                )
            if report.proposals:
                proposals.append(
                    {
                        "organisation": report.organisation.name,
                        "task": number,
                        "text": report.proposals,
                    }
                )
        else:
            in_review.append(
                {
                    "organisation": report.organisation.name,
                    "task": number,
                    "state": str(report.get_state_display()),
                }
            )
    indicators: list[IndicatorLine] = []
    for indicator in (
        Indicator.objects.filter(plan=plan).prefetch_related("values").order_by("position", "pk")
    ):
        values = list(indicator.values.all())
        progress = indicator_progress(indicator, values)
        metric = get_metric(indicator.metric_key) if indicator.metric_key else None
        indicators.append(
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "comparator": str(indicator.get_comparator_display()),
                "target": _decimal(indicator.target_value),
                "deadline": indicator.deadline.strftime("%d/%m/%Y"),
                "actual": _decimal(progress.actual),
                "as_of": progress.as_of.strftime("%d/%m/%Y") if progress.as_of else "",
                "status": str(progress.status.label),
                "source": metric.label if metric is not None else indicator.source_note,
                "computed": metric is not None,
            }
        )
    explanations: list[ExplanationLine] = [
        {
            "organisation": e.organisation.name,
            "answered": e.is_answered,
            "response": e.response,
        }
        for e in ExplanationRequest.objects.filter(period=period).select_related("organisation")
    ]
    arrived = sum(1 for r in reports if r.first_submitted_at is not None)
    totals: Totals = {
        "expected": len(reports),
        "arrived": arrived,
        "on_time": sum(
            1
            for r in reports
            if r.first_submitted_at is not None and r.first_submitted_at <= period.on_time_cutoff
        ),
        "accepted": sum(1 for r in reports if r.state == State.ACCEPTED),
        "in_review": len(in_review),
        "missing": len(reports) - arrived,
    }
    return {
        "as_of": today.isoformat(),
        "plan": {"title": plan.title, "reference": plan_reference(plan)},
        "period": {
            "title": period.title,
            "phrase": period_phrase(period),
            "deadline": period.deadline.isoformat(),
        },
        "totals": totals,
        "groups": list(groups.values()),
        "organisations": sorted(organisations.values(), key=lambda r: r["name"]),
        "missing": [
            {"organisation": name, "tasks": numbers_} for name, numbers_ in sorted(missing.items())
        ],
        "in_review": in_review,
        "indicators": indicators,
        "difficulties": difficulties,
        "proposals": proposals,
        "explanations": explanations,
    }


def _decimal(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def organisation_reports(
    period: ReportingPeriod, organisation: Organisation
) -> list[ProgressReport]:
    return list(
        ProgressReport.objects.expected()
        .filter(period=period, organisation=organisation)
        .select_related("assignment", "assignment__task")
        .order_by("assignment__task__position", "pk")
    )
