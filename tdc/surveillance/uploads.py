"""What surveillance accepts as files: laboratory reports (PDF, DOCX), the laboratory's XLSX of
results, photos. Each bounded in size (and a zip's uncompressed size) by `tdc.core.uploads`."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdc.core.uploads import MB, UploadLimits, check_upload

REPORT_LIMITS = UploadLimits(max_bytes=10 * MB)
DOCX_LIMITS = UploadLimits(max_bytes=10 * MB, zip_based=True)
XLSX_LIMITS = UploadLimits(max_bytes=5 * MB, zip_based=True, max_uncompressed_bytes=50 * MB)
MAX_IMPORT_ROWS = 5000


def _suffix(upload: Any) -> str:
    return PurePath(getattr(upload, "name", "") or "").suffix.lower()


def check_lab_report(upload: Any) -> None:
    suffix = _suffix(upload)
    if suffix not in {".pdf", ".docx"}:
        raise ValidationError(_("Phiếu kết quả thử nghiệm phải là tệp PDF hoặc DOCX."))
    head = upload.read(5)
    upload.seek(0)
    if suffix == ".pdf" and head[:5] != b"%PDF-":
        raise ValidationError(_("Tệp không phải là PDF."))
    if suffix == ".docx" and head[:2] != b"PK":
        raise ValidationError(_("Tệp không phải là DOCX."))
    check_upload(upload, DOCX_LIMITS if suffix == ".docx" else REPORT_LIMITS)


def check_results_workbook(upload: Any) -> None:
    if _suffix(upload) != ".xlsx":
        raise ValidationError(_("Kết quả của phòng thử nghiệm phải là tệp Excel .xlsx."))
    check_upload(upload, XLSX_LIMITS)
