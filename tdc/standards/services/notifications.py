"""WTO TBT notifications imported from ePing exports (CSV, XLSX or JSON), and their
Vietnamese summaries. A file with any row in error imports nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import edit_with_audit, record
from tdc.core.text import clean_text
from tdc.standards import ics as ics_codes
from tdc.standards.files import FileRefused, parse_date, read_table
from tdc.standards.models import Notification

COLUMNS: dict[str, tuple[str, ...]] = {
    "symbol": ("Symbol", "Document symbol", "Ký hiệu", "Số thông báo"),
    "member": ("Member", "Notifying member", "Thành viên", "Thành viên thông báo"),
    "title": ("Title", "Tiêu đề"),
    "products": ("Products", "Products covered", "Product", "Sản phẩm"),
    "hs": ("HS", "HS codes", "HS code", "Mã HS"),
    "ics": ("ICS", "ICS codes", "ICS code", "Mã ICS"),
    "objective": ("Objective", "Objectives", "Rationale", "Mục tiêu"),
    "distributed_on": ("Date of distribution", "Distribution date", "Ngày phân phối"),
    "comment_deadline": ("Final date for comments", "Comment deadline", "Hạn góp ý"),
    "link": ("Link", "URL", "Document link", "Đường dẫn"),
    "summary_vi": ("Tóm tắt", "Tóm tắt tiếng Việt"),
}
REQUIRED = ("symbol", "title")

SYMBOL = re.compile(
    r"^G/TBT/N/(?P<member>[A-Z]{2,4})/(?P<number>\d{1,5})"
    r"(?P<rev>/Rev\.\d{1,2})?(?P<add>/Add\.\d{1,3}(?:/Rev\.\d{1,2})?)?(?P<corr>/Corr\.\d{1,2})?$"
)


def parse_symbol(text: str) -> tuple[str, str, str]:
    """ "G/TBT/N/USA/1234/Add.1" → (member "USA", base "G/TBT/N/USA/1234", kind "addendum")."""
    symbol = "".join(text.split())
    match = SYMBOL.match(symbol)
    if match is None:
        raise ValueError(
            _(
                "ký hiệu “%(symbol)s” không đúng dạng G/TBT/N/<thành viên>/<số> "
                "(có thể kèm /Rev.n, /Add.n, /Corr.n)"
            )
            % {"symbol": text}
        )
    base = f"G/TBT/N/{match['member']}/{match['number']}"
    if match["corr"]:
        kind = Notification.Kind.CORRIGENDUM
    elif match["add"]:
        kind = Notification.Kind.ADDENDUM
    elif match["rev"]:
        kind = Notification.Kind.REVISION
    else:
        kind = Notification.Kind.REGULAR
    return match["member"], base, str(kind)


@dataclass
class NotificationImport:
    created: int = 0
    updated: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)


def _values(values: dict[str, str]) -> dict[str, Any]:
    member, base, kind = parse_symbol(values.get("symbol", ""))
    codes = ics_codes.split_codes(values.get("ics", ""))
    unknown = [code for code in codes if not ics_codes.is_known(code)]
    if unknown:
        raise ValueError(_("mã ICS không tồn tại: %(codes)s") % {"codes": ", ".join(unknown)})
    dates = {}
    for key, label in (
        ("distributed_on", _("ngày phân phối")),
        ("comment_deadline", _("hạn góp ý")),
    ):
        try:
            dates[key] = parse_date(values.get(key, ""))
        except ValueError:
            raise ValueError(
                _("%(what)s “%(value)s” không phải là ngày") % {"what": label, "value": values[key]}
            ) from None
    link = values.get("link", "").strip()
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise ValueError(_("đường dẫn “%(link)s” không hợp lệ") % {"link": link}) from None
    title = values.get("title", "").strip()
    if not title:
        raise ValueError(_("thiếu tiêu đề"))
    return {
        "symbol": "".join(values["symbol"].split()),
        "base_symbol": base,
        "kind": kind,
        "member": member,
        "member_name": values.get("member", "").strip()[:200],
        "title": title[:1000],
        "products": values.get("products", "").strip(),
        "hs": ics_codes.split_hs(values.get("hs", "")),
        "ics": codes,
        "objective": values.get("objective", "").strip(),
        "link": link[:500],
        "summary_vi": clean_text(values.get("summary_vi", "")).strip(),
        **dates,
    }


@transaction.atomic
def import_notifications(data: bytes, *, filename: str, by: User) -> NotificationImport:
    """Create or update notifications by symbol; with any row rejected, change nothing."""
    try:
        table = read_table(data, filename, COLUMNS, REQUIRED)
    except FileRefused as error:
        raise ValidationError(str(error)) from None
    result = NotificationImport()
    parsed: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for number, values in table.rows:
        try:
            row = _values(values)
        except ValueError as error:
            result.rejected.append(
                {"row": number, "symbol": values.get("symbol", ""), "reason": str(error)}
            )
            continue
        if row["symbol"] in seen:
            result.rejected.append(
                {
                    "row": number,
                    "symbol": row["symbol"],
                    "reason": _("trùng ký hiệu với dòng %(row)s") % {"row": seen[row["symbol"]]},
                }
            )
            continue
        seen[row["symbol"]] = number
        parsed[row["symbol"]] = row
    if result.rejected:
        return result
    existing = {n.symbol: n for n in Notification.objects.filter(symbol__in=list(parsed))}
    for symbol, row in parsed.items():
        notification = existing.get(symbol)
        if notification is None:
            notification = Notification(**row)
            result.created += 1
        else:
            summary = row.pop("summary_vi") or notification.summary_vi
            for key, value in row.items():
                setattr(notification, key, value)
            notification.summary_vi = summary
            result.updated += 1
        notification.refresh_search()
        notification.full_clean(validate_unique=False)
        notification.save()
    record(
        actor=by,
        action="standards.notifications_imported",
        data={"file": filename[:255], "created": result.created, "updated": result.updated},
    )
    return result


def write_notification_summary(
    notification: Notification, *, summary: str, by: User
) -> Notification:
    """The officer's Vietnamese summary of a notification."""
    with transaction.atomic():
        edit_with_audit(
            notification,
            by=by,
            fields=["summary_vi"],
            values={"summary_vi": clean_text(summary).strip()},
            action="standards.notification_summarised",
            before_save=Notification.refresh_search,
        )
    return notification
