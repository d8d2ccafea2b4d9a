"""Administrative documents in the format of Decree 30/2020/NĐ-CP (Phụ lục I), as DOCX.

A domain-free writer that any module can use for a báo cáo, kế hoạch or tờ trình:

    document = Nd30Document(
        Letterhead(parent_body="UBND tỉnh Khánh Hòa", issuing_body="Sở Khoa học và Công nghệ",
                   number="", symbol="BC-SKHCN", place="Khánh Hòa", date=dt.date(2026, 11, 20)),
        subject="Kết quả thực hiện Kế hoạch … năm 2026",
        addressees=["Ủy ban nhân dân tỉnh Khánh Hòa"],
    )
    document.heading("I. KẾT QUẢ THỰC HIỆN")
    document.paragraph("…")
    document.finish(Signature(authority=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name="…",
                              recipients=["Như trên", "Lưu: VT, TĐC"]))
    data = document.to_bytes()

The layout follows docs in `reference/nd30-format.md` (profile A): A4 portrait, margins
20/20/30/15 mm, Times New Roman everywhere, a borderless two-column header table (issuing body
| national motto; number | place and date), the type name and summary centred, justified body
at 14 pt with a 1.27 cm first-line indent, "./." at the end, and a borderless signature table
("Nơi nhận" | authority, signer). Page numbers sit centred in the top margin from page 2.

Every text reaches the document through `tdc.reports.cells.safe_docx_text`, so a control
character stored in a report cannot make the file unwritable.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tdc.reports.cells import safe_docx_text

FONT = "Times New Roman"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BODY_SIZE = 14
HEADER_LEFT_MM = 70
HEADER_RIGHT_MM = 95
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def upper(text: str) -> str:
    return nfc(text).upper()


def place_and_date(place: str, day: dt.date) -> str:
    """'Khánh Hòa, ngày 05 tháng 02 năm 2027': days below 10 and months 1–2 get a leading 0."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(number: str, symbol: str) -> str:
    """'Số: 05/BC-SKHCN'; a draft without a number keeps the blank: 'Số:      /BC-SKHCN'."""
    text = number.strip()
    if text.isascii() and text.isdigit() and int(text) < 10:  # not '²', which int() refuses
        text = f"{int(text):02d}"
    return f"Số: {text}/{symbol}" if text else f"Số:      /{symbol}"


def point_label(index: int) -> str:
    """The Vietnamese letter of the index-th điểm (a, b, c, d, đ, e, …)."""
    letters = POINT_LETTERS
    if index < len(letters):
        return letters[index]
    return letters[index // len(letters) - 1] + letters[index % len(letters)]


@dataclass(frozen=True)
class Letterhead:
    issuing_body: str
    date: dt.date
    place: str
    symbol: str
    number: str = ""
    parent_body: str = ""


@dataclass(frozen=True)
class Signature:
    authority: Sequence[str]  # e.g. ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    name: str
    recipients: Sequence[str] = field(default_factory=tuple)  # "Như trên", …, "Lưu: VT, TĐC"


def _set_run_font(run_properties: object, size: float | None = None) -> None:
    """rFonts on all four scripts (ascii, hAnsi, cs, eastAsia), and the size if given."""
    element = run_properties  # a CT_RPr
    fonts = element.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)  # type: ignore[attr-defined]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


class Nd30Document:
    """A document being written; call `finish` once, then `to_bytes`."""

    def __init__(
        self,
        letterhead: Letterhead,
        *,
        subject: str,
        doc_type: str = "BÁO CÁO",
        addressees: Sequence[str] = (),
    ) -> None:
        self.letterhead = letterhead
        self.document: DocxDocument = Document()
        self._last_body: Paragraph | None = None
        self._setup()
        self._header_table()
        self._title(doc_type, subject)
        self._addressees(addressees)

    # --- Setup -------------------------------------------------------------------------------

    def _setup(self) -> None:
        document = self.document
        normal = document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_SIZE)
        rpr = normal.element.get_or_add_rPr()
        _set_run_font(rpr)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "vi-VN")
        rpr.append(language)
        defaults = document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            default_rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
            if default_rpr is not None:
                _set_run_font(default_rpr)
        section = document.sections[0]
        section.page_width = Mm(210)
        section.page_height = Mm(297)
        section.top_margin = Mm(20)
        section.bottom_margin = Mm(20)
        section.left_margin = Mm(30)
        section.right_margin = Mm(15)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.paragraph_format.first_line_indent = Cm(0)
        self._page_field(header)

    def _page_field(self, paragraph: Paragraph) -> None:
        for kind, text in (
            ("begin", None),
            ("instr", " PAGE "),
            ("separate", None),
            ("text", "2"),
            ("end", None),
        ):
            run = paragraph.add_run()
            run.font.size = Pt(BODY_SIZE)
            run.font.name = FONT
            if kind == "instr":
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = text
                run._r.append(instruction)
            elif kind == "text":
                run.text = text or ""
            else:
                character = OxmlElement("w:fldChar")
                character.set(qn("w:fldCharType"), kind)
                run._r.append(character)

    # --- Building blocks ---------------------------------------------------------------------------

    def _line(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        size: float,
        bold: bool = False,
        italic: bool = False,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
        before: float = 0,
        after: float = 0,
        indent: bool = False,
    ) -> Paragraph:
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Cm(1.27) if indent else Cm(0)
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.line_spacing = 1.0
        run = paragraph.add_run(safe_docx_text(text))
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        return paragraph

    def _rule(self, paragraph: Paragraph, *, length_mm: float, room_mm: float) -> Paragraph:
        """A solid line as an empty paragraph's top border, centred, `length_mm` long."""
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Cm(0)
        side = max(0.0, (room_mm - length_mm) / 2)
        fmt.left_indent = Mm(side)
        fmt.right_indent = Mm(side)
        fmt.space_before = Pt(2)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        border = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        top.set(qn("w:val"), "single")
        top.set(qn("w:sz"), "6")
        top.set(qn("w:space"), "1")
        top.set(qn("w:color"), "000000")
        border.append(top)
        paragraph._p.get_or_add_pPr().append(border)
        run = paragraph.add_run("")
        run.font.name = FONT
        run.font.size = Pt(6)
        return paragraph

    def _table(self, widths_mm: Sequence[float]) -> Table:
        table: Table = self.document.add_table(rows=1, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        properties = table._tbl.tblPr
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        properties.append(layout)
        width = OxmlElement("w:tblW")
        width.set(qn("w:w"), str(round(sum(widths_mm) * 56.693)))
        width.set(qn("w:type"), "dxa")
        for old in properties.findall(qn("w:tblW")):
            properties.remove(old)
        properties.append(width)
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        properties.append(borders)
        for column, grid in zip(
            widths_mm, table._tbl.tblGrid.findall(qn("w:gridCol")), strict=True
        ):
            grid.set(qn("w:w"), str(round(column * 56.693)))
        for row in table.rows:
            self._no_split(row._tr)
            for cell, column in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(column)
        return table

    def _add_row(self, table: Table, widths_mm: Sequence[float]) -> list[_Cell]:
        row = table.add_row()  # type: ignore[no-untyped-call]
        self._no_split(row._tr)
        for cell, column in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(column)
        return list(row.cells)

    @staticmethod
    def _no_split(tr: object) -> None:
        properties = tr.get_or_add_trPr()  # type: ignore[attr-defined]
        properties.append(OxmlElement("w:cantSplit"))

    # --- Header, title, addressees ------------------------------------------------------------------

    def _header_table(self) -> None:
        head = self.letterhead
        widths = (HEADER_LEFT_MM, HEADER_RIGHT_MM)
        table = self._table(widths)
        left, right = table.rows[0].cells
        first = left.paragraphs[0]
        if head.parent_body:
            self._line(first, upper(head.parent_body), size=12)
            issuing = left.add_paragraph()
        else:
            issuing = first
        self._line(issuing, upper(head.issuing_body), size=12, bold=True)
        name_mm = min(len(head.issuing_body) * 2.7, HEADER_LEFT_MM - 4)
        self._rule(
            left.add_paragraph(), length_mm=max(20.0, name_mm * 0.4), room_mm=HEADER_LEFT_MM - 4
        )
        self._line(right.paragraphs[0], NATIONAL_NAME, size=12, bold=True)
        self._line(right.add_paragraph(), MOTTO, size=13, bold=True)
        self._rule(right.add_paragraph(), length_mm=56, room_mm=HEADER_RIGHT_MM - 4)
        number_cell, date_cell = self._add_row(table, widths)
        self._line(
            number_cell.paragraphs[0], number_line(head.number, head.symbol), size=13, before=6
        )
        self._line(
            date_cell.paragraphs[0],
            place_and_date(head.place, head.date),
            size=13,
            italic=True,
            before=6,
        )

    def _title(self, doc_type: str, subject: str) -> None:
        self._line(
            self.document.add_paragraph(), upper(doc_type), size=BODY_SIZE, bold=True, before=18
        )
        self._line(self.document.add_paragraph(), subject, size=BODY_SIZE, bold=True)
        self._rule(self.document.add_paragraph(), length_mm=55, room_mm=165)

    def _addressees(self, addressees: Sequence[str]) -> None:
        if not addressees:
            return
        if len(addressees) == 1:
            self._line(
                self.document.add_paragraph(),
                f"Kính gửi: {addressees[0]}",
                size=BODY_SIZE,
                before=12,
            )
            return
        self._line(self.document.add_paragraph(), "Kính gửi:", size=BODY_SIZE, before=12)
        for index, name in enumerate(addressees):
            end = "." if index == len(addressees) - 1 else ";"
            paragraph = self._line(
                self.document.add_paragraph(),
                f"- {name}{end}",
                size=BODY_SIZE,
                align=WD_ALIGN_PARAGRAPH.LEFT,
            )
            paragraph.paragraph_format.left_indent = Mm(65)

    # --- Body ------------------------------------------------------------------------------------------

    def _body(self, text: str, *, bold: bool = False) -> Paragraph:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Cm(1.27)
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.2
        run = paragraph.add_run(safe_docx_text(text))
        run.font.name = FONT
        run.font.size = Pt(BODY_SIZE)
        run.font.bold = bold
        self._last_body = paragraph
        return paragraph

    def heading(self, text: str) -> Paragraph:
        """A mục: 'I. KẾT QUẢ THỰC HIỆN', all capitals, bold."""
        return self._body(upper(text), bold=True)

    def subheading(self, text: str) -> Paragraph:
        """A khoản with a title: '1. Công tác tuyên truyền', bold."""
        return self._body(text, bold=True)

    def paragraph(self, text: str) -> Paragraph:
        return self._body(text)

    def points(self, items: Iterable[str]) -> None:
        """Điểm a), b), c), d), đ), … in Vietnamese letter order."""
        for index, item in enumerate(items):
            self._body(f"{point_label(index)}) {item}")

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self._body(f"- {item}")

    # --- Ending --------------------------------------------------------------------------------------

    def finish(self, closing: str, signature: Signature) -> None:
        """The closing paragraph (ending in './.') and the signature block."""
        text = closing.rstrip()
        if not text.endswith("./."):
            text = text.rstrip(".") + "./."
        last = self._body(text)
        last.paragraph_format.keep_with_next = True
        widths = (HEADER_LEFT_MM, HEADER_RIGHT_MM)
        table = self._table(widths)
        left, right = table.rows[0].cells
        self._line(
            left.paragraphs[0],
            "Nơi nhận:",
            size=12,
            bold=True,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=12,
        )
        recipients = list(signature.recipients) or ["Lưu: VT."]
        for index, name in enumerate(recipients):
            end = "." if index == len(recipients) - 1 else ";"
            self._line(
                left.add_paragraph(),
                f"- {name.rstrip(';.')}{end}",
                size=11,
                align=WD_ALIGN_PARAGRAPH.LEFT,
            )
        authority = list(signature.authority)
        self._line(right.paragraphs[0], upper(authority[0]), size=BODY_SIZE, bold=True, before=12)
        for line in authority[1:]:
            self._line(right.add_paragraph(), upper(line), size=BODY_SIZE, bold=True)
        for _blank in range(4):
            self._line(right.add_paragraph(), "", size=BODY_SIZE)
        if signature.name:
            self._line(right.add_paragraph(), signature.name, size=BODY_SIZE, bold=True)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
