"""Files the register gives out: the instrument list (CSV, XLSX), the rejected rows of an
import, the empty import template.

Every file is written by `tdc.reports.tables`, whose cells are safe on their own: no character
XML cannot hold (openpyxl refuses them), and no cell a spreadsheet program would run as a
formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from tdc.metrology.imports import rejected_rows, template_headers
from tdc.metrology.models import ImportJob, Instrument
from tdc.metrology.queries import with_labels
from tdc.reports.tables import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_bytes, csv_lines, xlsx_table

XLSX_TYPE = XLSX_CONTENT_TYPE
CSV_TYPE = CSV_CONTENT_TYPE
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


def _date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def instrument_rows(instruments: QuerySet[Instrument]) -> Iterator[list[str]]:
    for i in with_labels(instruments)[:EXPORT_LIMIT].iterator(chunk_size=2000):
        yield [
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
        ]


def instruments_xlsx(instruments: QuerySet[Instrument]) -> bytes:
    return xlsx_table("Phương tiện đo", EXPORT_HEADERS, instrument_rows(instruments))


def instruments_csv(instruments: QuerySet[Instrument]) -> Iterator[str]:
    return csv_lines(EXPORT_HEADERS, instrument_rows(instruments))


def rejected_file(job: ImportJob) -> tuple[bytes, str, str]:
    """The rejected rows in the uploaded format: (content, content type, file name)."""
    headers, rows = rejected_rows(job)
    base = job.original_name.rsplit(".", 1)[0]
    if job.file_format == ImportJob.Format.XLSX:
        content = xlsx_table("Dòng bị từ chối", headers, rows)
        return content, XLSX_TYPE, f"{base}-dong-bi-tu-choi.xlsx"
    return csv_bytes(headers, rows), CSV_TYPE, f"{base}-dong-bi-tu-choi.csv"


def template_csv() -> bytes:
    """An empty CSV with the columns the import reads."""
    return csv_bytes(template_headers(), [])
