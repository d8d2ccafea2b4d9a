"""Importing the catalogue: read a file, compare it with the catalogue, apply the difference.

The preview (`read_catalogue_file`) stores the valid rows, every rejected row with its reason and
the difference (new, changed, withdrawn). `apply_catalogue_import` applies it in one
transaction, and only when no row was rejected: nothing is ever half-applied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import record
from tdc.core.products import product_notices_changed
from tdc.core.text import fold
from tdc.core.uploads import check_upload
from tdc.standards import ics as ics_codes
from tdc.standards.files import CSV_LIMITS, XLSX_LIMITS, FileRefused, parse_date, read_table
from tdc.standards.models import CatalogueImport, Standard, StandardChange, number_key

COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("Số hiệu", "Số hiệu tiêu chuẩn", "Number", "Ký hiệu"),
    "title_vi": ("Tên tiếng Việt", "Tên tiêu chuẩn", "Tên", "Title (vi)"),
    "title_en": ("Tên tiếng Anh", "English title", "Title (en)", "Title"),
    "kind": ("Loại", "Kind"),
    "ics": ("ICS", "Mã ICS"),
    "hs": ("HS", "Mã HS"),
    "status": ("Trạng thái", "Status"),
    "replaced_by": ("Thay thế bằng", "Được thay thế bằng", "Replaced by"),
    "adoption": ("Mức độ chấp nhận", "Mức độ tương đương", "Adoption"),
    "adopted_from": ("Tiêu chuẩn gốc", "Tiêu chuẩn được chấp nhận", "Adopted from"),
    "decision": ("Quyết định công bố", "Decision"),
    "committee": ("Ban kỹ thuật", "Technical committee"),
    "issued_on": ("Ngày công bố", "Issued on"),
}
REQUIRED = ("number", "title_vi")
# The fields a re-import compares and updates.
FIELDS = (
    "number",
    "kind",
    "title_vi",
    "title_en",
    "ics",
    "hs",
    "status",
    "replaced_by",
    "adoption",
    "adopted_from",
    "decision",
    "committee",
    "issued_on",
)
SHOWN = 200  # rows of each kind kept for the preview page

_STATUS_WORDS = {
    "": Standard.Status.IN_FORCE,
    "con hieu luc": Standard.Status.IN_FORCE,
    "hieu luc": Standard.Status.IN_FORCE,
    "in force": Standard.Status.IN_FORCE,
    "in_force": Standard.Status.IN_FORCE,
    "da duoc thay the": Standard.Status.REPLACED,
    "duoc thay the": Standard.Status.REPLACED,
    "bi thay the": Standard.Status.REPLACED,
    "thay the": Standard.Status.REPLACED,
    "replaced": Standard.Status.REPLACED,
    "da huy bo": Standard.Status.WITHDRAWN,
    "huy bo": Standard.Status.WITHDRAWN,
    "da huy": Standard.Status.WITHDRAWN,
    "het hieu luc": Standard.Status.WITHDRAWN,
    "withdrawn": Standard.Status.WITHDRAWN,
}
_KIND_PREFIXES = (
    ("qcdp", Standard.Kind.QCDP),
    ("qcvn", Standard.Kind.QCVN),
    ("tccs", Standard.Kind.TCCS),
    ("tcvn", Standard.Kind.TCVN),
)


def _kind(text: str, number: str) -> str:
    folded = fold(text)
    for value, label in Standard.Kind.choices:
        if folded in (value, fold(str(label))) or (folded and folded in fold(str(label))):
            return value
    if folded:
        raise ValueError(_("loại “%(kind)s” không có trong danh mục") % {"kind": text})
    key = number_key(number)
    for prefix, kind in _KIND_PREFIXES:
        if key.startswith(prefix):
            return kind
    return Standard.Kind.INTERNATIONAL


def _row(values: dict[str, str]) -> dict[str, Any]:
    """One file row as the catalogue keeps it; ValueError names what is wrong."""
    number = " ".join(values.get("number", "").split())
    title = values.get("title_vi", "").strip()
    if not number:
        raise ValueError(_("thiếu số hiệu"))
    if not number_key(number):
        raise ValueError(_("số hiệu “%(number)s” không hợp lệ") % {"number": number})
    if len(number) > 100:
        raise ValueError(_("số hiệu dài quá 100 ký tự"))
    if not title:
        raise ValueError(_("thiếu tên tiếng Việt"))
    codes = ics_codes.split_codes(values.get("ics", ""))
    unknown = [code for code in codes if not ics_codes.is_known(code)]
    if unknown:
        raise ValueError(_("mã ICS không tồn tại: %(codes)s") % {"codes": ", ".join(unknown)})
    status_text = fold(values.get("status", ""))
    if status_text not in _STATUS_WORDS:
        raise ValueError(
            _("trạng thái “%(status)s” không hợp lệ (Còn hiệu lực, Đã được thay thế, Đã hủy bỏ)")
            % {"status": values.get("status", "")}
        )
    adoption = values.get("adoption", "").strip().upper()
    if adoption not in ("", "IDT", "MOD", "NEQ"):
        raise ValueError(
            _("mức độ chấp nhận “%(value)s” không hợp lệ (IDT, MOD hoặc NEQ)")
            % {"value": values.get("adoption", "")}
        )
    try:
        issued = parse_date(values.get("issued_on", ""))
    except ValueError:
        raise ValueError(
            _("ngày công bố “%(value)s” không đúng dạng dd/mm/yyyy")
            % {"value": values.get("issued_on", "")}
        ) from None
    return {
        "number": number,
        "kind": _kind(values.get("kind", ""), number),
        "title_vi": title[:500],
        "title_en": values.get("title_en", "").strip()[:500],
        "ics": codes,
        "hs": ics_codes.split_hs(values.get("hs", "")),
        "status": str(_STATUS_WORDS[status_text]),
        "replaced_by": " ".join(values.get("replaced_by", "").split())[:100],
        "adoption": adoption,
        "adopted_from": values.get("adopted_from", "").strip()[:200],
        "decision": values.get("decision", "").strip()[:200],
        "committee": values.get("committee", "").strip()[:100],
        "issued_on": issued.isoformat() if issued else None,
    }


def _stored(standard: Standard) -> dict[str, Any]:
    values = {field: getattr(standard, field) for field in FIELDS}
    values["issued_on"] = standard.issued_on.isoformat() if standard.issued_on else None
    return values


def _existing(keys: Iterable[str]) -> dict[str, Standard]:
    found: dict[str, Standard] = {}
    keys = list(keys)
    for start in range(0, len(keys), 5000):
        for standard in Standard.objects.filter(number_key__in=keys[start : start + 5000]):
            found[standard.number_key] = standard
    return found


def compare(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The difference between valid file rows and the catalogue."""
    existing = _existing(number_key(row["number"]) for row in rows)
    new: list[str] = []
    changed: list[dict[str, Any]] = []
    withdrawn: list[dict[str, Any]] = []
    unchanged = 0
    for row in rows:
        current = existing.get(number_key(row["number"]))
        if current is None:
            new.append(row["number"])
            continue
        before = _stored(current)
        fields = {f: [before[f], row[f]] for f in FIELDS if before[f] != row[f]}
        if not fields:
            unchanged += 1
        elif "status" in fields and row["status"] != Standard.Status.IN_FORCE:
            withdrawn.append({"number": row["number"], "status": row["status"], "fields": fields})
        else:
            changed.append({"number": row["number"], "fields": fields})
    return {
        "counts": {
            "new": len(new),
            "changed": len(changed),
            "withdrawn": len(withdrawn),
            "unchanged": unchanged,
        },
        "new": new[:SHOWN],
        "changed": changed[:SHOWN],
        "withdrawn": withdrawn[:SHOWN],
    }


def check_catalogue_upload(upload: Any, filename: str) -> None:
    """Refuse, before it is read whole, a catalogue file over the limits `read_catalogue_file`
    applies: its size, and for an XLSX the unpacked size its zip directory announces.
    `upload`: an uploaded file or the bytes. Raises ValidationError (Vietnamese, the limit)."""
    check_upload(upload, XLSX_LIMITS if filename.lower().endswith(".xlsx") else CSV_LIMITS)


@transaction.atomic
def read_catalogue_file(data: bytes, *, filename: str, by: User) -> CatalogueImport:
    """Read a catalogue file and store the preview. A file refused as a whole raises
    ValidationError; rows refused one by one are kept with their reasons."""
    try:
        table = read_table(data, filename, COLUMNS, REQUIRED)
    except FileRefused as error:
        raise ValidationError(str(error)) from None
    rows: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    for number, values in table.rows:
        try:
            row = _row(values)
        except ValueError as error:
            rejected.append(
                {"row": number, "number": values.get("number", ""), "reason": str(error)}
            )
            continue
        key = number_key(row["number"])
        if key in first_row:
            rejected.append(
                {
                    "row": number,
                    "number": row["number"],
                    "reason": _("trùng số hiệu với dòng %(row)s") % {"row": first_row[key]},
                }
            )
            continue
        first_row[key] = number
        rows.append(row)
    if not rows and not rejected:
        raise ValidationError(_("Tệp không có dòng dữ liệu nào."))
    catalogue_import = CatalogueImport(
        created_by=by, filename=filename[:255], rows=rows, rejected=rejected, diff=compare(rows)
    )
    catalogue_import.full_clean()
    catalogue_import.save()
    record(
        actor=by,
        action="standards.catalogue_read",
        target=catalogue_import,
        data={"rows": len(rows), "rejected": len(rejected)},
    )
    return catalogue_import


def _standard(row: dict[str, Any]) -> Standard:
    values = dict(row)
    values["issued_on"] = dt.date.fromisoformat(row["issued_on"]) if row["issued_on"] else None
    standard = Standard(**values)
    standard.refresh_search()
    return standard


def _change_kind(status: str) -> str:
    if status == Standard.Status.REPLACED:
        return StandardChange.Kind.REPLACED
    if status == Standard.Status.WITHDRAWN:
        return StandardChange.Kind.WITHDRAWN
    return StandardChange.Kind.CHANGED


@transaction.atomic
def apply_catalogue_import(catalogue_import: CatalogueImport, *, by: User) -> dict[str, int]:
    """Apply a previewed import to the catalogue, all of it or nothing."""
    locked = CatalogueImport.objects.select_for_update().get(pk=catalogue_import.pk)
    if locked.status != CatalogueImport.Status.PREVIEW:
        raise ValidationError(_("Lượt nhập này đã được áp dụng hoặc đã hủy."))
    if locked.rejected:
        raise ValidationError(
            _(
                "Tệp còn %(n)s dòng lỗi: hãy sửa các dòng đó rồi nhập lại. Chưa có thay đổi nào "
                "được áp dụng."
            )
            % {"n": len(locked.rejected)}
        )
    today = timezone.localdate()
    existing = _existing(number_key(row["number"]) for row in locked.rows)
    created: list[Standard] = []
    updated: list[Standard] = []
    changes: list[StandardChange] = []
    for row in locked.rows:
        current = existing.get(number_key(row["number"]))
        if current is None:
            standard = _standard(row)
            standard.status_changed_on = (
                today if row["status"] != Standard.Status.IN_FORCE else None
            )
            created.append(standard)
            continue
        before = _stored(current)
        fields = {f: [before[f], row[f]] for f in FIELDS if before[f] != row[f]}
        if not fields:
            continue
        fresh = _standard(row)
        for field in FIELDS:
            setattr(current, field, getattr(fresh, field))
        current.refresh_search()
        kind: str = StandardChange.Kind.CHANGED
        if "status" in fields:
            current.status_changed_on = today
            kind = _change_kind(row["status"])
        updated.append(current)
        changes.append(
            StandardChange(standard=current, kind=kind, changes=fields, catalogue_import=locked)
        )
    for standard in created:
        standard.full_clean(validate_unique=False)
    Standard.objects.bulk_create(created, batch_size=1000)
    Standard.objects.bulk_update(
        updated,
        [*FIELDS, "number_key", "status_changed_on", "search_number", "search_body", "updated_at"],
        batch_size=1000,
    )
    if updated:  # bulk_update sends no signal: a declaration's notice shows its standard's number
        product_notices_changed()
    fresh_rows = _existing(s.number_key for s in created)
    changes.extend(
        StandardChange(
            standard=fresh_rows[s.number_key],
            kind=StandardChange.Kind.CREATED,
            catalogue_import=locked,
        )
        for s in created
    )
    StandardChange.objects.bulk_create(changes, batch_size=1000)
    counts = {
        "new": len(created),
        "changed": sum(1 for c in changes if c.kind == StandardChange.Kind.CHANGED),
        "withdrawn": sum(
            1
            for c in changes
            if c.kind in (StandardChange.Kind.REPLACED, StandardChange.Kind.WITHDRAWN)
        ),
    }
    locked.status = CatalogueImport.Status.APPLIED
    locked.applied_at = timezone.now()
    locked.save(update_fields=["status", "applied_at"])
    record(actor=by, action="standards.catalogue_applied", target=locked, data=counts)
    return counts


@transaction.atomic
def discard_catalogue_import(catalogue_import: CatalogueImport, *, by: User) -> None:
    if catalogue_import.status != CatalogueImport.Status.PREVIEW:
        raise ValidationError(_("Lượt nhập này đã được áp dụng hoặc đã hủy."))
    catalogue_import.status = CatalogueImport.Status.DISCARDED
    catalogue_import.save(update_fields=["status"])
    record(actor=by, action="standards.catalogue_discarded", target=catalogue_import)
