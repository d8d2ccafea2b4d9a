"""A multi-year review of a plan (sơ kết / tổng kết), as plain data: every yearly period's
reporting in the range, every task's accepted results year by year, every indicator's
trajectory."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from tdc.plans.models import Indicator, Plan, ProgressReport, ReportingPeriod, Task

State = ProgressReport.State


@dataclass
class YearLine:
    year: int
    expected: int = 0
    arrived: int = 0
    accepted: int = 0


@dataclass
class TaskReview:
    label: str
    content: str
    group: str
    results: list[tuple[int, str, str]] = field(default_factory=list)  # year, body, text
    completed: bool = False


@dataclass
class IndicatorReview:
    name: str
    unit: str
    comparator: str
    target: Decimal
    deadline: str
    values: list[tuple[str, Decimal, str]] = field(default_factory=list)  # date, value, source


@dataclass
class ReviewData:
    plan: Plan
    start: int
    end: int
    title: str
    years: list[YearLine]
    tasks: list[TaskReview]
    indicators: list[IndicatorReview]

    @property
    def is_final(self) -> bool:
        return self.title.startswith("Tổng kết")


def review_title(plan: Plan, start: int, end: int) -> str:
    """ "Sơ kết …" for a mid-term range, "Tổng kết …" when it reaches the plan's horizon."""
    horizon = 2030
    word = "Tổng kết" if end >= horizon else "Sơ kết"
    return f"{word} {end - start + 1} năm thực hiện Kế hoạch ({start}–{end})"


def collect_review_data(plan: Plan, *, start: int, end: int) -> ReviewData:
    if end < start:
        raise ValueError(_("Năm kết thúc phải sau năm bắt đầu."))
    periods = list(
        ReportingPeriod.objects.filter(
            plan=plan, kind=ReportingPeriod.Kind.ANNUAL, year__range=(start, end)
        ).order_by("year")
    )
    years = {year: YearLine(year) for year in range(start, end + 1)}
    reports = (
        ProgressReport.objects.expected()
        .filter(period__in=periods)
        .exclude(organisation_id=plan.owner_id)
        .select_related("period")
    )
    for report in reports:
        line = years[report.period.year]
        line.expected += 1
        line.arrived += int(report.first_submitted_at is not None)
        line.accepted += int(report.state == State.ACCEPTED)
    tasks = list(
        Task.objects.filter(plan=plan, is_active=True).select_related("group").order_by("position")
    )
    accepted: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in (
        ProgressReport.objects.filter(period__in=periods, state=State.ACCEPTED)
        .select_related("period", "organisation", "assignment")
        .order_by("period__year", "organisation__name")
    ):
        accepted[report.assignment.task_id].append(report)
    task_lines = []
    for place, task in enumerate(tasks, start=1):
        own = accepted.get(task.pk, [])
        task_lines.append(
            TaskReview(
                label=task.number or str(place),
                content=task.content,
                group=(
                    task.group.title
                    if task.group
                    else "Thực hiện trách nhiệm theo mục Tổ chức thực hiện"
                    if task.kind == Task.Kind.DUTY
                    else ""
                ),
                results=[(r.period.year, r.organisation.name, r.results) for r in own if r.results],
                completed=any(r.progress == ProgressReport.Progress.COMPLETED for r in own),
            )
        )
    indicator_lines = []
    for indicator in Indicator.objects.filter(plan=plan).prefetch_related("values"):
        indicator_lines.append(
            IndicatorReview(
                name=indicator.name,
                unit=indicator.unit,
                comparator=str(indicator.get_comparator_display()),
                target=indicator.target_value,
                deadline=indicator.deadline.strftime("%d/%m/%Y"),
                values=[
                    (v.period_end.strftime("%d/%m/%Y"), v.value, v.source)
                    for v in indicator.values.all()
                    if start <= v.period_end.year <= end
                ],
            )
        )
    return ReviewData(
        plan=plan,
        start=start,
        end=end,
        title=review_title(plan, start, end),
        years=list(years.values()),
        tasks=task_lines,
        indicators=indicator_lines,
    )
