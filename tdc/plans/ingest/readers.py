"""Readers: turn DOCX, PDF, TXT and MD files into one simple block model.

A document is a list of blocks in reading order: :class:`TextLine` (one line of text) and
:class:`TableBlock` (rows of cells). Whatever the source, a table row is a list of cell strings
in which a newline (or an HTML block tag, for the TSV appendices of text files) separates
paragraphs of the cell; the parser strips HTML tags itself.
"""

from __future__ import annotations

import codecs
import io
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from . import errors
from .errors import PlanParseError
from .outline import match_marker
from .text import collapse, normalise_input, strip_markdown

TEXT_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".text"})
SUPPORTED_EXTENSIONS = (".docx", ".pdf", ".txt", ".md")


@dataclass
class TextLine:
    """One line of text (a paragraph of a DOCX, a line of a TXT or of a PDF page)."""

    text: str


@dataclass
class TableBlock:
    """A table: rows of cell strings (newlines separate paragraphs inside a cell)."""

    rows: list[list[str]]
    source: str = "tsv"


Block = TextLine | TableBlock


@dataclass
class RawDocument:
    """The blocks of a document plus what the reader knows about its layout.

    ``wrapped`` is True when lines are hard-wrapped (PDF), False when every line is a whole
    paragraph (DOCX), None when the parser should decide (TXT/MD).
    """

    blocks: list[Block] = field(default_factory=list)
    source_format: str = "txt"
    wrapped: bool | None = None

    def has_text(self) -> bool:
        for block in self.blocks:
            if isinstance(block, TextLine) and block.text.strip():
                return True
            if isinstance(block, TableBlock) and any(c.strip() for r in block.rows for c in r):
                return True
        return False


# --------------------------------------------------------------------------- text files

_PIPE_SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PlanParseError("encoding", errors.BAD_ENCODING) from exc
    if b"\x00" in data:
        raise PlanParseError("encoding", errors.BAD_ENCODING)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise PlanParseError("encoding", errors.BAD_ENCODING) from exc


_TITLE_LINE_RE = re.compile(r"^\s*KẾ\s+HOẠCH\b")
MAX_RUNNING_LINE_CHARS = 100


def _running_key(line: str) -> str | None:
    """The digit-free form of a short unmarked line (a possible running header or footer
    copied from a PDF: "UBND TỈNH BÌNH ĐỊNH", "Kế hoạch số 77/KH-UBND - Trang 2"), or None."""
    text = collapse(line)
    if not text or len(text) > MAX_RUNNING_LINE_CHARS or "\t" in line:
        return None
    if match_marker(text) is not None or _PAGE_NUMBER_RE.match(text):
        return None
    return re.sub(r"\d+", "#", text)


def _looks_running(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    upper = len(letters) >= 3 and all(ch.isupper() for ch in letters)
    return upper or re.search(r"\b(?:Trang|trang)\s+#", text) is not None


def _without_running_lines(lines: list[str]) -> list[str]:
    """Text copied from a PDF: drop page-number lines and running headers and footers.

    A running line is a short unmarked line repeated on two pages or more that is upper case,
    carries "Trang N", or sits next to a page number (within three lines). The letterhead above
    the "KẾ HOẠCH" title is kept."""
    title = next((i for i, line in enumerate(lines) if _TITLE_LINE_RE.match(line)), 0)
    page_numbers = [
        i
        for i, line in enumerate(lines)
        if i > title and line.strip() and _PAGE_NUMBER_RE.match(line)
    ]
    keys = [_running_key(line) if i > title else None for i, line in enumerate(lines)]
    where: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if key is not None:
            where.setdefault(key, []).append(index)
    running = {
        key
        for key, found in where.items()
        if len(found) >= 2
        and (_looks_running(key) or any(abs(i - p) <= 3 for i in found for p in page_numbers))
    }
    dropped = set(page_numbers) | {i for i, key in enumerate(keys) if key in running}
    return [line for index, line in enumerate(lines) if index not in dropped]


def read_text(text: str, source_format: str = "txt") -> RawDocument:
    """Split a plain-text or Markdown document into lines and TSV/pipe tables."""
    text = normalise_input(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = _without_running_lines(text.split("\n"))
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line and line.strip():
            rows, i = _collect_rows(lines, i, lambda s: "\t" in s, lambda s: s.split("\t"))
            blocks.append(TableBlock(rows=rows, source="tsv"))
            continue
        if _is_pipe_row(line):
            rows, i = _collect_rows(lines, i, _is_pipe_row, _split_pipe_row)
            rows = [r for r in rows if not _PIPE_SEPARATOR_RE.match("|".join(r))]
            blocks.append(TableBlock(rows=rows, source="md"))
            continue
        blocks.append(TextLine(text=line))
        i += 1
    return RawDocument(blocks=blocks, source_format=source_format, wrapped=None)


def _is_pipe_row(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 2 and stripped.startswith("|") and stripped.endswith("|")


def _split_pipe_row(line: str) -> list[str]:
    cells = line.strip()[1:-1].split("|")
    return [strip_markdown(c.replace("<br>", "\n").replace("<br/>", "\n")).strip() for c in cells]


def _collect_rows(
    lines: list[str],
    start: int,
    is_row: Callable[[str], bool],
    split: Callable[[str], list[str]],
) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if is_row(line) and line.strip():
            rows.append(split(line))
            i += 1
            continue
        if not line.strip():
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and is_row(lines[j]):
                i = j
                continue
        break
    return rows, i


# --------------------------------------------------------------------------- DOCX


def read_docx(data: bytes) -> RawDocument:
    """Read paragraphs and tables of a DOCX body in document order."""
    if not data.startswith(b"PK"):
        raise PlanParseError("corrupt_docx", errors.CORRUPT_DOCX)
    try:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        numbering = _DocxNumbering(document)
        blocks: list[Block] = []
        for element in _iter_block_elements(body, qn):
            if element.tag == qn("w:p"):
                text = normalise_input(numbering.paragraph_text(element).replace("\t", " "))
                for part in text.split("\n"):
                    blocks.append(TextLine(text=part))
            else:
                rows = _docx_table_rows(element, numbering, qn)
                blocks.append(TableBlock(rows=rows, source="docx"))
    except PlanParseError:
        raise
    except Exception as exc:
        raise PlanParseError("corrupt_docx", errors.CORRUPT_DOCX) from exc
    return RawDocument(blocks=blocks, source_format="docx", wrapped=False)


def _iter_block_elements(parent: Any, qn: Callable[[str], str]) -> Iterator[Any]:
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                yield from _iter_block_elements(content, qn)


def _docx_table_rows(
    table: Any, numbering: _DocxNumbering, qn: Callable[[str], str]
) -> list[list[str]]:
    rows: list[list[str]] = []
    previous: list[str] = []
    for tr in table.iterchildren(qn("w:tr")):
        row: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            span = 1
            merge: str | None = None
            tc_pr = tc.find(qn("w:tcPr"))
            if tc_pr is not None:
                grid_span = tc_pr.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = int(grid_span.get(qn("w:val"), "1"))
                v_merge = tc_pr.find(qn("w:vMerge"))
                if v_merge is not None:
                    merge = v_merge.get(qn("w:val"), "continue")
            column = len(row)
            if merge == "continue" and column < len(previous):
                text = previous[column]
            else:
                text = _docx_cell_text(tc, numbering, qn)
            row.append(text)
            row.extend([""] * (span - 1))
        rows.append(row)
        previous = row
    return rows


def _docx_cell_text(tc: Any, numbering: _DocxNumbering, qn: Callable[[str], str]) -> str:
    parts: list[str] = []
    for child in _iter_block_elements(tc, qn):
        if child.tag == qn("w:p"):
            parts.append(numbering.paragraph_text(child).replace("\t", " "))
        else:
            for row in _docx_table_rows(child, numbering, qn):
                parts.append(" ".join(c for c in row if c.strip()))
    return normalise_input("\n".join(p for p in parts if p.strip()))


_SYMBOL_BULLETS = {
    0xF0B7: "•",
    0xF02D: "-",
    0xF0A7: "▪",
    0xF0D8: "➢",
    0xF076: "❖",
    0xF0FC: "✓",
    0xF0A8: "□",
    0xF06E: "■",
}


class _DocxNumbering:
    """Renders Word automatic numbering ("1.", "a)", "-") in front of paragraph text."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._parent = document.part
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._num_to_abstract: dict[str, str] = {}
        self._start_overrides: dict[tuple[str, int], int] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._style_numbering: dict[str, tuple[str, int]] = {}
        self._style_based_on: dict[str, str] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: plain paragraphs only
            root = None
        if root is not None:
            self._load_numbering(root)
        try:
            styles_root = document.styles.element
        except Exception:
            styles_root = None
        if styles_root is not None:
            self._load_styles(styles_root)

    def _val(self, element: Any, tag: str) -> str | None:
        found = element.find(self._qn(tag))
        return None if found is None else found.get(self._qn("w:val"))

    def _load_numbering(self, root: Any) -> None:
        qn = self._qn
        for abstract in root.iterchildren(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId"))
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = self._val(lvl, "w:numFmt") or "decimal"
                lvl_text = self._val(lvl, "w:lvlText") or ""
                start = int(self._val(lvl, "w:start") or "1")
                levels[ilvl] = (fmt, lvl_text, start)
            self._levels[abstract_id] = levels
        for num in root.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            abstract_id = self._val(num, "w:abstractNumId")
            if num_id is None or abstract_id is None:
                continue
            self._num_to_abstract[num_id] = abstract_id
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                override_start = self._val(override, "w:startOverride")
                if override_start is not None:
                    self._start_overrides[(num_id, ilvl)] = int(override_start)

    def _load_styles(self, root: Any) -> None:
        qn = self._qn
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id is None:
                continue
            based_on = self._val(style, "w:basedOn")
            if based_on:
                self._style_based_on[style_id] = based_on
            ppr = style.find(qn("w:pPr"))
            num_pr = None if ppr is None else ppr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id = self._val(num_pr, "w:numId")
                ilvl = int(self._val(num_pr, "w:ilvl") or "0")
                if num_id:
                    self._style_numbering[style_id] = (num_id, ilvl)

    def _num_pr(self, p: Any) -> tuple[str, int] | None:
        qn = self._qn
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            return None
        num_pr = ppr.find(qn("w:numPr"))
        if num_pr is not None:
            num_id = self._val(num_pr, "w:numId")
            ilvl = int(self._val(num_pr, "w:ilvl") or "0")
            return (num_id, ilvl) if num_id else None
        style_id = self._val(ppr, "w:pStyle")
        for _ in range(6):
            if style_id is None:
                return None
            if style_id in self._style_numbering:
                return self._style_numbering[style_id]
            style_id = self._style_based_on.get(style_id)
        return None

    def paragraph_text(self, p: Any) -> str:
        from docx.text.paragraph import Paragraph

        # python-docx reads a page or column break as nothing, gluing the words around it;
        # Word's plain-text export writes a form feed there. Either way it ends a line.
        for br in p.iter(self._qn("w:br")):
            if br.get(self._qn("w:type")) in ("page", "column"):
                br.set(self._qn("w:type"), "textWrapping")
        text = str(Paragraph(p, self._parent).text)
        num_pr = self._num_pr(p)
        if num_pr is None or not text.strip():
            return text
        label = self._label(*num_pr)
        return f"{label} {text}" if label else text

    def _label(self, num_id: str, ilvl: int) -> str:
        abstract_id = self._num_to_abstract.get(num_id)
        if num_id == "0" or abstract_id is None:
            return ""
        levels = self._levels.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        key = abstract_id if not any(k[0] == num_id for k in self._start_overrides) else num_id
        counters = self._counters.setdefault(key, [None] * 10)
        fmt, lvl_text, start = levels[ilvl]
        start = self._start_overrides.get((num_id, ilvl), start)
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        if fmt == "bullet":
            return _bullet_symbol(lvl_text)
        if fmt == "none":
            return ""

        def render(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            value = counters[level] if 0 <= level < len(counters) else None
            return _format_number(level_start if value is None else value, level_fmt)

        return re.sub(r"%(\d)", render, lvl_text).strip()


def _bullet_symbol(lvl_text: str) -> str:
    if not lvl_text:
        return "•"
    ch = lvl_text[0]
    if ord(ch) in _SYMBOL_BULLETS:
        return _SYMBOL_BULLETS[ord(ch)]
    if ch in "-–—+•●▪◦○■□❖➢►✓*":
        return ch
    if ch == "o":
        return "◦"
    return "•"


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        out = letters[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return out if fmt == "lowerLetter" else out.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _to_roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _to_roman(value: int) -> str:
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for number, numeral in numerals:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


# --------------------------------------------------------------------------- PDF

_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–]\s*)?(?:(?:Trang|trang|TRANG)\s+)?\d{1,3}(?:\s*(?:/|trên)\s*\d{1,3})?"
    r"(?:\s*[-–])?\s*$"
)
# Running headers and footers: a line in the top or bottom margin band of the page whose text
# (digits aside) recurs in that band on two pages or more ("UBND TỈNH BÌNH ĐỊNH", "Kế hoạch số
# 77/KH-UBND – trang 2"). The letterhead in the top band of the first page is kept.
MARGIN_BAND = 0.1


@dataclass
class _PdfLine:
    page: int
    top: float
    bottom: float
    height: float
    order: int
    text: str

    @property
    def band(self) -> str | None:
        if self.top < self.height * MARGIN_BAND:
            return "top"
        if self.bottom > self.height * (1 - MARGIN_BAND):
            return "bottom"
        return None

    @property
    def key(self) -> str:
        return re.sub(r"\d+", "#", collapse(self.text))


def _running_lines(lines: list[_PdfLine]) -> set[tuple[int, int]]:
    """(page, order) of the running header and footer lines of a document."""
    pages: dict[tuple[str, str], set[int]] = {}
    for line in lines:
        band = line.band
        if band is not None:
            pages.setdefault((band, line.key), set()).add(line.page)
    running = {key for key, on_pages in pages.items() if len(on_pages) >= 2}
    return {
        (line.page, line.order)
        for line in lines
        if line.band is not None
        and ((line.band, line.key) in running or _issuer_header(line))
        and not (line.page == 0 and line.band == "top")
    }


_ISSUER_HEADER_RE = re.compile(r"^(?:UBND|ỦY BAN|UỶ BAN|HĐND|SỞ|BỘ|TỈNH ỦY|TỈNH UỶ)\s")


def _issuer_header(line: _PdfLine) -> bool:
    """An upper-case issuer's name at the top of a later page ("UBND TỈNH BÌNH ĐỊNH"): a running
    header even when the document has only two pages."""
    letters = [ch for ch in line.text if ch.isalpha()]
    return (
        line.band == "top"
        and line.page > 0
        and bool(letters)
        and all(ch.isupper() for ch in letters)
        and _ISSUER_HEADER_RE.match(line.text) is not None
    )


# A plan runs to a few dozen pages, each with tens of kilobytes of drawing instructions.
# Beyond these, reading would take minutes (or, for a compressed bomb, all the memory).
MAX_PDF_PAGES = 300
MAX_PDF_CONTENT_BYTES = 64 * 1024 * 1024
_FLATE = {"FlateDecode", "Fl"}


def _content_size(stream: Any, budget: int) -> int:
    """How many bytes a page's content stream unpacks to, counting no further than `budget`
    (a Flate stream is inflated in a bounded buffer; other streams count as stored)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    stream = resolve1(stream)
    if not isinstance(stream, PDFStream):
        return 0
    if stream.data is not None:
        return len(stream.data)
    raw = stream.rawdata or b""
    filters = [str(getattr(name, "name", name)) for name, _params in stream.get_filters()]
    if len(filters) != 1 or filters[0] not in _FLATE:
        return len(raw)
    if stream.decipher is not None and stream.objid is not None and stream.genno is not None:
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    inflater = zlib.decompressobj()
    try:
        size = len(inflater.decompress(raw, budget + 1))
    except zlib.error:
        return len(raw)  # pdfminer reads what it can of a damaged stream
    return size


def _check_pdf_size(pages: list[Any]) -> None:
    if len(pages) > MAX_PDF_PAGES:
        raise PlanParseError("too_many_pages", errors.too_many_pages(len(pages), MAX_PDF_PAGES))
    left = MAX_PDF_CONTENT_BYTES
    for page in pages:
        for stream in page.page_obj.contents:
            left -= _content_size(stream, left)
            if left < 0:
                raise PlanParseError("pdf_too_large", errors.pdf_too_large(MAX_PDF_CONTENT_BYTES))


def read_pdf(data: bytes) -> RawDocument:
    """Read a PDF with a text layer: text lines outside tables, and tables, in page order.

    Before any page is laid out, the page count and the unpacked size of the pages' content
    streams are checked against MAX_PDF_PAGES and MAX_PDF_CONTENT_BYTES."""
    if b"%PDF" not in data[:1024]:
        raise PlanParseError("corrupt_pdf", errors.CORRUPT_PDF)
    try:
        import pdfplumber

        page_blocks: list[list[tuple[float, int, Block]]] = []
        lines: list[_PdfLine] = []
        visible_chars = 0
        images = 0
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            _check_pdf_size(pdf.pages)
            for number, page in enumerate(pdf.pages):
                visible_chars += sum(1 for ch in page.chars if str(ch.get("text", "")).strip())
                images += len(page.images)
                page_lines, tables = _pdf_page_blocks(page, number)
                lines.extend(page_lines)
                page_blocks.append(tables)
        running = _running_lines(lines)
        for line in lines:
            if (line.page, line.order) not in running:
                page_blocks[line.page].append((line.top, line.order, TextLine(text=line.text)))
        blocks: list[Block] = []
        for positioned in page_blocks:
            positioned.sort(key=lambda item: (item[0], item[1]))
            blocks.extend(block for _, _, block in positioned)
    except PlanParseError:
        raise
    except Exception as exc:
        raise PlanParseError("corrupt_pdf", errors.CORRUPT_PDF) from exc
    # A scan has no text, or only a stamp or a signature line over page images.
    if visible_chars < 20 or (images and visible_chars < 40 * max(pages, 1)):
        raise PlanParseError("pdf_no_text", errors.NO_TEXT_LAYER)
    return RawDocument(blocks=blocks, source_format="pdf", wrapped=True)


def _pdf_page_blocks(
    page: Any, number: int
) -> tuple[list[_PdfLine], list[tuple[float, int, Block]]]:
    """The text lines outside tables (page numbers dropped) and the tables of one page."""
    tables = page.find_tables()
    bboxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (float(obj["x0"]) + float(obj["x1"])) / 2
        y = (float(obj["top"]) + float(obj["bottom"])) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in bboxes)

    text_page = page.filter(outside) if bboxes else page
    lines: list[_PdfLine] = []
    height = float(page.height)
    for order, line in enumerate(text_page.extract_text_lines(strip=True, return_chars=False)):
        text = normalise_input(str(line.get("text", "")))
        if not text.strip() or _PAGE_NUMBER_RE.match(text):
            continue
        lines.append(
            _PdfLine(
                page=number,
                top=float(line["top"]),
                bottom=float(line["bottom"]),
                height=height,
                order=order,
                text=text,
            )
        )
    positioned: list[tuple[float, int, Block]] = []
    for order, table in enumerate(tables):
        rows = [
            [normalise_input(" ".join(str(cell or "").split("\n"))) for cell in row]
            for row in table.extract()
        ]
        positioned.append(
            (float(table.bbox[1]), 100000 + order, TableBlock(rows=rows, source="pdf"))
        )
    return lines, positioned


# --------------------------------------------------------------------------- dispatch


def check_document_kind(data: bytes, filename: str) -> str:
    """What can be told without reading: a type some reader takes (the extension, returned
    lower-cased), and not empty. Raises PlanParseError otherwise."""
    extension = PurePath(filename or "").suffix.lower()
    if extension == ".doc":
        raise PlanParseError("unsupported_format", errors.LEGACY_DOC)
    if extension not in TEXT_EXTENSIONS and extension not in (".docx", ".pdf"):
        raise PlanParseError("unsupported_format", errors.unsupported_format(extension))
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise PlanParseError("empty", errors.EMPTY_FILE)
    return extension


def read_document(data: bytes, filename: str) -> RawDocument:
    """Read ``data`` according to the extension of ``filename``."""
    extension = check_document_kind(data, filename)
    if extension == ".docx":
        document = read_docx(data)
    elif extension == ".pdf":
        document = read_pdf(data)
    else:
        fmt = "md" if extension in (".md", ".markdown") else "txt"
        document = read_text(decode_text(data), source_format=fmt)
    if not document.has_text():
        raise PlanParseError("empty", errors.EMPTY_TEXT)
    return document
