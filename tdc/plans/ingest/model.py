"""The parsed structure of a plan, and its JSON shapes (gold shape and full shape)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CONTENT_START_LENGTH = 60
TARGET_TEXT_LENGTH = 80


@dataclass
class ParsedTaskGroup:
    """A group of tasks: a numbered heading of the task section or a group row of a table."""

    number: str | None
    title: str


@dataclass
class ParsedTask:
    """One task. ``content`` is the full whitespace-collapsed text, without marker or label."""

    group: str | None
    number: str | None
    content: str
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    timeline: str | None = None
    funding: str | None = None
    source: str = "prose"  # "prose" (a bullet or lettered item) or "table" (an appendix row)

    @property
    def content_start(self) -> str:
        """The first 60 code points of ``content`` (not trimmed again)."""
        return self.content[:CONTENT_START_LENGTH]


@dataclass
class ParsedDuty:
    """One numbered heading of "TỔ CHỨC THỰC HIỆN": the unit and how many items it lists."""

    unit: str
    count: int
    items: list[str] = field(default_factory=list)


@dataclass
class ParsedTarget:
    """A numeric target. ``text`` is the full item text; the gold shape keeps 80 characters."""

    text: str
    value: int | float
    unit: str
    comparator: str
    period: str | None

    @property
    def text_start(self) -> str:
        return self.text[:TARGET_TEXT_LENGTH]


@dataclass
class ParsedDeadline:
    """A "trước ngày DD/MM" reporting duty: who reports, to whom, when, how often."""

    who: str | None
    to: str | None
    day_month: str
    recurrence: str
    text: str = ""


@dataclass
class ParsedPlan:
    """Everything the parser extracts from one plan document."""

    issuer: str | None = None
    locality: str | None = None
    title: str | None = None
    doc_number: str | None = None
    doc_date: str | None = None
    references: list[str] = field(default_factory=list)
    task_groups: list[ParsedTaskGroup] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    duties: list[ParsedDuty] = field(default_factory=list)
    targets: list[ParsedTarget] = field(default_factory=list)
    reporting_deadlines: list[ParsedDeadline] = field(default_factory=list)
    prose_task_count: int | None = None
    file: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_gold_dict(self) -> dict[str, Any]:
        """The exact shape of the seed ``*.gold.json`` files (JSON-serialisable)."""
        out: dict[str, Any] = {}
        if self.file is not None:
            out["file"] = self.file
        out.update(
            {
                "issuer": self.issuer,
                "locality": self.locality,
                "title": self.title,
                "doc_number": self.doc_number,
                "doc_date": self.doc_date,
                "references": list(self.references),
                "task_groups": [{"number": g.number, "title": g.title} for g in self.task_groups],
                "tasks": [
                    {
                        "group": t.group,
                        "number": t.number,
                        "content_start": t.content_start,
                        "lead": list(t.lead),
                        "partners": list(t.partners),
                        "timeline": t.timeline,
                        "funding": t.funding,
                    }
                    for t in self.tasks
                ],
            }
        )
        if self.prose_task_count is not None:
            out["prose_task_count"] = self.prose_task_count
        out["duties"] = [{"unit": d.unit, "count": d.count} for d in self.duties]
        out["targets"] = [
            {
                "text": t.text_start,
                "value": t.value,
                "unit": t.unit,
                "comparator": t.comparator,
                "period": t.period,
            }
            for t in self.targets
        ]
        out["reporting_deadlines"] = [
            {"who": d.who, "to": d.to, "day_month": d.day_month, "recurrence": d.recurrence}
            for d in self.reporting_deadlines
        ]
        out["notes"] = list(self.notes)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The full shape (gold keys plus full ``content``/``text`` and duty items)."""
        out = self.to_gold_dict()
        out["file"] = self.file
        out["prose_task_count"] = self.prose_task_count
        for task_out, task in zip(out["tasks"], self.tasks, strict=True):
            task_out["content"] = task.content
            task_out["source"] = task.source
        for target_out, target in zip(out["targets"], self.targets, strict=True):
            target_out["text"] = target.text
        for duty_out, duty in zip(out["duties"], self.duties, strict=True):
            duty_out["items"] = list(duty.items)
        for dl_out, dl in zip(out["reporting_deadlines"], self.reporting_deadlines, strict=True):
            dl_out["text"] = dl.text
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ParsedPlan:
        """Rebuild a plan from :meth:`to_dict` output, or from a gold-shaped dict.

        From a gold-shaped dict the task ``content`` is its ``content_start`` and a target's
        ``text`` is the 80-character start, so ``to_gold_dict()`` round-trips exactly.
        """
        return cls(
            issuer=_opt_str(data.get("issuer")),
            locality=_opt_str(data.get("locality")),
            title=_opt_str(data.get("title")),
            doc_number=_opt_str(data.get("doc_number")),
            doc_date=_opt_str(data.get("doc_date")),
            references=[str(r) for r in data.get("references") or []],
            task_groups=[
                ParsedTaskGroup(number=_opt_str(g.get("number")), title=str(g.get("title", "")))
                for g in data.get("task_groups") or []
            ],
            tasks=[_task_from_dict(t) for t in data.get("tasks") or []],
            duties=[
                ParsedDuty(
                    unit=str(d.get("unit", "")),
                    count=int(d.get("count", 0)),
                    items=[str(i) for i in d.get("items") or []],
                )
                for d in data.get("duties") or []
            ],
            targets=[
                ParsedTarget(
                    text=str(t.get("text", "")),
                    value=_number(t.get("value", 0)),
                    unit=str(t.get("unit", "")),
                    comparator=str(t.get("comparator", "=")),
                    period=_opt_str(t.get("period")),
                )
                for t in data.get("targets") or []
            ],
            reporting_deadlines=[
                ParsedDeadline(
                    who=_opt_str(d.get("who")),
                    to=_opt_str(d.get("to")),
                    day_month=str(d.get("day_month", "")),
                    recurrence=str(d.get("recurrence", "once")),
                    text=str(d.get("text", "")),
                )
                for d in data.get("reporting_deadlines") or []
            ],
            prose_task_count=_opt_int(data.get("prose_task_count")),
            file=_opt_str(data.get("file")),
            notes=[str(n) for n in data.get("notes") or []],
        )


def _task_from_dict(data: Mapping[str, Any]) -> ParsedTask:
    content = data.get("content")
    if content is None:
        content = data.get("content_start", "")
    return ParsedTask(
        group=_opt_str(data.get("group")),
        number=_opt_str(data.get("number")),
        content=str(content),
        lead=_str_list(data.get("lead")),
        partners=_str_list(data.get("partners")),
        timeline=_opt_str(data.get("timeline")),
        funding=_opt_str(data.get("funding")),
        source=str(data.get("source", "prose")),
    )


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _opt_int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool | int | float | str):
        return int(value)
    raise TypeError(f"not an integer: {value!r}")


def _str_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence):
        return [str(v) for v in value]
    raise TypeError(f"not a list of strings: {value!r}")


def _number(value: object) -> int | float:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | str):
        number = float(value)
        return int(number) if number.is_integer() else number
    raise TypeError(f"not a number: {value!r}")
