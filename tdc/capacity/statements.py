"""Figures the agencies' progress reports state in words ("Số lớp tập huấn: 3 lớp", "Đã tổ
chức 02 hội nghị", "tập huấn cho 150 lượt doanh nghiệp"), recognised and summed per figure,
per reporting period and per agency: a proposal the DoST officer reads beside the figure the
registers compute, never added to it by itself.

Reports are read through the plans' door (`tdc.plans.access`): the reports the officer may
see, and of each the last version sent to DoST. Two rules keep a figure from counting twice:
- within one report, its "Số liệu" lines (label: value unit) are the report's own summary of
  its results, so a figure stated there is not read again from the free text;
- an event the report points at (`EventReportLink`) is already in the computed figure: the
  report's stated number of forums or conferences is reduced by the events it points at.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from tdc.accounts.http import AnyUser
from tdc.capacity.models import Audience, Event, EventReportLink
from tdc.core.metrics import MetricScope
from tdc.core.text import fold

# A number as people type it: "3", "02", "1.500" (thousands).
_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"

_AUDIENCE_NOUNS: dict[str, str] = {
    Audience.COMMUNE: r"can bo (cap )?xa",
    Audience.OFFICIALS: r"(can bo|cong chuc|vien chuc)",
    Audience.BUSINESSES: r"(doanh nghiep|co so san xuat|ho kinh doanh)",
    Audience.POLICE: r"cong an",
    Audience.MILITARY: r"(quan doi|bo doi|luc luong vu trang)",
    Audience.TEACHERS: r"giao vien",
    Audience.STUDENTS: r"(hoc sinh|sinh vien)",
}

# (metric key, the noun that follows the number), most specific first: the first that matches
# at a number claims it.
FIGURE_NOUNS: tuple[tuple[str, str], ...] = (
    *(
        (f"capacity.participants_{audience}", rf"(luot|nguoi|hoc vien)( nguoi)?( la)? {noun}")
        for audience, noun in _AUDIENCE_NOUNS.items()
    ),
    ("capacity.participants", r"(luot nguoi|luot hoc vien|hoc vien|luot)"),
    ("capacity.forums_held", r"dien dan"),
    ("capacity.courses_held", r"lop"),
    ("capacity.events_held", r"(hoi nghi|hoi thao|su kien|chien dich|dot truyen thong)"),
    ("capacity.equipment_bought", r"(trang thiet bi|thiet bi|bo (kit )?(thu|test) nhanh)"),
    ("capacity.programmes_under_way", r"(chuong trinh|de an)"),
)
_COMPILED = tuple(
    (key, re.compile(rf"(?<![\d.,]){_NUMBER} {noun}\b")) for key, noun in FIGURE_NOUNS
)
_LABELLED = tuple((key, re.compile(rf"^(tong )?so {noun}\b")) for key, noun in FIGURE_NOUNS)

# The reports DoST has received (not drafts, not those it returned).
SENT_STATES = ("submitted", "resubmitted", "accepted")


@dataclass(frozen=True)
class Statement:
    """One figure a report states."""

    key: str
    value: Decimal
    text: str  # the words it was read from
    from_figures: bool  # the report's "Số liệu" lines (else its free text)


@dataclass
class ReportReading:
    """What one report states, and what it adds once the events it points at are deducted."""

    report_id: int
    period_id: int
    period_title: str
    organisation_id: int
    organisation_name: str
    statements: list[Statement]
    linked: dict[str, int] = field(default_factory=dict)  # key → events already counted

    def stated(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for statement in self.statements:
            totals[statement.key] += statement.value
        return dict(totals)

    def proposed(self) -> dict[str, Decimal]:
        """Stated minus the events the report points at (never below zero)."""
        return {
            key: max(Decimal(0), value - self.linked.get(key, 0))
            for key, value in self.stated().items()
        }


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(".", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None


def _sentences(text: str) -> Iterable[str]:
    """Lines, and sentences within them (a full stop not between digits, a semicolon)."""
    for line in text.splitlines():
        yield from (part for part in re.split(r";|\.(?!\d)", line) if part.strip())


def read_text(text: str, *, from_figures: bool = False) -> list[Statement]:
    """Every figure a free text states: a number followed by what it counts."""
    found: list[Statement] = []
    for sentence in _sentences(text):
        folded = re.sub(r"\s+", " ", fold(sentence)).strip()
        claimed: list[tuple[int, int]] = []
        for key, pattern in _COMPILED:
            for match in pattern.finditer(folded):
                if any(start <= match.start() < end for start, end in claimed):
                    continue
                value = _number(match.group(1))
                if value is None:  # pragma: no cover
                    continue
                claimed.append((match.start(), match.end()))
                found.append(Statement(key, value, sentence.strip(), from_figures))
    return found


def read_figure(label: str, value: str, unit: str) -> list[Statement]:
    """One "Số liệu" line: its value and unit ("3 lớp"), else its label ("Số hội nghị: 2")."""
    text = f"{label}: {value} {unit}".strip()
    stated = read_text(f"{value} {unit}", from_figures=True)
    if stated:
        return [Statement(s.key, s.value, text, True) for s in stated]
    folded = re.sub(r"\s+", " ", fold(label)).strip()
    number = _number(value.split(".")[0]) if re.fullmatch(r"\d+(\.0+)?", value) else None
    for key, pattern in _LABELLED:
        if number is not None and pattern.search(folded):
            return [Statement(key, number, text, True)]
    return []


def read_content(results: str, figures: Sequence[dict[str, str]]) -> list[Statement]:
    """A report's statements: its "Số liệu" lines, then what its results text states of the
    figures those lines do not already give."""
    from_lines = [
        statement
        for line in figures
        for statement in read_figure(
            str(line.get("label", "")), str(line.get("value", "")), str(line.get("unit", ""))
        )
    ]
    given = {statement.key for statement in from_lines}
    return from_lines + [s for s in read_text(results) if s.key not in given]


def _linked_counts(report_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per report, how many of the events it points at each event figure already counts."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    links = EventReportLink.objects.filter(report_id__in=report_ids).values_list(
        "report_id", "event__kind"
    )
    for report_id, kind in links:
        key = "capacity.forums_held" if kind == Event.Kind.FORUM else "capacity.events_held"
        counts[report_id][key] += 1
    return counts


def readings_for(user: AnyUser | None, scope: MetricScope) -> list[ReportReading]:
    """The sent reports the user may read whose period overlaps the scope, each with what it
    states (only reports stating at least one figure)."""
    from tdc.plans.access import report_content_for_user, reports_visible_to

    reports = reports_visible_to(user).filter(
        state__in=SENT_STATES, period__start__lte=scope.end, period__end__gte=scope.start
    )
    if scope.province_id is not None:
        reports = reports.filter(period__plan__province_id=scope.province_id)
    readings: list[ReportReading] = []
    for report in reports.order_by("-period__end", "period_id", "organisation__name", "pk"):
        content = report_content_for_user(user, report)
        if content is None:
            continue
        statements = read_content(content["results"], list(content["figures"]))  # type: ignore[arg-type]
        if statements:
            readings.append(
                ReportReading(
                    report_id=report.pk,
                    period_id=report.period_id,
                    period_title=report.period.title,
                    organisation_id=report.organisation_id,
                    organisation_name=report.organisation.name,
                    statements=statements,
                )
            )
    linked = _linked_counts([reading.report_id for reading in readings])
    for reading in readings:
        reading.linked = dict(linked.get(reading.report_id, {}))
    return readings


@dataclass(frozen=True)
class AgencyLine:
    """One agency's figures in one period, summed over its reports."""

    organisation_name: str
    stated: dict[str, Decimal]
    proposed: dict[str, Decimal]
    readings: list[ReportReading]


@dataclass(frozen=True)
class PeriodLine:
    period_title: str
    agencies: list[AgencyLine]
    proposed: dict[str, Decimal]


def _sum(dicts: Iterable[dict[str, Decimal]]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for values in dicts:
        for key, value in values.items():
            totals[key] += value
    return dict(totals)


def by_period_and_agency(readings: list[ReportReading]) -> list[PeriodLine]:
    """Readings grouped per period (latest first) and per agency, with their sums."""
    periods: dict[int, list[ReportReading]] = defaultdict(list)
    titles: dict[int, str] = {}
    for reading in readings:
        periods[reading.period_id].append(reading)
        titles[reading.period_id] = reading.period_title
    lines = []
    for period_id, period_readings in periods.items():
        agencies: dict[int, list[ReportReading]] = defaultdict(list)
        for reading in period_readings:
            agencies[reading.organisation_id].append(reading)
        agency_lines = [
            AgencyLine(
                organisation_name=items[0].organisation_name,
                stated=_sum(r.stated() for r in items),
                proposed=_sum(r.proposed() for r in items),
                readings=items,
            )
            for items in agencies.values()
        ]
        lines.append(
            PeriodLine(
                period_title=titles[period_id],
                agencies=agency_lines,
                proposed=_sum(a.proposed for a in agency_lines),
            )
        )
    return lines


def proposed_totals(readings: list[ReportReading]) -> dict[str, Decimal]:
    """Per figure, what the reports add to the computed figure (the proposal)."""
    return _sum(reading.proposed() for reading in readings)
