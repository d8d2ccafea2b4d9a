"""Plain tables (one header row, then the rows) as XLSX or CSV: the exports of a list.

    data = xlsx_table("Phản ánh", ["Mã hồ sơ", "Cơ sở"], rows)          # bytes
    response = StreamingHttpResponse(csv_lines(["Mã hồ sơ", "Cơ sở"], rows), …)

Rows may be any iterable (a queryset's iterator): the XLSX is written in openpyxl's write-only
mode and the CSV line by line. Every value goes through `tdc.reports.cells`: no stored text can
break the file, and text that looks like a formula stays text. The CSV starts with a byte-order
mark so that Excel opens UTF-8 as UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from openpyxl import Workbook

from tdc.reports.cells import safe_csv_cell, safe_sheet_name, xlsx_row

BOM = "\ufeff"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def xlsx_table(
    sheet_name: str, headers: Sequence[object], rows: Iterable[Sequence[object]]
) -> bytes:
    """One sheet: the header row, then one row per item of `rows`."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(safe_sheet_name(sheet_name))
    sheet.append(xlsx_row(sheet, headers))
    for values in rows:
        sheet.append(xlsx_row(sheet, values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Echo:
    """A file that hands back what is written to it, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_lines(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The CSV text, piece by piece: the byte-order mark, the header line, one line per row."""
    writer = csv.writer(_Echo())
    yield BOM
    yield str(writer.writerow([safe_csv_cell(value) for value in headers]))
    for values in rows:
        yield str(writer.writerow([safe_csv_cell(value) for value in values]))


def csv_bytes(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """The whole CSV, UTF-8 with a byte-order mark."""
    return "".join(csv_lines(headers, rows)).encode("utf-8")
