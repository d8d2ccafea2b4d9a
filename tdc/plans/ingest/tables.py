"""Appendix tables ("PHỤ LỤC ... PHÂN CÔNG"): columns by header name, groups, tasks.

Columns are recognised by their header text, in any order: "TT"/"STT" (number), "Nội dung" /
"Nhiệm vụ" (content), "... chủ trì" (lead), "... phối hợp" (partners), "Thời gian" / "Tiến độ"
(timeline), "Kinh phí" / "Nguồn vốn" (funding). A two-row header ("Cơ quan thực hiện" over
"Chủ trì | Phối hợp") is merged.

Rows: a row whose number is one level above the others (Roman "I", or "1" over "1.1") and that
assigns nobody is a group; a row with an empty number cell continues the previous row (every
cell is appended), unless it has its own lead and timeline, in which case it is a separate task
with no number. A malformed group row "IV Tăng cường ..." (number and title in one cell) is split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tdc.core.text import fold

from .model import ParsedTask, ParsedTaskGroup
from .text import collapse, ends_terminal, html_paragraphs, strip_html
from .units import split_units

FIELDS = ("number", "content", "lead", "partners", "timeline", "funding")
_ROMAN_RE = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_GROUP_IN_CELL_RE = re.compile(
    r"^((?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})|\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(\S.*)$"
)
HEADER_SEARCH_ROWS = 4  # a task table's header starts in one of its first rows
_COLUMN_NUMBER_RE = re.compile(r"^\(?\d{1,2}\)?$|^\([a-z]\)$")
_LEADING_BULLET_RE = re.compile(r"^[-–—+•]\s*")


def _header_field(cell: str) -> str | None:
    key = fold(strip_html(cell).replace(".", " "))
    if not key:
        return None
    if "chu tri" in key:
        return "lead"
    if "phoi hop" in key:
        return "partners"
    if re.fullmatch(r"s?tt|so tt|so thu tu|tt muc|muc", key):
        return "number"
    if re.search(r"\b(?:thoi gian|thoi han|tien do|thoi diem|moc thoi gian)\b", key):
        return "timeline"
    if re.search(r"\b(?:kinh phi|nguon von|du toan|nguon kinh phi)\b", key):
        return "funding"
    if re.search(r"\b(?:noi dung|nhiem vu|giai phap|hoat dong|cong viec|ten)\b", key):
        return "content"
    if re.search(r"\b(?:co quan|don vi|trach nhiem)\b.*\bthuc hien\b|\bthuc hien\b", key):
        return "lead_generic"
    return None


@dataclass
class ColumnMap:
    columns: dict[str, int] = field(default_factory=dict)

    def get(self, name: str) -> int | None:
        return self.columns.get(name)


def find_header(rows: list[list[str]]) -> tuple[int, int, ColumnMap] | None:
    """(index of the first header row, number of header rows, columns) or None."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        labels = list(row)
        span = 1
        if index + 1 < len(rows):
            following = rows[index + 1]
            kinds = [_header_field(c) for c in following if c.strip()]
            if kinds and all(k in ("lead", "partners") for k in kinds):
                labels = [
                    f"{a} {b}".strip()
                    for a, b in zip(row + [""] * len(following), following, strict=False)
                ]
                span = 2
        columns: dict[str, int] = {}
        generic: int | None = None
        for position, cell in enumerate(labels):
            kind = _header_field(cell)
            if kind == "lead_generic":
                generic = position if generic is None else generic
            elif kind is not None and kind not in columns:
                columns[kind] = position
        if "lead" not in columns and generic is not None:
            columns["lead"] = generic
        if "content" in columns and ("lead" in columns or "partners" in columns):
            return index, span, ColumnMap(columns)
    return None


@dataclass
class _Row:
    number: str
    cells: dict[str, list[str]]

    def text(self, name: str) -> str:
        return collapse(" ".join(self.cells.get(name, [])))

    def merge(self, other: _Row) -> None:
        for name, paragraphs in other.cells.items():
            if not paragraphs:
                continue
            mine = self.cells.setdefault(name, [])
            if mine:
                mine[-1] = f"{mine[-1]} {paragraphs[0]}"
                mine.extend(paragraphs[1:])
            else:
                mine.extend(paragraphs)

    def assigns_nobody(self) -> bool:
        return not any(self.text(n) for n in ("lead", "partners", "timeline", "funding"))


def _level(number: str) -> int | None:
    if not number:
        return None
    if _ROMAN_RE.match(number):
        return 0
    if re.fullmatch(r"[A-H]", number):
        return 0
    if re.fullmatch(r"\d{1,3}", number):
        return 1
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})+", number):
        return 1 + number.count(".")
    if re.fullmatch(r"[a-zđ]", number):
        return 6
    if re.fullmatch(r"[-–+•*]", number):
        return 7
    return None


def _make_row(cells: list[str], columns: ColumnMap) -> _Row:
    def paragraphs(name: str) -> list[str]:
        position = columns.get(name)
        if position is None or position >= len(cells):
            return []
        return html_paragraphs(cells[position], keep_spaces=name in ("lead", "partners"))

    number = collapse(" ".join(paragraphs("number"))).rstrip(".)").strip()
    row = _Row(number=number, cells={n: paragraphs(n) for n in FIELDS if n != "number"})
    filled = [n for n in FIELDS[2:] if row.text(n)]
    if not row.text("content") and number and len(filled) == 1:
        # A group title typed into whichever cell follows the number ("| 1 | **Title** | | |").
        row.cells["content"], row.cells[filled[0]] = row.cells[filled[0]], []
    content = row.text("content")
    if columns.get("number") is None:
        return row
    if number and not content and _level(number) is None:
        malformed = _GROUP_IN_CELL_RE.match(number)
        if malformed:
            row.number = malformed.group(1)
            row.cells["content"] = [malformed.group(2)]
    elif not number and content and row.assigns_nobody():
        malformed = _GROUP_IN_CELL_RE.match(content)
        if malformed and _ROMAN_RE.match(malformed.group(1)):
            row.number = malformed.group(1)
            row.cells["content"] = [malformed.group(2)]
    return row


@dataclass
class TaskTable:
    groups: list[ParsedTaskGroup]
    tasks: list[ParsedTask]
    columns: ColumnMap
    width: int


def is_noise_row(row: list[str], header: list[str]) -> bool:
    cells = [strip_html(c) for c in row]
    filled = [c for c in cells if c]
    if not filled:
        return True
    if len(filled) >= 3 and all(_COLUMN_NUMBER_RE.match(c) for c in filled):
        return True
    return [fold(c) for c in cells] == [fold(strip_html(c)) for c in header]


def parse_task_table(rows: list[list[str]]) -> TaskTable | None:
    """Parse a table whose header names a content column and a lead or partner column."""
    found = find_header(rows)
    if found is None:
        return None
    start, span, columns = found
    header = rows[start]
    body = [r for r in rows[start + span :] if not is_noise_row(r, header)]
    return build_table(body, columns, header, width=max(len(r) for r in rows))


def _unnumbered_group_title(
    content: str, last: _Row | ParsedTaskGroup | None, nxt: _Row | None
) -> bool:
    """A row without a number that titles the numbered rows after it (not a continuation).

    It starts with a capital letter (not a "- " sub-item), the row before it ended a sentence,
    it is short and does not end with a full stop, and a numbered row follows.
    """
    if nxt is None or not nxt.number or not content[:1].isupper() or len(content) > 200:
        return False
    if content.endswith((".", ";")):
        return False
    if isinstance(last, _Row):
        return ends_terminal(last.text("content"))
    return True


def build_table(
    body: list[list[str]], columns: ColumnMap, header: list[str], width: int
) -> TaskTable:
    records = [_make_row(cells, columns) for cells in body]
    levels = [lvl for lvl in (_level(r.number) for r in records) if lvl is not None]
    group_level: int | None = None
    if levels and min(levels) < max(levels):
        group_level = min(levels)
    groups: list[ParsedTaskGroup] = []
    tasks: list[ParsedTask] = []
    rows_of_tasks: list[_Row] = []
    current_group: str | None = None
    last: _Row | ParsedTaskGroup | None = None
    has_timeline = columns.get("timeline") is not None
    for index, row in enumerate(records):
        level = _level(row.number)
        content = row.text("content")
        is_group = False
        if group_level is not None and level == group_level:
            nxt = records[index + 1] if index + 1 < len(records) else None
            deeper_follows = nxt is not None and (_level(nxt.number) or 99) > group_level
            is_group = row.assigns_nobody() or deeper_follows
        elif group_level is None and content and row.assigns_nobody():
            nxt = records[index + 1] if index + 1 < len(records) else None
            is_group = nxt is not None and not nxt.assigns_nobody()
            if level is None and columns.get("number") is not None:
                is_group = is_group and _unnumbered_group_title(content, last, nxt)
        if is_group:
            number = row.number or (None if columns.get("number") is None else str(len(groups) + 1))
            group = ParsedTaskGroup(number=number, title=content)
            groups.append(group)
            current_group = group.number
            last = group
            continue
        if not row.number and columns.get("number") is not None and last is not None:
            own = bool(row.text("lead")) and (bool(row.text("timeline")) or not has_timeline)
            if not (own and content):
                if isinstance(last, ParsedTaskGroup):
                    last.title = collapse(f"{last.title} {content}")
                else:
                    last.merge(row)
                continue
        if not content and not row.text("lead"):
            continue
        rows_of_tasks.append(row)
        tasks.append(
            ParsedTask(group=current_group, number=row.number or None, content="", source="table")
        )
        last = row
    for task, row in zip(tasks, rows_of_tasks, strict=True):
        task.content = _LEADING_BULLET_RE.sub("", row.text("content"))
        task.lead = split_units("\n".join(row.cells.get("lead", [])))
        task.partners = split_units("\n".join(row.cells.get("partners", [])))
        task.timeline = row.text("timeline") or None
        task.funding = row.text("funding") or None
    return TaskTable(groups=groups, tasks=tasks, columns=columns, width=width)
