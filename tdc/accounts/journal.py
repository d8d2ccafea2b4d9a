"""The audit log as people read it: events in Vietnamese, changes as "field: old → new".

The log stores stable codes ("auth.login", "plans.task", {"changes": {...}}); this module
turns them into words for the audit page. Actions, record kinds and field names come from a
table here, from the models' own verbose names, or from a generic wording: never a code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.models import AuditEvent
from tdc.core.text import shorten

VERBS = {
    "login": gettext_lazy("đăng nhập"),
    "login_failed": gettext_lazy("đăng nhập không thành công"),
    "logout": gettext_lazy("đăng xuất"),
    "password_reset_done": gettext_lazy("đặt lại mật khẩu"),
    "second_factor_enrolled": gettext_lazy("cài xác thực hai bước"),
    "second_factor_failed": gettext_lazy("nhập sai mã xác thực hai bước"),
    "second_factor_verified": gettext_lazy("xác thực hai bước"),
    "created": gettext_lazy("tạo"),
    "updated": gettext_lazy("sửa"),
    "changed": gettext_lazy("sửa"),
    "deleted": gettext_lazy("xóa"),
    "issued": gettext_lazy("cấp"),
    "revoked": gettext_lazy("thu hồi"),
    "submitted": gettext_lazy("gửi"),
    "recorded": gettext_lazy("nhập (nhận qua kênh khác)"),
    "assigned": gettext_lazy("giao"),
    "reassigned": gettext_lazy("giao lại"),
    "status_changed": gettext_lazy("chuyển trạng thái"),
    "exported": gettext_lazy("xuất danh sách"),
    "imported": gettext_lazy("nhập"),
    "uploaded": gettext_lazy("tải lên"),
    "verified": gettext_lazy("ghi kết quả kiểm định"),
    "registered": gettext_lazy("đăng ký"),
    "reminder_sent": gettext_lazy("gửi nhắc hạn"),
    "started": gettext_lazy("bắt đầu"),
    "resumed": gettext_lazy("tiếp tục"),
    "picked_up": gettext_lazy("bắt đầu xử lý"),
    "opened": gettext_lazy("mở"),
    "answered": gettext_lazy("trả lời"),
    "finalised": gettext_lazy("hoàn thành"),
    "refreshed": gettext_lazy("cập nhật số liệu"),
    "saved": gettext_lazy("lưu"),
    "split": gettext_lazy("tách"),
    "merged": gettext_lazy("gộp"),
    "transferred": gettext_lazy("chuyển"),
    "rerouted": gettext_lazy("định tuyến lại"),
    "identity_viewed": gettext_lazy("xem danh tính người phản ánh"),
    "identity_disclosure_requested": gettext_lazy("đề nghị công khai danh tính"),
    "identity_disclosure_refused": gettext_lazy("từ chối công khai danh tính"),
    "citizen_replied": gettext_lazy("nhận trả lời của người dân"),
    "question_asked": gettext_lazy("hỏi người phản ánh"),
    "settlement_extended": gettext_lazy("gia hạn giải quyết"),
    "track_changed": gettext_lazy("chuyển diện xử lý"),
    "version_added": gettext_lazy("thêm phiên bản"),
    "list_published": gettext_lazy("công bố danh mục sửa đổi"),
    "value_recorded": gettext_lazy("ghi số liệu"),
    "value_changed": gettext_lazy("sửa số liệu"),
    "evidence_removed": gettext_lazy("gỡ tài liệu minh chứng"),
    "reports_expected": gettext_lazy("xác định báo cáo phải gửi"),
    "draft_created": gettext_lazy("tạo bản đọc"),
    "draft_corrected": gettext_lazy("sửa bản đọc"),
    "draft_discarded": gettext_lazy("bỏ bản đọc"),
    "parse_failed": gettext_lazy("đọc tệp không thành công"),
    "parse_requeued": gettext_lazy("xếp lại hàng đợi đọc tệp"),
    "parse_retried": gettext_lazy("đọc lại tệp"),
    "roles_changed": gettext_lazy("đổi vai trò"),
    "dost_kind_withdrawn": gettext_lazy("bỏ loại Sở KH&CN"),
    "attachment_recleaned": gettext_lazy("làm sạch lại tệp đính kèm"),
    "identity_keys_pruned": gettext_lazy("xóa khóa danh tính cũ"),
    "identity_keys_rotated": gettext_lazy("đổi khóa danh tính"),
}
NOUNS = {
    "auth": gettext_lazy("tài khoản"),
    "api_token": gettext_lazy("khóa API"),
    "complaint": gettext_lazy("phản ánh"),
    "explanation_request": gettext_lazy("yêu cầu giải trình"),
    "holiday": gettext_lazy("ngày nghỉ"),
    "indicator": gettext_lazy("chỉ tiêu"),
    "instrument": gettext_lazy("phương tiện đo"),
    "instrument_import": gettext_lazy("tệp nhập phương tiện đo"),
    "instrument_type": gettext_lazy("loại phương tiện đo"),
    "organisation": gettext_lazy("cơ quan, tổ chức"),
    "plan": gettext_lazy("kế hoạch"),
    "plan_import": gettext_lazy("tệp kế hoạch"),
    "progress_report": gettext_lazy("báo cáo tiến độ"),
    "reporting_period": gettext_lazy("kỳ báo cáo"),
    "routing_rule": gettext_lazy("quy tắc định tuyến"),
    "synthesis": gettext_lazy("báo cáo tổng hợp"),
    "task": gettext_lazy("nhiệm vụ"),
    "user": gettext_lazy("người dùng"),
}
# Report workflow steps are recorded as bare verbs.
BARE = {
    "submit": gettext_lazy("Gửi báo cáo"),
    "approve": gettext_lazy("Lãnh đạo đơn vị duyệt báo cáo"),
    "send_back": gettext_lazy("Lãnh đạo đơn vị trả lại báo cáo"),
    "accept": gettext_lazy("Sở tiếp nhận báo cáo"),
    "return": gettext_lazy("Sở trả lại báo cáo"),
    "reopen": gettext_lazy("Mở lại báo cáo"),
    "confirm": gettext_lazy("Xác nhận"),
    "view": gettext_lazy("Xem"),
    "change": gettext_lazy("Sửa"),
}
KEYS = {
    "category": gettext_lazy("lĩnh vực"),
    "track": gettext_lazy("diện xử lý"),
    "channel": gettext_lazy("kênh tiếp nhận"),
    "anonymous": gettext_lazy("ẩn danh"),
    "organisation": gettext_lazy("cơ quan"),
    "format": gettext_lazy("định dạng"),
    "count": gettext_lazy("số bản ghi"),
    "filters": gettext_lazy("bộ lọc"),
    "reason": gettext_lazy("lý do"),
    "note": gettext_lazy("ghi chú"),
    "status": gettext_lazy("trạng thái"),
    "from": gettext_lazy("từ"),
    "to": gettext_lazy("sang"),
    "roles": gettext_lazy("vai trò"),
    "username": gettext_lazy("tên đăng nhập"),
    "result": gettext_lazy("kết quả"),
    "rows": gettext_lazy("số dòng"),
    "version": gettext_lazy("phiên bản"),
    "types": gettext_lazy("số loại"),
    "filename": gettext_lazy("tệp"),
}


@dataclass(frozen=True)
class Line:
    label: str
    old: str
    new: str
    is_change: bool


@dataclass(frozen=True)
class Entry:
    event: AuditEvent
    action: str
    target_kind: str
    lines: list[Line]


def _model(target_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(target_type) if target_type else None
    except (LookupError, ValueError):
        return None


def action_label(action: str) -> str:
    if action in BARE:
        return str(BARE[action])
    noun, _dot, verb = action.partition(".")
    if verb in VERBS:
        return f"{str(VERBS[verb]).capitalize()} {NOUNS.get(noun, '')}".strip()
    if noun in NOUNS:
        return _("Thao tác trên %(noun)s") % {"noun": NOUNS[noun]}
    return _("Thao tác khác")


def target_kind(target_type: str) -> str:
    model = _model(target_type)
    return str(model._meta.verbose_name).capitalize() if model is not None else ""


def _field_label(model: type[models.Model] | None, key: str) -> str:
    if key in KEYS:
        return str(KEYS[key])
    if model is not None:
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            field = None
        if isinstance(field, models.Field):
            return str(field.verbose_name)
    return key.replace("_", " ")


def _choice_label(model: type[models.Model] | None, key: str, value: Any) -> str | None:
    if model is None or not isinstance(value, str | int):
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    choices = dict(getattr(field, "flatchoices", None) or [])
    return str(choices[value]) if value in choices else None


def display_value(value: Any, *, model: type[models.Model] | None = None, key: str = "") -> str:
    """A stored value in words: dates dd/mm/yyyy, yes/no, lists, choice labels; long text cut
    between words."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    label = _choice_label(model, key, value)
    if label is not None:
        return label
    if isinstance(value, list):
        return ", ".join(display_value(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(
            f"{_field_label(model, str(k))}: {display_value(v)}" for k, v in value.items()
        )
    if isinstance(value, str):
        for parse, fmt in (
            (dt.date.fromisoformat, "d/m/Y"),
            (dt.datetime.fromisoformat, "d/m/Y H:i"),
        ):
            if len(value) in (10, 19, 25, 26, 32) and value[:4].isdigit() and value[4:5] == "-":
                try:
                    return date_format(parse(value), fmt)
                except ValueError:
                    continue
        return shorten(value, 160)
    return str(value)


def lines_of(event: AuditEvent) -> list[Line]:
    model = _model(event.target_type)
    data = event.data if isinstance(event.data, dict) else {}
    lines = []
    for key, change in (data.get("changes") or {}).items():
        old = change.get("old") if isinstance(change, dict) else None
        new = change.get("new") if isinstance(change, dict) else change
        lines.append(
            Line(
                label=_field_label(model, key),
                old=display_value(old, model=model, key=key),
                new=display_value(new, model=model, key=key),
                is_change=True,
            )
        )
    for key, value in data.items():
        if key == "changes":
            continue
        lines.append(
            Line(
                label=_field_label(model, key),
                old="",
                new=display_value(value, model=model, key=key),
                is_change=False,
            )
        )
    return lines


def entries(events: Any) -> list[Entry]:
    return [
        Entry(
            event=event,
            action=action_label(event.action),
            target_kind=target_kind(event.target_type),
            lines=lines_of(event),
        )
        for event in events
    ]
