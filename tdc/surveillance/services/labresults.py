"""The laboratory's XLSX of results: every row checked, nothing stored unless all rows pass.

Headers (first row, in any order, accents optional): Mã mẫu, Chỉ tiêu, Kết quả, Đơn vị, and
optionally Độ không đảm bảo đo, Phương pháp. A file with a rejected row stores nothing: the
officer gets an error file (CSV) naming each rejected row and why, corrects the workbook and
uploads it again — so a results sheet is never half in the register.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from tdc.accounts.models import User
from tdc.core.audit import record
from tdc.core.text import clean_text, fold
from tdc.reports.tables import csv_bytes
from tdc.surveillance.models import Criterion, SurveyProgramme, TestResult
from tdc.surveillance.services.surveys import build_result, refresh_verdict
from tdc.surveillance.uploads import MAX_IMPORT_ROWS, check_results_workbook

HEADERS = {
    "sample": ("ma mau",),
    "criterion": ("chi tieu",),
    "measured": ("ket qua",),
    "unit": ("don vi",),
    "uncertainty": ("do khong dam bao do", "dkdb"),
    "method": ("phuong phap", "phuong phap thu"),
}
REQUIRED = ("sample", "criterion", "measured", "unit")
TEMPLATE_HEADERS = ["Mã mẫu", "Chỉ tiêu", "Kết quả", "Đơn vị", "Độ không đảm bảo đo", "Phương pháp"]


@dataclass
class RejectedRow:
    row: int
    sample: str
    criterion: str
    reason: str


@dataclass
class ImportOutcome:
    stored: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    def error_file(self) -> bytes:
        return csv_bytes(
            ["Dòng", "Mã mẫu", "Chỉ tiêu", "Lý do"],
            ([r.row, r.sample, r.criterion, r.reason] for r in self.rejected),
        )


def _message(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def _columns(header: tuple[Any, ...]) -> dict[str, int]:
    folded = [fold(str(cell or "")) for cell in header]
    found: dict[str, int] = {}
    for key, names in HEADERS.items():
        for index, text in enumerate(folded):
            if text in names:
                found[key] = index
                break
    missing = [k for k in REQUIRED if k not in found]
    if missing:
        wanted = ", ".join(TEMPLATE_HEADERS[:4])
        raise ValidationError(
            _("Dòng tiêu đề không đúng mẫu: cần các cột %(wanted)s.") % {"wanted": wanted}
        )
    return found


def _cell(values: tuple[Any, ...], index: int | None) -> str:
    if index is None or index >= len(values) or values[index] is None:
        return ""
    value = values[index]
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text.replace(".", ",")
    return clean_text(str(value), keep_newlines=False).strip()


def read_rows(upload: Any) -> list[tuple[int, dict[str, str]]]:
    """The workbook's rows as (row number, {column: text}); ValidationError for the file."""
    check_results_workbook(upload)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ValidationError(_("Không đọc được tệp Excel này.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ValidationError(_("Tệp không có dữ liệu."))
        columns = _columns(header)
        read: list[tuple[int, dict[str, str]]] = []
        for number, values in enumerate(rows, start=2):
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            if len(read) >= MAX_IMPORT_ROWS:
                raise ValidationError(
                    _("Tệp có quá %(n)s dòng kết quả: hãy chia nhỏ.") % {"n": MAX_IMPORT_ROWS}
                )
            read.append((number, {key: _cell(values, columns.get(key)) for key in HEADERS}))
        return read
    finally:
        workbook.close()


def import_lab_results(programme: SurveyProgramme, *, upload: Any, by: User) -> ImportOutcome:
    """Check every row; store them all in one transaction, or none and report each rejection."""
    rows = read_rows(upload)
    outcome = ImportOutcome()
    if not rows:
        raise ValidationError(_("Tệp không có dòng kết quả nào."))
    samples = {s.code: s for s in programme.samples.select_related("product")}
    criteria: dict[tuple[int, str], Criterion] = {}
    for one in Criterion.objects.filter(
        category__in=[s.product.category_id for s in samples.values()]
    ):
        criteria[(one.category_id, fold(one.name))] = one
    existing = set(
        TestResult.objects.filter(sample__programme=programme).values_list(
            "sample__code", "criterion_id"
        )
    )
    seen: set[tuple[str, int]] = set()
    built: list[TestResult] = []
    for number, row in rows:
        sample = samples.get(row["sample"])
        if sample is None:
            reason = _("Không có mẫu mã “%(code)s” trong chương trình.") % {"code": row["sample"]}
            outcome.rejected.append(RejectedRow(number, row["sample"], row["criterion"], reason))
            continue
        criterion = criteria.get((sample.product.category_id, fold(row["criterion"])))
        if criterion is None:
            reason = _("Chỉ tiêu “%(name)s” không có trong quy chuẩn của nhóm sản phẩm.") % {
                "name": row["criterion"]
            }
            outcome.rejected.append(RejectedRow(number, row["sample"], row["criterion"], reason))
            continue
        key = (sample.code, criterion.pk)
        if key in existing or key in seen:
            reason = _("Trùng kết quả: mẫu %(code)s đã có chỉ tiêu này.") % {"code": sample.code}
            outcome.rejected.append(RejectedRow(number, row["sample"], row["criterion"], reason))
            continue
        seen.add(key)
        try:
            result = build_result(
                sample,
                criterion=criterion,
                measured=row["measured"],
                unit=row["unit"],
                by=by,
                uncertainty=row["uncertainty"],
                method=row["method"],
            )
        except ValidationError as error:
            outcome.rejected.append(
                RejectedRow(number, row["sample"], row["criterion"], _message(error))
            )
            continue
        built.append(result)
    if outcome.rejected:
        return outcome
    with transaction.atomic():
        TestResult.objects.bulk_create(built)
        touched = {r.sample_id: r.sample for r in built}
        for sample in touched.values():
            refresh_verdict(sample)
        record(
            actor=by,
            action="surveillance.results_imported",
            target=programme,
            data={"rows": len(built), "samples": sorted(touched)},
        )
    outcome.stored = len(built)
    return outcome


def template_workbook() -> bytes:
    from tdc.reports.tables import xlsx_table

    return xlsx_table("Kết quả", TEMPLATE_HEADERS, [])
