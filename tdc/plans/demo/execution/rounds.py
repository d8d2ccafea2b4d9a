"""Opening the demo's reporting round: the story's calendar, moved to the day the demo runs, the
quarter's round (or the next one once its deadline has passed) and the officer's assignment
deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from tdc.accounts.models import User
from tdc.core.workdays import add_working_days
from tdc.plans.demo.execution.cast import KHANH_HOA
from tdc.plans.models import Assignment, Plan, ReportingPeriod
from tdc.plans.queries.periods import ROMAN, default_deadline
from tdc.plans.services import periods

HANOI = dt.timezone(dt.timedelta(hours=7))

# Days off of 2026 that the Labour Code's fixed dates do not cover (Government's 2026 calendar).
HOLIDAYS_2026 = [
    *[(dt.date(2026, 2, day), "Tết Nguyên đán Bính Ngọ") for day in range(16, 21)],
    (dt.date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương"),
]


# The story was first told on 19/11/2026: each of its days keeps its distance from that day.
STORY_DAY = dt.date(2026, 11, 19)
# How long before the day it runs the demo's round was opened, and how many working days ahead
# its deadline lies.
ROUND_OPENED_DAYS_AGO = 40
ROUND_WORKING_DAYS_AHEAD = 8
AD_HOC_OPENED_DAYS_AGO = 25


@dataclass(frozen=True)
class Clock:
    """The story's calendar, moved so that its last day is the day before `today`."""

    today: dt.date

    def day(self, month: int, day: int) -> dt.date:
        return self.today - (STORY_DAY - dt.date(2026, month, day))

    def at(self, month: int, day: int, hour: int = 9) -> dt.datetime:
        return dt.datetime.combine(self.day(month, day), dt.time(hour), tzinfo=HANOI)

    def ago(self, days: int, hour: int = 9) -> dt.datetime:
        return dt.datetime.combine(
            self.today - dt.timedelta(days=days), dt.time(hour), tzinfo=HANOI
        )


def khanh_hoa_2026() -> Plan | None:
    """The seed plan 002 (Khánh Hòa, 2026), once the plan import has brought it in."""
    return (
        Plan.objects.filter(province_id=KHANH_HOA)
        .filter(Q(year=2026) | Q(title__contains="2026") | Q(source_filename__startswith="002_"))
        .order_by("-year", "pk")
        .first()
    )


def set_deadlines(period: ReportingPeriod, clock: Clock) -> None:
    """An officer's deadline for four assignments, past by now, so that the four statuses all
    show (three overdue, one completed late)."""
    for name, number, due in (
        ("Sở Công Thương", "2.2", clock.day(9, 30)),
        ("Sở Tài chính", "2.5", clock.day(10, 31)),
        ("Sở Khoa học và Công nghệ", "2.1", clock.day(9, 30)),
        ("Sở Khoa học và Công nghệ", "2.2", clock.day(9, 30)),
    ):
        Assignment.objects.filter(
            task__plan=period.plan,
            task__number=number,
            organisation__name=name,
            due_date__isnull=True,
        ).update(due_date=due)


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _next_quarter(year: int, number: int) -> tuple[int, int]:
    return (year + 1, 1) if number == 4 else (year, number + 1)


def current_round(plan: Plan, officer: User, today: dt.date) -> tuple[ReportingPeriod, bool]:
    """The quarterly round in progress, and whether it is the one the story is told in.

    The first run opens the quarter in which the round was asked for, 40 days ago, due 8
    working days from today. A later run finds it, or, once its deadline has passed, opens the
    next quarter's round with the plan's own quarterly deadline (never less than 8 working days
    ahead), without a story: what was played stays in the earlier round.
    """
    quarterly = ReportingPeriod.Kind.QUARTERLY
    opened_on = today - dt.timedelta(days=ROUND_OPENED_DAYS_AGO)
    first = _quarter(opened_on)
    year, number = first
    while True:
        existing = ReportingPeriod.objects.filter(
            plan=plan, kind=quarterly, year=year, number=number
        ).first()
        if existing is None:
            break
        if existing.deadline >= today:
            return existing, (year, number) == first
        year, number = _next_quarter(year, number)
    ahead = add_working_days(today, ROUND_WORKING_DAYS_AHEAD)
    story = (year, number) == first
    deadline = ahead if story else max(ahead, default_deadline(plan, quarterly, year, number))
    period = periods.open_period(
        plan,
        kind=quarterly,
        year=year,
        number=number,
        by=officer,
        opened_on=opened_on if story else today,
        deadline=deadline,
        request=(
            f"Đề nghị các cơ quan, đơn vị báo cáo kết quả thực hiện Kế hoạch quý "
            f"{ROMAN[number]} năm {year} trước ngày {deadline:%d/%m/%Y}."
        ),
    )
    return period, story
