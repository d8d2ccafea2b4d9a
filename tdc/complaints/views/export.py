"""CSV and XLSX exports of the complaints a user may see. Identity is never a column.

The files are written by `tdc.reports.tables`, which cleans every cell and keeps text that
looks like a formula as text.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_GET

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.complaints.models import Complaint
from tdc.complaints.views.staff import filtered_complaints
from tdc.core.audit import record
from tdc.reports.tables import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_lines, xlsx_table

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


@login_required
@require_GET
def complaint_export(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    if not can(request.user, Capability.EXPORT_COMPLAINTS):
        raise PermissionDenied
    _form, complaints = filtered_complaints(request)
    kind = request.GET.get("format", "csv")
    stamp = timezone.localdate().strftime("%Y%m%d")
    record(
        actor=request.user,
        action="complaint.exported",
        data={"format": kind, "count": complaints.count(), "filters": request.GET.dict()},
    )
    headers = [label for _key, label in COLUMNS]
    rows = (export_row(complaint) for complaint in complaints.iterator(chunk_size=500))
    if kind == "xlsx":
        response = HttpResponse(
            xlsx_table("Phản ánh", headers, rows), content_type=XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="phan-anh-{stamp}.xlsx"'
        return response
    streaming = StreamingHttpResponse(csv_lines(headers, rows), content_type=CSV_CONTENT_TYPE)
    streaming["Content-Disposition"] = f'attachment; filename="phan-anh-{stamp}.csv"'
    return streaming
