"""CSV and XLSX exports of the complaints a user may see. Identity is never a column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.permissions import has_role
from tdc.complaints.models import Complaint
from tdc.complaints.queries import VIEWING_ROLES
from tdc.complaints.views.staff import filtered_complaints
from tdc.core.audit import record

# The columns, on purpose: no description (a citizen may have written their name in it),
# and nothing from the reporter's table.
COLUMNS: list[tuple[str, str]] = [
    ("reference", "Mã hồ sơ"),
    ("received_on", "Ngày tiếp nhận"),
    ("category", "Lĩnh vực"),
    ("track", "Diện xử lý"),
    ("province", "Tỉnh, thành phố"),
    ("commune", "Xã, phường"),
    ("address", "Địa chỉ"),
    ("business_name", "Cơ sở bị phản ánh"),
    ("status", "Trạng thái"),
    ("outcome", "Kết quả"),
    ("organisation", "Cơ quan xử lý"),
    ("assignee", "Cán bộ xử lý"),
    ("acknowledge_due", "Hạn xác nhận"),
    ("conclude_due", "Hạn giải quyết"),
    ("handled_on", "Ngày xử lý xong"),
    ("handled_on_time", "Đúng hạn"),
]
EXPORT_KEYS = [key for key, _label in COLUMNS]


def _date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def export_row(complaint: Complaint) -> list[str]:
    on_time = {True: "Có", False: "Không", None: ""}[complaint.handled_on_time]
    return [
        complaint.reference,
        _date(timezone.localdate(complaint.created_at)),
        str(complaint.get_category_display()),
        str(complaint.get_track_display()),
        complaint.province.name,
        complaint.commune.name if complaint.commune else "",
        complaint.address,
        complaint.business_name,
        str(complaint.get_status_display()),
        str(complaint.get_outcome_display()) if complaint.outcome else "",
        complaint.organisation.name if complaint.organisation else "",
        str(complaint.assignee) if complaint.assignee else "",
        _date(complaint.acknowledge_due),
        _date(complaint.conclude_due),
        _date(timezone.localdate(complaint.handled_at)) if complaint.handled_at else "",
        on_time,
    ]


def _safe(cell: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(complaints: Iterable[Complaint]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that Excel opens UTF-8 as UTF-8
    yield writer.writerow([label for _key, label in COLUMNS])
    for complaint in complaints:
        yield writer.writerow([_safe(cell) for cell in export_row(complaint)])


@login_required
@require_GET
def complaint_export(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    if not has_role(request.user, *VIEWING_ROLES):
        raise PermissionDenied
    _form, complaints = filtered_complaints(request)
    kind = request.GET.get("format", "csv")
    stamp = timezone.localdate().strftime("%Y%m%d")
    record(
        actor=request.user,
        action="complaint.exported",
        data={"format": kind, "count": complaints.count(), "filters": request.GET.dict()},
    )
    if kind == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Phản ánh")
        sheet.append([label for _key, label in COLUMNS])
        for complaint in complaints.iterator(chunk_size=500):
            sheet.append([_safe(cell) for cell in export_row(complaint)])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="phan-anh-{stamp}.xlsx"'
        return response
    streaming = StreamingHttpResponse(
        _csv_lines(complaints.iterator(chunk_size=500)), content_type="text/csv; charset=utf-8"
    )
    streaming["Content-Disposition"] = f'attachment; filename="phan-anh-{stamp}.csv"'
    return streaming
