"""Outline: join the lines of a document into paragraphs and nest them by their markers.

Lines are classified by their leading marker (``I.``, ``1.``, ``1.2.``, ``a)``, ``(1)``, ``-``,
``+``, ``•``, ..., and the named levels ``Phần I``, ``Mục 1.``, ``Điểm a)``). Unmarked lines either continue the current paragraph or start a new plain
paragraph. Continuation is decided from structure only:

* a line starting with a lower-case letter or a digit continues;
* a line after one that ends in a connector word, a comma or an open parenthesis continues;
* in hard-wrapped text (PDF extraction), a line continues when the previous line was full,
  i.e. the first word of the line would not have fitted on it;
* a Roman-numbered heading only continues with an upper-case line.

In a document without Roman-numbered headings, an unnumbered upper-case line ("MỤC TIÊU",
"NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN") is a top-level heading of kind ``caps``
(``OutlineOptions.caps_headings``, decided by :func:`uses_caps_headings`).

Marked paragraphs nest with a stack: a marker kind seen before closes everything opened after
it; a new kind opens a deeper level. A Roman heading goes back to the top, or to the part
("PHẦN I") or upper-case letter heading ("A.") it sits under.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .text import (
    CONNECTORS,
    collapse,
    ends_terminal,
    first_alpha,
    is_all_caps,
    last_word,
)
from .units import ORG_HEADS

_ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3}))"
_PART_RE = re.compile(rf"^(?:PHẦN|Phần)\s+({_ROMAN}|\d{{1,2}})\b\s*[.:\-–]?\s*(.*)$")
# Named levels of legal-style numbering: "Mục 1." (a numbered heading, "Mục II." a Roman one) and
# "Điểm a)" (a lettered item).
_SECTION_WORD_RE = re.compile(rf"^(?:Mục|MỤC)\s+({_ROMAN}|\d{{1,2}})\s*[.:)]\s*(\S.*)$")
_POINT_WORD_RE = re.compile(r"^(?:Điểm|ĐIỂM)\s+([a-zđ])\s*[.):]\s*(\S.*)$")
_ROMAN_RE = re.compile(rf"^({_ROMAN})\s*(?:[.)]|\s[-–])\s*(.*)$")
_MULTI_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(.*)$")
_NUM_RE = re.compile(r"^(\d{1,2})\s*(?:[.)]\s+|[.)](?=[^\W\d_]))(.*)$")
_PNUM_RE = re.compile(r"^\((\d{1,2})\)\s*(.*)$")
_LETTER_RE = re.compile(r"^([a-zđ])\s*(?:\)\s*|\.\s+)(.*)$")
_UPPER_RE = re.compile(r"^([A-H])\s*[.)]\s+(.*)$")
_BULLET_RE = re.compile(r"^([-–—]\s+|[-–—](?=[^\W\d_])|[+•●▪◦○■□❖➢►✓]\s*|\*\s+)(.*)$")
_DECORATION_RE = re.compile(r"^[\s\-–—_=*~.·•]*$")

HEADING_KINDS = frozenset({"part", "roman", "upper", "caps"})
# An unnumbered upper-case line ("MỤC TIÊU", "NHIỆM VỤ, GIẢI PHÁP") is a section heading in a
# document without Roman or part headings: at least two words, short, not a sentence.
MAX_CAPS_HEADING_CHARS = 120
_BULLET_KINDS = {"-": "dash", "–": "dash", "—": "dash", "*": "dash", "+": "plus"}


@dataclass
class Marker:
    kind: str
    label: str | None
    marker: str
    rest: str


@dataclass
class Node:
    """A paragraph of the outline with its marker and nested paragraphs."""

    kind: str
    label: str | None = None
    marker: str = ""
    lines: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    index: int = 0
    open_parens: int = 0

    def add_line(self, line: str) -> None:
        """Append a line, keeping count of parentheses left open (for continuation)."""
        self.lines.append(line)
        self.open_parens += line.count("(") + line.count("“") - line.count(")") - line.count("”")

    @property
    def text(self) -> str:
        """The paragraph's own text (without marker), whitespace-collapsed."""
        return collapse(" ".join(self.lines))

    @property
    def is_item(self) -> bool:
        return self.kind not in ("para", "root")

    def item_children(self) -> list[Node]:
        return [c for c in self.children if c.is_item]

    def raw_text(self) -> str:
        """Marker plus own text plus the raw text of all descendants."""
        own = f"{self.marker} {self.text}".strip() if self.marker else self.text
        parts = [own] + [child.raw_text() for child in self.children]
        return collapse(" ".join(p for p in parts if p))

    def full_text(self) -> str:
        """Own text followed by the raw text (with markers) of all descendants."""
        parts = [self.text] + [child.raw_text() for child in self.children]
        return collapse(" ".join(p for p in parts if p))

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def depth(self) -> int:
        depth = 0
        node = self.parent
        while node is not None:
            depth += 1
            node = node.parent
        return depth

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def match_marker(line: str) -> Marker | None:
    """Recognise the leading list/heading marker of ``line`` (already stripped)."""
    match = _PART_RE.match(line)
    if match and match.group(1):
        return Marker("part", match.group(1), line[: match.start(2)].strip(), match.group(2))
    match = _SECTION_WORD_RE.match(line)
    if match and match.group(1):
        kind = "num" if match.group(1).isdigit() else "roman"
        return Marker(kind, match.group(1), line[: match.start(2)].strip(), match.group(2))
    match = _POINT_WORD_RE.match(line)
    if match:
        return Marker("letter", match.group(1), line[: match.start(2)].strip(), match.group(2))
    match = _ROMAN_RE.match(line)
    if match and match.group(1) and match.group(2) and first_alpha(match.group(2)).isupper():
        return Marker("roman", match.group(1), line[: match.start(2)].strip(), match.group(2))
    match = _MULTI_RE.match(line)
    if match:
        depth = match.group(1).count(".") + 1
        return Marker(f"num{depth}", match.group(1), line[: match.start(2)].strip(), match.group(2))
    match = _NUM_RE.match(line)
    if match and match.group(2).strip():
        return Marker("num", match.group(1), line[: match.start(2)].strip(), match.group(2))
    match = _PNUM_RE.match(line)
    if match and match.group(2).strip():
        return Marker("pnum", match.group(1), line[: match.start(2)].strip(), match.group(2))
    match = _LETTER_RE.match(line)
    if match and match.group(2).strip():
        return Marker("letter", match.group(1), line[: match.start(2)].strip(), match.group(2))
    match = _UPPER_RE.match(line)
    if match and first_alpha(match.group(2)).isupper():
        return Marker("upper", match.group(1), line[: match.start(2)].strip(), match.group(2))
    match = _BULLET_RE.match(line)
    if match and match.group(2).strip():
        symbol = match.group(1).strip()[:1]
        kind = _BULLET_KINDS.get(symbol, "dot")
        return Marker(kind, None, symbol, match.group(2))
    return None


def _first_word(line: str) -> str:
    parts = line.split(maxsplit=1)
    return parts[0] if parts else ""


# Capitalised words that commonly continue a sentence after a line break (document kinds and
# institutions), as opposed to the verb that opens a new paragraph.
_PROPER_NOUNS = (
    "Chính phủ",
    "Thủ tướng",
    "Nhà nước",
    "Nhân dân",
    "Đảng",
    "Trung ương",
    "Quốc hội",
    "Quyết định",
    "Chỉ thị",
    "Kế hoạch",
    "Nghị quyết",
    "Nghị định",
    "Thông tư",
    "Luật",
    "Đề án",
    "Chương trình",
    "Công văn",
    "Điều",
)


def _looks_like_name_continuation(line: str) -> bool:
    """An upper-case line that plausibly continues a name (acronym, 'Sở ...', 'Việt Nam')."""
    words = line.split()
    if not words:
        return False
    first = words[0].strip('("“,')
    if len(first) >= 2 and first.isupper():
        return True
    if any(line.startswith(head + " ") for head in ORG_HEADS):
        return True
    if any(line.startswith(noun) for noun in _PROPER_NOUNS):
        return True
    return len(words) >= 2 and words[1][:1].isupper()


_NAME_OPENINGS = frozenset(
    {h.split()[0] for h in ORG_HEADS} | {"Ủy", "Uỷ", "Trung", "Chi", "Tổng", "Liên", "Hiệp"}
)


def _ends_with_name_opening(prev: str) -> bool:
    """True when a line ends with the first word of a body's name ("... phối hợp với Sở")."""
    words = prev.split()
    return bool(words) and words[-1] in _NAME_OPENINGS


def _splits_a_name(prev: str, line: str) -> bool:
    """A full line ending in a capitalised word, followed by one: "... Việt" / "Nam ..."."""
    words = prev.split()
    return len(words) >= 2 and words[-1][:1].isupper() and line[:1].isupper()


@dataclass
class OutlineOptions:
    wrapped: bool = False
    width: int = 0
    tolerance: float = 1.0
    caps_headings: bool = False


def is_caps_heading(line: str) -> bool:
    """An unnumbered upper-case heading line: two words or more, short, not a sentence."""
    line = line.strip()
    return (
        len(line.split()) >= 2
        and len(line) <= MAX_CAPS_HEADING_CHARS
        and is_all_caps(line)
        and not line.endswith((".", ";", ","))
        and match_marker(line) is None
    )


def uses_caps_headings(lines: Sequence[str]) -> bool:
    """True when the body has upper-case heading lines and no Roman or part headings."""
    has_caps = False
    for line in lines:
        stripped = line.strip()
        marker = match_marker(stripped)
        if marker is not None and marker.kind in ("roman", "part"):
            return False
        has_caps = has_caps or (marker is None and is_caps_heading(stripped))
    return has_caps


def estimate_width(lines: Sequence[str]) -> int:
    """The line width of hard-wrapped text: the 90th percentile of line lengths."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if not lengths:
        return 0
    return lengths[int(0.9 * (len(lengths) - 1))]


def detect_wrapped(lines: Sequence[str]) -> bool:
    """Guess whether text is hard-wrapped: short lines, many continued in lower case."""
    content = [line.strip() for line in lines if line.strip()]
    if len(content) < 8:
        return False
    if estimate_width(content) > 160:
        return False
    continued = sum(
        1
        for prev, line in zip(content, content[1:], strict=False)
        if line[:1].islower() and match_marker(line) is None and not ends_terminal(prev)
    )
    return continued / len(content) >= 0.12


class OutlineBuilder:
    """Feeds lines one by one and builds the :class:`Node` tree."""

    def __init__(self, options: OutlineOptions) -> None:
        self.options = options
        self.root = Node(kind="root")
        self._stack: list[Node] = [self.root]
        self._current: Node | None = None
        self._prev_line = ""

    def _wrap_full(self, line: str) -> bool:
        if not self.options.wrapped or not self.options.width:
            return False
        needed = len(self._prev_line) + 1 + len(_first_word(line))
        return needed > self.options.width * self.options.tolerance

    def _continues(self, line: str, node: Node) -> bool:
        start = line.lstrip("\"'“‘(")
        if start[:1].islower() or line[:1].isdigit():
            return True
        prev = self._prev_line.rstrip()
        if prev.endswith((",", "-", "–", "&", "/")) or node.open_parens > 0:
            return True
        if last_word(prev) in CONNECTORS and not ends_terminal(prev):
            return True
        if node.kind in HEADING_KINDS:
            return is_all_caps(line) and not ends_terminal(prev)
        if _ends_with_name_opening(prev):
            return True
        if node.kind.startswith("num") or node.kind == "pnum":
            if not self._wrap_full(line):
                return False
            if prev.endswith(";"):
                return _looks_like_name_continuation(line)
            if ends_terminal(prev):
                return False
            return (
                ":" in node.text
                or _looks_like_name_continuation(line)
                or _splits_a_name(prev, line)
            )
        return self._wrap_full(line)

    def _marker_allowed(self, marker: Marker) -> bool:
        """Reject a marker that only looks like one because a sentence was wrapped there."""
        if self._current is None:
            return True
        starts_lower = first_alpha(marker.rest).islower() or marker.rest[:1].isdigit()
        if not starts_lower:
            return True
        prev = self._prev_line.rstrip()
        if marker.rest[:1].isdigit():
            if marker.kind not in ("dash", "plus", "dot"):
                return True
            return ends_terminal(prev) or self._current.kind in HEADING_KINDS
        return ends_terminal(prev) or self._current.kind in HEADING_KINDS

    def add(self, line: str, index: int) -> None:
        line = line.strip()
        if not line or _DECORATION_RE.match(line):
            return
        marker = match_marker(line)
        rejected = marker is not None and not self._marker_allowed(marker)
        if rejected:
            marker = None
        if marker is None and self._opens_caps_heading(line):
            marker = Marker("caps", None, "", line)
        if marker is not None:
            self._open(marker, index)
        elif self._current is not None and (rejected or self._continues(line, self._current)):
            self._current.add_line(line)
        else:
            parent = self._stack[-1]
            node = Node(kind="para", parent=parent, index=index)
            node.add_line(line)
            parent.children.append(node)
            self._current = node
        self._prev_line = line

    def _opens_caps_heading(self, line: str) -> bool:
        if not self.options.caps_headings or not is_caps_heading(line):
            return False
        current = self._current
        if current is None:
            return True
        # A heading (or an upper-case numbered title) wrapped onto a second line continues.
        wrapped_title = (
            not current.children
            and is_all_caps(current.text)
            and not ends_terminal(self._prev_line)
            and not self._prev_line.rstrip().endswith(":")
        )
        return not wrapped_title

    def _open(self, marker: Marker, index: int) -> None:
        kinds = [node.kind for node in self._stack]
        if marker.kind in kinds:
            position = len(kinds) - 1 - kinds[::-1].index(marker.kind)
            del self._stack[position:]
        elif marker.kind in ("part", "caps"):
            del self._stack[1:]
        elif marker.kind == "roman":
            # A Roman heading is top-level, except under a part ("PHẦN I") or an upper-case
            # letter heading ("B. NHIỆM VỤ CỤ THỂ" / "I. Quản lý đo lường").
            above = [i for i, k in enumerate(kinds) if k in ("part", "upper")]
            del self._stack[(above[-1] + 1 if above else 1) :]
        parent = self._stack[-1]
        node = Node(
            kind=marker.kind, label=marker.label, marker=marker.marker, parent=parent, index=index
        )
        if marker.rest.strip():
            node.add_line(marker.rest)
        parent.children.append(node)
        self._stack.append(node)
        self._current = node


def build_outline(lines: Sequence[tuple[int, str]], options: OutlineOptions) -> Node:
    """Build the outline tree from ``(index, line)`` pairs (lines already cleaned)."""
    builder = OutlineBuilder(options)
    for index, line in lines:
        builder.add(line, index)
    return builder.root
