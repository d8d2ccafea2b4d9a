"""Reads of the national view: every province's plans, registers and reporting, side by side.

Plans are read through the plans app's door (`plans_visible_to`, `periods_visible_to`) and
queries (`plan_with_structure`, `grouped_tasks`, `provinces_side_by_side`,
`collect_synthesis_data`); the registers through the metrology and complaints queries.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from tdc.accounts.http import AnyUser
from tdc.complaints.queries import complaint_statistics
from tdc.metrology.queries import province_dashboard
from tdc.national.comparison import (
    GROUPS,
    TOPICS,
    TaskText,
    classify,
    folded_words,
    query_matches,
    similar_tasks,
    topic_matches,
    topics_of,
)
from tdc.plans.access import periods_visible_to, plans_visible_to
from tdc.plans.queries import (
    collect_synthesis_data,
    grouped_tasks,
    plan_with_structure,
    provinces_side_by_side,
)


@dataclass(frozen=True)
class PlanSummary:
    plan_id: int
    province_id: int
    province: str
    year: int
    title: str
    plan: Any = field(repr=False, compare=False, default=None)


def latest_plans(user: AnyUser, *, year: int | None = None) -> list[PlanSummary]:
    """Each province's plan in force: the latest year's (or `year`'s) active plan."""
    plans = (
        plans_visible_to(user).filter(status="active").order_by("province__name", "-year", "-pk")
    )
    if year is not None:
        plans = plans.filter(year=year)
    chosen: dict[int, PlanSummary] = {}
    for plan in plans:
        chosen.setdefault(
            plan.province_id,
            PlanSummary(
                plan.pk, plan.province_id, plan.province.name, plan.year or 0, plan.title, plan
            ),
        )
    return list(chosen.values())


def task_texts(plans: list[PlanSummary]) -> list[TaskText]:
    texts = []
    for summary in plans:
        plan = plan_with_structure(summary.plan)
        for group, tasks in grouped_tasks(plan):
            heading = group.title if group is not None else ""
            for task in tasks:
                texts.append(
                    TaskText(
                        id=task.pk,
                        plan_id=summary.plan_id,
                        province_id=summary.province_id,
                        province=summary.province,
                        number=task.number or "",
                        content=task.content,
                        group=classify(heading, task.content),
                        words=folded_words(task.content),
                        topics=topics_of(task.content),
                    )
                )
    return texts


@dataclass
class Coverage:
    provinces: list[PlanSummary]
    # rows: (group key, label, [count per province])
    rows: list[tuple[str, str, list[int]]]
    topics: list[tuple[str, str, list[list[TaskText]]]]


def coverage(plans: list[PlanSummary], texts: list[TaskText]) -> Coverage:
    counts = Counter((t.group, t.province_id) for t in texts)
    rows = [
        (key, gettext(label), [counts[(key, p.province_id)] for p in plans])
        for key, label, _w in GROUPS
    ]
    topics = []
    for key, label, pattern in TOPICS:
        per_province = [
            [
                t
                for t in texts
                if t.province_id == p.province_id and topic_matches(pattern, t.content)
            ]
            for p in plans
        ]
        topics.append((key, gettext(label), per_province))
    return Coverage(provinces=plans, rows=rows, topics=topics)


def search(texts: list[TaskText], query: str) -> list[TaskText]:
    return [t for t in texts if query_matches(query, t.content)]


def similar_to(texts: list[TaskText], task_id: int) -> tuple[TaskText, list[tuple[TaskText, int]]]:
    """The task and the closest tasks of the other provinces (KeyError when not among them)."""
    by_id = {t.id: t for t in texts}
    task = by_id[task_id]
    return task, similar_tasks(task, texts)


@dataclass
class ProvinceFigures:
    province_id: int
    name: str
    plans: int = 0
    tasks: int = 0
    overdue_tasks: int = 0
    expected: int = 0
    arrived_percent: Decimal | None = None
    on_time_percent: Decimal | None = None
    accepted: int = 0
    targets: dict[str, int] = field(default_factory=dict)  # status label → count
    target_lines: list[dict[str, Any]] = field(default_factory=list)
    instruments: int = 0
    instruments_overdue: int = 0
    complaints: int = 0
    complaints_handled_share: Decimal | None = None


def _targets(user: AnyUser, plan_id: int, year: int) -> list[dict[str, Any]]:
    period = (
        periods_visible_to(user)
        .filter(plan_id=plan_id, year=year, kind="annual")
        .order_by("-pk")
        .first()
    )
    if period is None:
        return []
    lines: list[Any] = list(collect_synthesis_data(period).get("indicators", []))
    return lines


def side_by_side(user: AnyUser, *, year: int, today: dt.date) -> list[ProvinceFigures]:
    plans = {p.province_id: p for p in latest_plans(user)}
    result = []
    for row in provinces_side_by_side(year=year, today=today):
        figures = ProvinceFigures(
            province_id=row.province_id,
            name=row.name,
            plans=row.plans,
            tasks=row.tasks,
            overdue_tasks=row.overdue_tasks,
            expected=row.expected,
            arrived_percent=row.arrived_percent,
            on_time_percent=row.on_time_percent,
            accepted=row.accepted,
        )
        if row.province_id in plans:
            figures.target_lines = _targets(user, plans[row.province_id].plan_id, year)
            figures.targets = dict(Counter(line["status"] for line in figures.target_lines))
        board = province_dashboard(row.province_id, today=today)
        figures.instruments = board.total
        figures.instruments_overdue = board.overdue
        stats = complaint_statistics(
            province_id=row.province_id, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
        )
        figures.complaints = stats.received
        figures.complaints_handled_share = stats.handled_share
        result.append(figures)
    return result
