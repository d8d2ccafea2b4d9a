"""Files the capacity pages hand out, through the safe writers of `tdc.reports`."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tdc.capacity.models import AttendanceImport
from tdc.reports.tables import xlsx_table


def attendance_errors_xlsx(job: AttendanceImport) -> bytes:
    """The error file of an attendance import: each refused or merged row and why."""
    headers = [_("Dòng"), _("Họ và tên"), _("Cơ quan, đơn vị"), _("Lỗi"), _("Chặn việc nhập")]
    rows = [
        [
            problem["row"],
            problem["name"],
            problem["organisation"],
            problem["message"],
            _("Có") if problem["blocking"] else _("Không"),
        ]
        for problem in job.problems
    ]
    return xlsx_table(_("Lỗi danh sách học viên"), headers, rows)
