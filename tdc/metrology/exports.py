"""Files the register gives out: the instrument list (CSV, XLSX), the rejected rows of an
import, the empty import template.

Every file is written by `tdc.reports.tables`, whose cells are safe on their own: no character
XML cannot hold (openpyxl refuses them), and no cell a spreadsheet program would run as a
formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tdc.metrology.imports import rejected_rows, template_headers
from tdc.metrology.models import ImportJob, Instrument, Verification, VerificationForm
from tdc.metrology.queries import with_labels
from tdc.reports.cells import safe_sheet_name, xlsx_row
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


def template_csv(*, type_names: list[str], commune: str, verifier: str) -> bytes:
    """The CSV template: the columns the import reads and one example row."""
    examples = template_examples(type_names=type_names, commune=commune, verifier=verifier)
    return csv_bytes(template_headers(), examples[:1])


# --- The import template a business fills without reading any documentation ---------------

TEMPLATE_SHEET = "Phương tiện đo"
LISTS_SHEET = "Danh sách"
HELP_SHEET = "Hướng dẫn"
STATUS_LABELS = [str(label) for _value, label in Instrument.Status.choices]
FORM_LABELS = [str(label) for _value, label in VerificationForm.choices]
RESULT_LABELS = [str(label) for _value, label in Verification.Result.choices]
# Which column of the template takes which list (header → list on the lists sheet).
LISTED = {
    "Loại phương tiện đo": 0,
    "Trạng thái": 1,
    "Hình thức kiểm định": 2,
    "Kết quả": 3,
}
INSTRUCTIONS = [
    "Cách điền tệp nhập phương tiện đo nhóm 2",
    "",
    "1. Mỗi dòng của trang “Phương tiện đo” là một phương tiện đo. Hai dòng đầu là ví dụ: "
    "hãy xóa hoặc ghi đè trước khi nhập.",
    "2. Bắt buộc: Loại phương tiện đo, Số sản xuất, Xã, phường. Các cột khác có thể để trống.",
    "3. Loại phương tiện đo, Trạng thái, Hình thức kiểm định, Kết quả: chọn trong danh sách "
    "thả xuống của ô (lấy từ trang “Danh sách”).",
    "4. Xã, phường: ghi đúng tên sau sắp xếp năm 2025, ví dụ “Phường Nha Trang”.",
    "5. Ngày kiểm định: ghi theo dạng ngày/tháng/năm, ví dụ 15/03/2025.",
    "6. Mã số thuế chủ sở hữu: doanh nghiệp nhập phương tiện của chính mình thì để trống.",
    "7. Nếu có lần kiểm định, ghi thêm Đơn vị kiểm định (tên tổ chức kiểm định), Kết quả và "
    "Số tem; số tem là số in trên tem kiểm định dán trên phương tiện.",
    "8. Lưu tệp dạng .xlsx (hoặc .csv UTF-8) rồi tải lên tại trang “Nhập từ tệp”. Dòng nào "
    "không nhập được sẽ có trong tệp “dòng bị từ chối” kèm lý do: sửa rồi nhập lại tệp đó.",
]


def template_examples(*, type_names: list[str], commune: str, verifier: str) -> list[list[object]]:
    """Two example rows in the template's column order: one verified, one not yet."""
    headers = template_headers()
    first = type_names[0] if type_names else ""
    examples = [
        {
            "Loại phương tiện đo": first,
            "Số sản xuất": "VD-0001",
            "Nhà sản xuất": "Tatsuno",
            "Kiểu": "SUNNY-2",
            "Phạm vi đo": "5–50 L/min",
            "Cấp chính xác": "0,5",
            "Xã, phường": commune,
            "Địa chỉ": "Cửa hàng xăng dầu số 1, 12 Trần Phú",
            "Trạng thái": STATUS_LABELS[0],
            "Ngày kiểm định": "15/03/2025",
            "Hình thức kiểm định": FORM_LABELS[1],
            "Đơn vị kiểm định": verifier,
            "Kết quả": RESULT_LABELS[0],
            "Số tem": "VD-TEM-0001",
            "Số giấy chứng nhận": "VD-GCN-0001",
        },
        {
            "Loại phương tiện đo": first,
            "Số sản xuất": "VD-0002",
            "Xã, phường": commune,
            "Trạng thái": STATUS_LABELS[0],
        },
    ]
    return [[example.get(header, "") for header in headers] for example in examples]


def template_xlsx(*, type_names: list[str], commune: str, verifier: str) -> bytes:
    """The import template: headers, two example rows, drop-down lists for the listed columns
    (from a lists sheet), and a sheet of instructions in Vietnamese."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = safe_sheet_name(TEMPLATE_SHEET)
    headers = template_headers()
    sheet.append(xlsx_row(sheet, headers))
    for row in template_examples(type_names=type_names, commune=commune, verifier=verifier):
        sheet.append(xlsx_row(sheet, row))
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(header) + 4)
    sheet.freeze_panes = "A2"

    lists = workbook.create_sheet(safe_sheet_name(LISTS_SHEET))
    columns = [type_names, STATUS_LABELS, FORM_LABELS, RESULT_LABELS]
    titles = ["Loại phương tiện đo", "Trạng thái", "Hình thức kiểm định", "Kết quả"]
    lists.append(xlsx_row(lists, titles))
    for i in range(max(len(c) for c in columns)):
        lists.append(xlsx_row(lists, [c[i] if i < len(c) else "" for c in columns]))
    for index, header in enumerate(headers, start=1):
        if header not in LISTED:
            continue
        column = LISTED[header]
        letter = get_column_letter(column + 1)
        source = f"'{lists.title}'!${letter}$2:${letter}${len(columns[column]) + 1}"
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không có trong danh sách",
            error="Hãy chọn một giá trị trong danh sách thả xuống.",
        )
        sheet.add_data_validation(validation)
        cell_letter = get_column_letter(index)
        validation.add(f"{cell_letter}2:{cell_letter}5000")

    guide = workbook.create_sheet(safe_sheet_name(HELP_SHEET))
    for line in INSTRUCTIONS:
        guide.append(xlsx_row(guide, [line]))
    guide.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
