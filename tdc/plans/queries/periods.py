"""Reads about reporting periods: the deadlines a plan states, the dates and titles of a period, the reports a period expects, who is late."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.text import fold
from tdc.plans.models import (
    Assignment,
    Plan,
    ProgressReport,
    ReportingDeadline,
    ReportingPeriod,
)

Kind = ReportingPeriod.Kind

FALLBACK_DEADLINE = (30, 11)  # when a plan names no reporting day: the most common one in the seeds


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def end_of_day(day: dt.date) -> dt.datetime:
    """The last second of `day` in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _names_dost(text: str) -> bool:
    key = fold(text).replace("&", "").replace("-", "")
    return "khoa hoc va cong nghe" in key or "khcn" in key.split()


def agency_deadline(plan: Plan, recurrence: str | None = None) -> ReportingDeadline | None:
    """The plan's "agencies report to DoST before DD/MM" duty, if it states one (of the given
    recurrence, when one is asked for)."""
    for deadline in plan.reporting_deadlines.all():
        if recurrence is not None and deadline.recurrence != recurrence:
            continue
        if _names_dost(deadline.to) and not _names_dost(deadline.who):
            return deadline
    return None


def dost_deadline(plan: Plan) -> ReportingDeadline | None:
    """The plan's "DoST reports to the People's Committee before DD/MM" duty."""
    for deadline in plan.reporting_deadlines.all():
        if _names_dost(deadline.who) and not _names_dost(deadline.to):
            return deadline
    return None


def day_in(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def period_bounds(kind: str, year: int, number: int) -> tuple[dt.date, dt.date]:
    """The dates a period covers."""
    if kind == Kind.SEMIANNUAL:
        first_month = 1 if number == 1 else 7
        return dt.date(year, first_month, 1), day_in(year, first_month + 5, 31)
    if kind == Kind.QUARTERLY:
        first_month = (number - 1) * 3 + 1
        return dt.date(year, first_month, 1), day_in(year, first_month + 2, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def default_title(kind: str, year: int, number: int) -> str:
    if kind == Kind.SEMIANNUAL:
        half = _("6 tháng đầu năm") if number == 1 else _("6 tháng cuối năm")
        return _("Báo cáo %(half)s %(year)s") % {"half": half, "year": year}
    if kind == Kind.QUARTERLY:
        return _("Báo cáo quý %(quarter)s/%(year)s") % {"quarter": ROMAN[number], "year": year}
    if kind == Kind.AD_HOC:
        return _("Báo cáo đột xuất số %(number)s/%(year)s") % {"number": number, "year": year}
    return _("Báo cáo năm %(year)s") % {"year": year}


PERIOD_MONTHS = {Kind.SEMIANNUAL: 6, Kind.QUARTERLY: 3}


def default_deadline(plan: Plan, kind: str, year: int, number: int) -> dt.date:
    """The plan's reporting day for this period.

    Yearly: the stated day and month. Six-monthly or quarterly: when the plan states a deadline
    of that recurrence, the same distance from each period's end as its first date is from the
    first period's ("15/03" quarterly: the 15th of each quarter's last month; "10/04": the 10th
    of the month after each quarter); otherwise the stated day in the period's last month.
    """
    if kind == Kind.ANNUAL:
        stated = agency_deadline(plan)
        day, month = (stated.day, stated.month) if stated is not None else FALLBACK_DEADLINE
        return day_in(year, month, day)
    _start, end = period_bounds(kind, year, number)
    length = PERIOD_MONTHS[Kind(kind)]
    own = agency_deadline(plan, recurrence=kind)
    if own is not None:
        offset = own.month - length  # months after the first period's last month
        month_index = end.month - 1 + offset
        return day_in(end.year + month_index // 12, month_index % 12 + 1, own.day)
    stated = agency_deadline(plan)
    day = stated.day if stated is not None else FALLBACK_DEADLINE[0]
    return day_in(end.year, end.month, day)


def expected_assignments(period: ReportingPeriod) -> QuerySet[Assignment]:
    assignments = Assignment.objects.filter(
        task__plan_id=period.plan_id, is_active=True, task__is_active=True
    )
    if period.organisations.exists():
        assignments = assignments.filter(organisation__in=period.organisations.all())
    return assignments


def organisation_is_late(period: ReportingPeriod, organisation_id: int) -> bool:
    """Has the organisation missed the on-time cut-off with at least one expected report?"""
    reports = ProgressReport.objects.expected().filter(
        period=period, organisation_id=organisation_id
    )
    late = reports.filter(first_submitted_at__gt=period.on_time_cutoff).exists()
    missing = (
        timezone.now() > period.on_time_cutoff
        and reports.filter(first_submitted_at__isnull=True).exists()
    )
    return late or missing


# --- DoST's own deadlines ------------------------------------------------------------------------


@dataclass(frozen=True)
class DostDeadline:
    """A report DoST itself owes (the synthesis to the People's Committee, to the Ministry)."""

    period: ReportingPeriod
    to: str
    due: dt.date
    done: bool  # the period's synthesis is final

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days


def dost_deadlines(
    plans: QuerySet[Plan], *, today: dt.date, window_days: int = 60
) -> list[DostDeadline]:
    """DoST's reporting duties of the given plans for their open yearly periods: every
    "Sở KH&CN báo cáo … trước ngày DD/MM" the plan states, dated in the period's year, from
    `window_days` ago on; earliest first."""
    from tdc.plans.models import Synthesis

    periods = ReportingPeriod.objects.filter(
        plan__in=plans, kind=Kind.ANNUAL, year__gte=today.year - 1
    ).select_related("plan")
    final = set(
        Synthesis.objects.filter(period__in=periods, status=Synthesis.Status.FINAL).values_list(
            "period_id", flat=True
        )
    )
    found: list[DostDeadline] = []
    for period in periods:
        for deadline in period.plan.reporting_deadlines.all():
            to_dost = _names_dost(deadline.to) and not fold(deadline.to).startswith("bo ")
            if not _names_dost(deadline.who) or to_dost:
                continue
            due = day_in(period.year, deadline.month, deadline.day)
            if due < period.deadline:
                continue  # before the agencies' own deadline: not this period's synthesis
            if (today - due).days > window_days:
                continue
            found.append(
                DostDeadline(
                    period=period,
                    to=deadline.to or _("UBND tỉnh"),
                    due=due,
                    done=period.pk in final,
                )
            )
    return sorted(found, key=lambda d: (d.due, d.period.pk))
