"""Files the register gives out: the instrument list (CSV, XLSX), the rejected rows of an
import, the empty import template.

Every cell goes through `_cell`, the one place that makes stored text safe to write: no
character XML cannot hold (openpyxl refuses them), and no cell a spreadsheet program would run
as a formula. (A shared writer in `tdc.reports` may replace it.)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from tdc.metrology.imports import rejected_rows, template_headers
from tdc.metrology.models import ImportJob, Instrument
from tdc.metrology.queries import with_labels

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
EXPORT_HEADERS = [
    "Loại phương tiện đo",
    "Số sản xuất",
    "Nhà sản xuất",
    "Kiểu",
    "Chủ sở hữu",
    "Xã, phường",
    "Địa chỉ",
    "Trạng thái",
    "Kiểm định gần nhất",
    "Số tem",
    "Hạn kiểm định",
]
EXPORT_LIMIT = 1_000_000

# Characters XML 1.0 cannot carry (C0 controls but tab, line feed, carriage return).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What a spreadsheet program reads as the start of a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A value as written to a CSV or XLSX cell: as text, never as a formula."""
    text = "" if value is None else str(value)
    text = _UNWRITABLE.sub("", text)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def instrument_rows(instruments: QuerySet[Instrument]) -> Iterator[list[str]]:
    for i in with_labels(instruments)[:EXPORT_LIMIT].iterator(chunk_size=2000):
        yield [
            _cell(value)
            for value in (
                i.type.name,
                i.serial,
                i.manufacturer,
                i.model,
                i.owner.name,
                i.commune.name,
                i.address,
                i.get_status_display(),
                _date(i.last_verified_on),
                i.last_stamp_number,
                _date(i.next_due),
            )
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(headers: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """A CSV as lines to stream, UTF-8 with BOM so that Excel opens it as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([_cell(h) for h in headers])
    for row in rows:
        yield writer.writerow([_cell(c) for c in row])


def csv_bytes(headers: list[str], rows: Iterable[list[str]]) -> bytes:
    return "".join(csv_lines(headers, rows)).encode("utf-8")


def xlsx_bytes(sheet_name: str, headers: list[str], rows: Iterable[list[str]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    sheet.append([_cell(h) for h in headers])
    for row in rows:
        sheet.append([_cell(c) for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def instruments_xlsx(instruments: QuerySet[Instrument]) -> bytes:
    return xlsx_bytes("Phương tiện đo", EXPORT_HEADERS, instrument_rows(instruments))


def instruments_csv(instruments: QuerySet[Instrument]) -> Iterator[str]:
    return csv_lines(EXPORT_HEADERS, instrument_rows(instruments))


def rejected_file(job: ImportJob) -> tuple[bytes, str, str]:
    """The rejected rows in the uploaded format: (content, content type, file name)."""
    headers, rows = rejected_rows(job)
    base = job.original_name.rsplit(".", 1)[0]
    if job.file_format == ImportJob.Format.XLSX:
        content = xlsx_bytes("Dòng bị từ chối", headers, rows)
        return content, XLSX_TYPE, f"{base}-dong-bi-tu-choi.xlsx"
    return csv_bytes(headers, rows), CSV_TYPE, f"{base}-dong-bi-tu-choi.csv"


def template_csv() -> bytes:
    """An empty CSV with the columns the import reads."""
    return csv_bytes(template_headers(), [])
