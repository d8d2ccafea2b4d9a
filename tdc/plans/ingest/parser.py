"""Turn a read document into a :class:`ParsedPlan`.

Steps: resolve tables (task appendices vs. layout tables), clean the lines, find the title and
the body (from the title to "Nơi nhận"/the signature/"PHỤ LỤC"), build the outline, then read
the sections by their headings: tasks ("NHIỆM VỤ VÀ GIẢI PHÁP"), duties ("TỔ CHỨC THỰC
HIỆN"), targets ("MỤC TIÊU"/"CHỈ TIÊU"); reporting deadlines and references are searched in the
whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from tdc.core.text import fold

from . import errors
from .deadlines import find_deadlines, subject_of
from .errors import PlanParseError
from .metadata import END_OF_BODY_RE, find_issuer, find_number_and_date, find_title
from .model import (
    ParsedDeadline,
    ParsedDuty,
    ParsedPlan,
    ParsedTarget,
    ParsedTask,
    ParsedTaskGroup,
)
from .outline import (
    HEADING_KINDS,
    Node,
    OutlineOptions,
    build_outline,
    detect_wrapped,
    estimate_width,
    uses_caps_headings,
)
from .readers import RawDocument, TextLine, read_document, read_text
from .references import find_references
from .roles import extract_labels, extract_roles
from .tables import ColumnMap, TaskTable, build_table, find_header, is_noise_row
from .targets import (
    common_horizon,
    find_numeric_target,
    period_from_heading,
    period_from_item,
)
from .text import collapse, ends_terminal, html_paragraphs, strip_markdown
from .units import starts_new_body

# Thresholds of the parser.
MAX_HEADING_CHARS = 200  # a "heading" longer than this is a paragraph (or a task itself)
SENTENCE_CHARS = 150  # an item this long reads as a sentence; a target section's title is shorter
PDF_WIDTH_TOLERANCE = 0.85  # PDF lines wrap short of the estimated width
MAX_HEADER_LINES = 40  # without a title line, the header is at most the first 40 lines

# Section titles are matched on their folded form (`tdc.core.text.fold`: accent-free, lower-case).
_TASK_SECTION_RE = re.compile(r"^(?:cac |mot so |nhung )?(?:nhiem vu|giai phap|noi dung\b)")
_TASK_SECTION_ANYWHERE_RE = re.compile(r"\b(?:nhiem vu|giai phap)\b")
_DUTY_SECTION_RE = re.compile(
    r"^(?:to chuc thuc hien|trach nhiem thuc hien|phan cong (?:trach nhiem|nhiem vu|thuc hien)"
    r"|trach nhiem cua cac)"
)
_TARGET_SECTION_RE = re.compile(r"\b(?:muc tieu|chi tieu)\b")
_CLOSING_RE = re.compile(
    r"^(?:Trong quá trình|Quá trình|Trên đây|Trong thời gian|Yêu cầu|Các nhiệm vụ cụ thể|Giao\s|"
    r"Đề nghị các|Kế hoạch này|Ủy ban nhân dân tỉnh yêu cầu|UBND tỉnh yêu cầu|Căn cứ Kế hoạch này)"
)
_SECTION_KINDS = HEADING_KINDS | {"num", "num2", "num3"}
_DEPUTY_PREFIX_RE = re.compile(r"^(?:Đề nghị|đề nghị|Giao|giao|Yêu cầu)\s+(?=\S)")
_WHO_RE = re.compile(r"^(?:Giám đốc|Thủ trưởng|Chủ tịch|Lãnh đạo|Các|các)\b")


@dataclass
class _TableAcc:
    columns: ColumnMap
    header: list[str]
    body: list[list[str]] = field(default_factory=list)
    width: int = 0


@dataclass
class _Prepared:
    lines: list[str]
    ref_text: list[str]
    tables: list[_TableAcc]


def _prepare(raw: RawDocument) -> _Prepared:
    lines: list[str] = []
    ref_text: list[str] = []
    tables: list[_TableAcc] = []
    text_since_table = True
    clean_markdown = raw.source_format in ("txt", "md")
    for block in raw.blocks:
        if isinstance(block, TextLine):
            line = strip_markdown(block.text) if clean_markdown else block.text
            lines.append(line)
            ref_text.append(line)
            if line.strip():
                text_since_table = True
            continue
        rows = [r for r in block.rows if any(c.strip() for c in r)]
        if not rows:
            continue
        for row in rows:
            ref_text.extend(p for cell in row for p in html_paragraphs(cell))
        width = max(len(r) for r in rows)
        header = find_header(rows)
        if header is not None:
            start, span, columns = header
            body = [r for r in rows[start + span :] if not is_noise_row(r, rows[start])]
            previous_header = tables[-1].header if tables else None
            if (
                previous_header is not None
                and not text_since_table
                and [fold(c) for c in previous_header] == [fold(c) for c in rows[start]]
            ):
                tables[-1].body.extend(body)  # the same table, continued on the next page
            else:
                tables.append(
                    _TableAcc(columns=columns, header=rows[start], body=body, width=width)
                )
            text_since_table = False
            continue
        if tables and not text_since_table and abs(width - tables[-1].width) <= 1:
            previous = tables[-1]
            previous.body.extend(r for r in rows if not is_noise_row(r, previous.header))
            continue
        for row in rows:
            for cell in row:
                lines.extend(html_paragraphs(cell))
        text_since_table = True
    return _Prepared(lines=lines, ref_text=ref_text, tables=tables)


def _find_section(root: Node, pattern: re.Pattern[str], exclude: Node | None = None) -> Node | None:
    best: Node | None = None
    for node in root.walk():
        if node.kind not in _SECTION_KINDS or not node.children or _inside(node, exclude):
            continue
        title = node.text
        if len(title) > MAX_HEADING_CHARS or not pattern.search(fold(title)):
            continue
        if best is None or node.depth() < best.depth():
            best = node
    return best


def _inside(node: Node, section: Node | None) -> bool:
    return section is not None and (node is section or section in node.ancestors())


def _is_subheading(node: Node) -> bool:
    return (
        bool(node.item_children())
        and len(node.text) < MAX_HEADING_CHARS
        and not ends_terminal(node.text)
    )


def _make_task(node: Node, group: str | None, *, numbered: bool = True) -> ParsedTask:
    number = node.label if numbered and node.kind not in ("dash", "plus", "dot") else None
    return ParsedTask(group=group, number=number, content=node.full_text(), source="prose")


def _prose_tasks(section: Node) -> tuple[list[ParsedTaskGroup], list[ParsedTask]]:
    groups: list[ParsedTaskGroup] = []
    tasks: list[ParsedTask] = []
    last_direct: ParsedTask | None = None
    for child in section.children:
        if child.kind == "para":
            if last_direct is not None:
                last_direct.content = collapse(f"{last_direct.content} {child.full_text()}")
            continue
        items = child.item_children()
        is_task_itself = not items and (
            not child.children or ends_terminal(child.text) or len(child.text) > MAX_HEADING_CHARS
        )
        if is_task_itself:
            task = _make_task(child, None)
            tasks.append(task)
            last_direct = task
            continue
        last_direct = None
        group = ParsedTaskGroup(number=child.label, title=child.text)
        groups.append(group)
        members = child.children
        if items and all(_is_subheading(item) for item in items):
            members = [member for item in items for member in item.children]
        last: ParsedTask | None = None
        paragraphs: list[str] = []
        for member in members:
            if member.kind == "para":
                if last is not None:
                    last.content = collapse(f"{last.content} {member.full_text()}")
                else:
                    paragraphs.append(member.full_text())
                continue
            last = _make_task(member, group.number)
            tasks.append(last)
        if not items and paragraphs:
            tasks.append(
                ParsedTask(group=group.number, number=None, content=collapse(" ".join(paragraphs)))
            )
    for task in tasks:
        task.lead, task.partners = extract_roles(task.content)
        task.timeline, task.funding = extract_labels(task.content)
    return groups, tasks


_DUTY_VERB_RE = re.compile(
    r"\s(?:là|chủ trì|có trách nhiệm|chịu trách nhiệm|căn cứ|phối hợp|tổ chức|thực hiện|"
    r"theo dõi|tham mưu|triển khai|xây dựng|hướng dẫn|chỉ đạo|bố trí|tăng cường|đẩy mạnh|"
    r"rà soát|kiểm tra|tuyên truyền|phổ biến|nghiên cứu|đề xuất|cân đối|tổng hợp)\b"
)


def _split_duty_heading(text: str, *, sentence: bool = False) -> tuple[str, str]:
    """(unit, inline body) of a duty heading: "Sở Tài chính: Bố trí ..." → unit, body.

    With ``sentence`` (the heading has nothing under it and reads as a sentence: "Sở Tài chính
    bố trí kinh phí ..."), the unit is the subject before the first verb.
    """
    match = re.match(r"^(?P<unit>[^:]{2,250}?)\s*:\s*(?P<body>.*)$", text)
    if match:
        unit = match.group("unit")
        if len(unit.split()) <= 35 and not re.search(r"[.!?]\s", unit):
            return unit, match.group("body").strip()
    if sentence:
        subject = _DEPUTY_PREFIX_RE.sub("", text)
        words = re.match(r"^\S+(?:\s+\S+)?", subject)
        verb = _DUTY_VERB_RE.search(subject, words.end() if words else 0)
        if verb and (starts_new_body(subject) or _WHO_RE.match(subject)):
            unit = subject[: verb.start()].strip(" ,")
            return unit, subject[verb.start() :].strip()
    return text, ""


def _reads_as_sentence(node: Node) -> bool:
    return not node.children and (ends_terminal(node.text) or len(node.text) > SENTENCE_CHARS)


def _duty_unit(node: Node) -> str:
    unit, _ = _split_duty_heading(node.text, sentence=_reads_as_sentence(node))
    return _DEPUTY_PREFIX_RE.sub("", unit).strip(" .:;")


def _duties(section: Node) -> list[ParsedDuty]:
    duties: list[ParsedDuty] = []
    headings = [c for c in section.children if c.is_item]
    for position, child in enumerate(headings):
        _, body = _split_duty_heading(child.text, sentence=_reads_as_sentence(child))
        items = child.item_children()
        if items:
            count = len(items)
            texts = [item.raw_text() for item in items]
        else:
            paragraphs = [c for c in child.children if c.kind == "para"]
            if position == len(headings) - 1:
                # The section's closing paragraph, unless it is all the heading has.
                while (
                    paragraphs
                    and (body or len(paragraphs) > 1)
                    and _CLOSING_RE.match(paragraphs[-1].text)
                ):
                    paragraphs.pop()
            texts = ([body] if body else []) + [p.full_text() for p in paragraphs]
            count = len(texts)
        duties.append(ParsedDuty(unit=_duty_unit(child), count=count, items=texts))
    return duties


def _target_sections(root: Node, excluded: list[Node | None]) -> list[Node]:
    found: list[Node] = []
    for node in root.walk():
        if node.kind not in _SECTION_KINDS or not node.children:
            continue
        if any(_inside(node, section) for section in excluded) or any(
            _inside(node, section) for section in found
        ):
            continue
        title = node.text
        if len(title) <= SENTENCE_CHARS and _TARGET_SECTION_RE.search(fold(title)):
            found.append(node)
    return found


def _targets(section: Node) -> list[ParsedTarget]:
    """The numeric targets of a "MỤC TIÊU"/"CHỈ TIÊU" section.

    A target's period is, in order: what the item itself says ("hằng năm" → annual, "đến năm
    2030" → by 2030); what its nearest heading or lead-in paragraph ("Đến năm 2030, phấn đấu:")
    says; and, for items that still have none, the one horizon the section's items name (a
    section whose only stated year is "đến năm 2030" is a section to 2030).
    """
    targets: list[ParsedTarget] = []
    stated: list[str | None] = []

    def add(text: str, own_text: str, period: str | None) -> bool:
        numeric = find_numeric_target(own_text)
        if numeric is None:
            return False
        own = period_from_item(own_text)
        stated.append(own)
        targets.append(
            ParsedTarget(
                text=text,
                value=numeric.value,
                unit=numeric.unit,
                comparator=numeric.comparator,
                period=own or period,
            )
        )
        return True

    def candidate(node: Node, period: str | None) -> None:
        text = node.full_text()
        split = _target_clauses(text) if not node.children else None
        if split is not None:
            lead_in, clauses = split
            period = (period_from_heading(lead_in, is_section=True) if lead_in else None) or period
            for clause in clauses:
                add(clause, clause, period)
            return
        add(text, node.text or text, period)

    def visit(node: Node, period: str | None, is_section: bool) -> None:
        period = period_from_heading(node.text, is_section=is_section) or period
        for child in node.children:
            if child.kind == "para" and child.text.endswith(":") and not child.children:
                # A lead-in paragraph ("Đến năm 2030, phấn đấu đạt các mục tiêu sau:") sets the
                # period of the items after it.
                period = period_from_heading(child.text, is_section=True) or period
            if child.item_children() and find_numeric_target(child.text) is None:
                visit(child, period, False)
            else:
                candidate(child, period)

    headings = [c for c in section.children if c.item_children()]
    matching = [c for c in headings if _TARGET_SECTION_RE.search(fold(c.text[:SENTENCE_CHARS]))]
    mixed = re.search(r"muc dich|yeu cau|nhiem vu|giai phap|quan diem", fold(section.text))
    if mixed and matching:
        # "I. MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU": only its "Mục tiêu" sub-sections hold targets.
        period = period_from_heading(section.text, is_section=True)
        for heading in matching:
            visit(heading, period, False)
    else:
        visit(section, None, True)
    horizon = common_horizon(stated)
    for target in targets:
        if target.period is None:
            target.period = horizon
    return targets


_LEAD_IN_RE = re.compile(r"^(?P<lead>[^:;]{0,200}):\s*(?P<first>\S.*)$")


def _target_clauses(text: str) -> tuple[str | None, list[str]] | None:
    """(lead-in, clauses) of one paragraph stating several targets as ``;``-separated clauses
    ("Đến năm 2030, phấn đấu: tối thiểu 30% …; không dưới 50 …"), or None.

    Each clause that states a number is a target of its own; the lead-in before ":" sets their
    period. A clause keeps its words, its first letter capitalised, without the closing
    punctuation or an opening "và".
    """
    parts = [part.strip() for part in text.split(";")]
    if len(parts) < 2:
        return None
    lead_in: str | None = None
    opening = _LEAD_IN_RE.match(parts[0])
    if opening and find_numeric_target(opening.group("lead")) is None:
        lead_in, parts[0] = opening.group("lead"), opening.group("first")
    clauses: list[str] = []
    for part in parts:
        clause = re.sub(r"^(?:và|hoặc|[-–+•])\s+", "", part).rstrip(" .;,")
        if clause and find_numeric_target(clause) is not None:
            clauses.append(clause[:1].upper() + clause[1:])
    return (lead_in, clauses) if len(clauses) >= 2 else None


@dataclass
class _Context:
    task_section: Node | None
    duty_section: Node | None


def _who(node: Node, context: _Context) -> str | None:
    """Who reports: the duty heading above ``node``, or the lead of the task it belongs to."""
    chain = [node, *node.ancestors()]
    if context.duty_section is not None:
        for candidate in chain:
            if candidate.parent is context.duty_section and candidate.is_item:
                unit = _duty_unit(candidate)
                if starts_new_body(unit) or _WHO_RE.match(unit):
                    return unit
                intro = next((c for c in candidate.children if c.kind == "para"), None)
                subject = subject_of(intro.text) if intro is not None else None
                return subject or unit
    if context.task_section is not None and _inside(node, context.task_section):
        for candidate in chain:
            if candidate.is_item and candidate.parent is not None:
                lead, _ = extract_roles(candidate.full_text())
                if lead:
                    return "; ".join(lead)
    return None


def _deadlines(root: Node, context: _Context) -> list[ParsedDeadline]:
    out: list[ParsedDeadline] = []
    for node in root.walk():
        if node.kind == "root" or not node.lines:
            continue
        for hit in find_deadlines(node.text):
            out.append(
                ParsedDeadline(
                    who=hit.who or _who(node, context),
                    to=hit.to,
                    day_month=hit.day_month,
                    recurrence=hit.recurrence,
                    text=hit.sentence,
                )
            )
    return out


def _table_tasks(tables: list[_TableAcc]) -> TaskTable | None:
    merged: TaskTable | None = None
    for acc in tables:
        table = build_table(acc.body, acc.columns, acc.header, acc.width)
        if not table.tasks:
            continue
        if merged is None:
            merged = table
        else:
            merged.groups.extend(table.groups)
            merged.tasks.extend(table.tasks)
    return merged


def _candidate_tasks(
    root: Node, *, exclude: Node | None
) -> tuple[list[ParsedTaskGroup], list[ParsedTask]]:
    """Every section's numbered and lettered items, read as the task section would be."""
    groups: list[ParsedTaskGroup] = []
    tasks: list[ParsedTask] = []
    for section in root.children:
        if section is exclude or section.kind == "para" or not section.item_children():
            continue
        found_groups, found_tasks = _prose_tasks(section)
        groups.extend(found_groups)
        tasks.extend(found_tasks)
    return groups, tasks


def parse_raw(raw: RawDocument) -> ParsedPlan:
    """Parse a document already read by :mod:`readers`."""
    prepared = _prepare(raw)
    lines = prepared.lines
    wrapped = raw.wrapped if raw.wrapped is not None else detect_wrapped(lines)
    width = estimate_width(lines) if wrapped else 0
    tolerance = PDF_WIDTH_TOLERANCE if raw.source_format == "pdf" else 1.0
    title = find_title(lines, wrapped)
    body_end = len(lines)
    for index in range(title.body_start, len(lines)):
        if END_OF_BODY_RE.match(collapse(lines[index])):
            body_end = index
            break
    body = [(i, lines[i]) for i in range(title.body_start, body_end)]
    options = OutlineOptions(
        wrapped=wrapped,
        width=width,
        tolerance=tolerance,
        caps_headings=uses_caps_headings([line for _, line in body]),
    )
    root = build_outline(body, options)

    duty_section = _find_section(root, _DUTY_SECTION_RE)
    task_section = _find_section(root, _TASK_SECTION_RE) or _find_section(
        root, _TASK_SECTION_ANYWHERE_RE, exclude=duty_section
    )
    groups: list[ParsedTaskGroup] = []
    tasks: list[ParsedTask] = []
    if task_section is not None:
        groups, tasks = _prose_tasks(task_section)
    plan = ParsedPlan(title=title.title)
    table = _table_tasks(prepared.tables)
    if table is not None:
        plan.task_groups, plan.tasks = table.groups, table.tasks
        plan.prose_task_count = len(tasks) or None
    elif tasks:
        plan.task_groups, plan.tasks = groups, tasks
    else:
        # No task section: offer the numbered and lettered items as candidate tasks, with a
        # warning, for the officer to correct; a document without any item is not a plan.
        groups, tasks = _candidate_tasks(root, exclude=duty_section)
        if not tasks:
            raise PlanParseError("no_tasks", errors.NO_TASKS)
        plan.task_groups, plan.tasks = groups, tasks
        plan.notes.append(errors.CANDIDATE_TASKS)

    context = _Context(task_section=task_section, duty_section=duty_section)
    if duty_section is not None:
        plan.duties = _duties(duty_section)
    for section in _target_sections(root, [task_section, duty_section]):
        plan.targets.extend(_targets(section))
    plan.reporting_deadlines = _deadlines(root, context)

    header_end = (
        title.title_index if title.title_index is not None else min(len(lines), MAX_HEADER_LINES)
    )
    header = "\n".join(collapse(line) for line in lines[:header_end])
    preamble = "\n".join(c.text for c in root.children if c.kind == "para")
    body_text = "\n".join(collapse(line) for line in lines[title.body_start : body_end])
    full_text = "\n".join(collapse(line) for line in prepared.ref_text)
    plan.doc_number, plan.doc_date = find_number_and_date(header, full_text)
    issuer = find_issuer(header, f"{title.title or ''}\n{preamble}", body_text)
    plan.issuer, plan.locality = issuer.issuer, issuer.locality
    own = {plan.doc_number} if plan.doc_number else set()
    plan.references = find_references(collapse(" ".join(prepared.ref_text)), exclude=own)
    return plan


def parse_text(text: str) -> ParsedPlan:
    """Parse a plan given as plain text or Markdown (TSV appendix tables allowed)."""
    if not text.strip():
        raise PlanParseError("empty", errors.EMPTY_FILE)
    return parse_raw(read_text(text))


def parse_document(data: bytes, filename: str) -> ParsedPlan:
    """Parse a plan file (.docx, .pdf, .txt, .md) given as bytes."""
    plan = parse_raw(read_document(data, filename))
    plan.file = PurePath(filename).name
    return plan
