"""Spreadsheet annexes (phụ lục) of administrative reports, as XLSX (openpyxl).

Each sheet has the annex caption on top ("PHỤ LỤC …", its title, "(Kèm theo …)"), then one
bordered table in Times New Roman, wrapped text, landscape A4, header row repeated on print.
Every value goes through `tdc.reports.cells`, so no text can break the file or run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tdc.reports.cells import safe_sheet_name, store

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass(frozen=True)
class Sheet:
    name: str  # the tab, at most 31 characters
    caption: str  # "PHỤ LỤC"
    title: str  # "DANH MỤC NHIỆM VỤ VÀ KẾT QUẢ THỰC HIỆN"
    reference: str  # "(Kèm theo Báo cáo số …/BC-SKHCN ngày … của Sở Khoa học và Công nghệ)"
    headers: Sequence[str]
    widths: Sequence[int]
    rows: Sequence[Sequence[object]]
    # A last row in bold ("Tổng cộng", sums), and number formats by column (1-based), e.g.
    # {3: "0", 7: "0.00"}: numbers stay numbers, shown with the reader's decimal mark.
    totals: Sequence[object] | None = None
    formats: Mapping[int, str] = field(default_factory=dict)


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    workbook = Workbook()
    first = True
    for spec in sheets:
        sheet = workbook.active if first else workbook.create_sheet()
        assert sheet is not None  # noqa: S101  (a new workbook has an active sheet)
        first = False
        sheet.title = safe_sheet_name(spec.name)
        columns = len(spec.headers)
        last = get_column_letter(columns)
        for row, (text, bold, italic) in enumerate(
            ((spec.caption, True, False), (spec.title, True, False), (spec.reference, False, True)),
            start=1,
        ):
            sheet.merge_cells(f"A{row}:{last}{row}")
            cell = store(sheet.cell(row=row, column=1), text)
            cell.font = Font(name=FONT, size=13, bold=bold, italic=italic)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header_row = 5
        for column, (header, width) in enumerate(
            zip(spec.headers, spec.widths, strict=True), start=1
        ):
            cell = store(sheet.cell(row=header_row, column=column), header)
            cell.font = Font(name=FONT, size=12, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BOX
            sheet.column_dimensions[get_column_letter(column)].width = width
        rows = [*spec.rows, *([spec.totals] if spec.totals is not None else [])]
        for offset, values in enumerate(rows, start=1):
            bold = spec.totals is not None and offset == len(rows)
            for column, value in enumerate(values, start=1):
                cell = store(sheet.cell(row=header_row + offset, column=column), value)
                cell.font = Font(name=FONT, size=12, bold=bold)
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                cell.border = BOX
                if column in spec.formats and isinstance(cell.value, int | float | Decimal):
                    cell.number_format = spec.formats[column]
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
