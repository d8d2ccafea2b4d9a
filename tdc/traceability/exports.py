"""Files the traceability pages hand out, through the safe writers of `tdc.reports` (the QR
labels are in `labels.py`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tdc.reports.tables import xlsx_table
from tdc.traceability.models import LotImport
from tdc.traceability.services.producers import LOT_COLUMNS


def lot_import_errors_xlsx(job: LotImport) -> bytes:
    """The error file of a lot import: each rejected row as it was written, and why."""
    headers = [_("Dòng"), *LOT_COLUMNS, _("Lý do")]
    rows = [[p["row"], *p["values"], p["message"]] for p in job.problems]
    return xlsx_table(_("Lỗi nhập lô hàng"), headers, rows)
