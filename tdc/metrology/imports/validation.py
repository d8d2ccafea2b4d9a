"""Validating a row: what it says, looked up against the register, or why it cannot be imported.

`validate_row` runs one small step per part of the row (type, serial, descriptions, commune,
status, owner, verification); each step returns what it read and appends its reasons, in
Vietnamese, to the row's list.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Commune, Organisation
from tdc.core.text import fold
from tdc.metrology.imports.columns import (
    COLUMN_BY_KEY,
    FORM_WORDS,
    RESULT_WORDS,
    STATUS_WORDS,
)
from tdc.metrology.imports.reading import clean_cell
from tdc.metrology.models import (
    ImportJob,
    InstrumentType,
    Verification,
    VerificationForm,
    add_months,
)

# Cells repeat a lot (type names, communes, verification bodies, results): fold each once.
_fold = functools.lru_cache(maxsize=65536)(fold)

EARLIEST_YEAR = 1950
DESCRIPTION_KEYS = ("manufacturer", "model", "measuring_range", "accuracy_class", "address")
SHORTEST_DESCRIPTION_LIMIT = min(COLUMN_BY_KEY[key].max_length for key in DESCRIPTION_KEYS)


# --- What a valid row is ---------------------------------------------------------------------


class InstrumentKey(NamedTuple):
    """The register's natural key: one instrument per (type, owner, serial, province)."""

    type_id: int
    owner_id: int
    serial: str
    province_id: int


class Descriptions(NamedTuple):
    """The free-text descriptions; a blank cell keeps the register's value."""

    manufacturer: str
    model: str
    measuring_range: str
    accuracy_class: str
    address: str


class VerificationValues(NamedTuple):
    """A verification as the staging table takes it (the column order matters)."""

    verified_on: dt.date
    form: str
    verifier_id: int
    verifier_name: str
    result: str
    stamp_number: str
    certificate_number: str
    next_due: dt.date | None


@dataclass(slots=True)
class Row:
    """A valid row: the instrument's values and, if given, its verification."""

    number: int
    key: InstrumentKey
    commune_id: int
    descriptions: Descriptions
    status: str  # "" = keep the register's (in use for a new instrument)
    cells: list[Any]
    verification: VerificationValues | None = None

    @property
    def stamp_number(self) -> str:
        return self.verification.stamp_number if self.verification else ""

    @property
    def verified_on(self) -> dt.date | None:
        return self.verification.verified_on if self.verification else None


class Rejection(NamedTuple):
    row_number: int
    cells: list[str]
    reason: str


# --- What rows are checked against, loaded once per job --------------------------------------


class TypeRule(NamedTuple):
    type_id: int
    cycles: list[tuple[dt.date, int | None]]  # (in force from, cycle in months), oldest first

    def cycle_on(self, day: dt.date) -> int | None:
        chosen = self.cycles[0][1]
        for valid_from, cycle in self.cycles:
            if valid_from <= day:
                chosen = cycle
        return chosen


class Place(NamedTuple):
    commune_id: int
    province_id: int


class Verifier(NamedTuple):
    organisation_id: int
    name: str


@dataclass
class Context:
    """What validation looks rows up in, loaded once per job."""

    job: ImportJob
    today: dt.date
    home_province_id: int | None
    types: dict[str, TypeRule]  # by code and by folded name
    communes_by_code: dict[str, Place]
    communes_by_name: dict[str, Place]  # folded names, of the home province only
    owners: dict[str, int]  # tax code → organisation (provincial imports)
    verifiers: dict[str, Verifier]  # folded name, short name or alias → testing body
    province_name: str = ""

    @classmethod
    def load(cls, job: ImportJob) -> Context:
        owner = job.owner
        home = job.province_id if owner is None else owner.province_id
        types: dict[str, TypeRule] = {}
        for kind in InstrumentType.objects.filter(is_active=True).prefetch_related("versions"):
            cycles = sorted((v.valid_from, v.cycle_months) for v in kind.versions.all())
            rule = TypeRule(kind.pk, cycles or [(kind.valid_from, kind.cycle_months)])
            types[kind.code] = types[fold(kind.name)] = rule
        communes_by_code = {
            str(code): Place(code, province_id)
            for code, province_id in Commune.objects.values_list("code", "province_id")
        }
        communes_by_name = {
            key: Place(code, province_id)
            for code, province_id, key in Commune.objects.filter(province_id=home or 0).values_list(
                "code", "province_id", "search_key"
            )
        }
        owners: dict[str, int] = {}
        if owner is None and job.province_id is not None:
            owners = dict(
                Organisation.objects.filter(province_id=job.province_id)
                .exclude(tax_code="")
                .values_list("tax_code", "pk")
            )
        verifiers: dict[str, Verifier] = {}
        for org in Organisation.objects.filter(kind=Organisation.Kind.TESTING_BODY, is_active=True):
            for name in (org.name, org.short_name, *org.aliases):
                if name:
                    verifiers[fold(str(name))] = Verifier(org.pk, org.name)
        return cls(
            job=job,
            today=timezone.localdate(),
            home_province_id=home,
            types=types,
            communes_by_code=communes_by_code,
            communes_by_name=communes_by_name,
            owners=owners,
            verifiers=verifiers,
            province_name=job.province.name if job.province_id and job.province else "",
        )


# --- Reading cells ---------------------------------------------------------------------------


def parse_date(value: Any) -> dt.date | None:
    """dd/mm/yyyy (or d/m/yyyy, dd-mm-yyyy) and ISO yyyy-mm-dd; None when unreadable."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) >= 10 and text[4] == "-":
            return dt.date.fromisoformat(text[:10])
        parts = text.replace("-", "/").replace(".", "/").split("/")
        if len(parts) == 3 and len(parts[2]) == 4:
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None
    return None


# Cells with Vietnamese text repeat from row to row (types, statuses, results, verifiers,
# communes): each is cleaned once (`clean_cell` is a pure function of the text).
CLEANED_MEMO_SIZE = 20_000
_CLEANED: dict[str, str] = {}


def row_values(cells: list[Any], positions: dict[str, int]) -> dict[str, Any]:
    """The row's cells by column key, as cleaned text (`clean_cell`); a date stays a date in
    the date column only. A column the file does not have is absent: read it with
    `values.get(key, "")`."""
    size = len(cells)
    values: dict[str, Any] = {}
    cleaned = _CLEANED
    for key, index in positions.items():
        value = cells[index] if index < size else ""
        if isinstance(value, str):
            # The common case inline (a hot path): printable ASCII only needs stripping.
            if value.isascii() and value.isprintable():
                value = value.strip()
            else:
                text = cleaned.get(value)
                if text is None:
                    text = clean_cell(value)
                    if len(cleaned) < CLEANED_MEMO_SIZE:
                        cleaned[value] = text
                value = text
        elif key != "verified_on":
            value = str(value)
        values[key] = value
    return values


def _too_long(key: str, value: str, reasons: list[str]) -> None:
    column = COLUMN_BY_KEY[key]
    if len(value) > column.max_length:
        reasons.append(
            _("%(column)s dài quá %(limit)s ký tự")
            % {"column": column.header, "limit": column.max_length}
        )


# --- The steps -------------------------------------------------------------------------------


def _instrument_type(ctx: Context, values: dict[str, Any], reasons: list[str]) -> TypeRule | None:
    text = values.get("type", "")
    if not text:
        reasons.append(_("Thiếu loại phương tiện đo"))
        return None
    rule = ctx.types.get(text) or ctx.types.get(_fold(text))
    if rule is None:
        reasons.append(
            _("Loại phương tiện đo «%(value)s» không có trong danh mục nhóm 2") % {"value": text}
        )
    return rule


def _serial(values: dict[str, Any], reasons: list[str]) -> str:
    serial: str = values.get("serial", "")
    if not serial:
        reasons.append(_("Thiếu số sản xuất"))
    _too_long("serial", serial, reasons)
    return serial


def _descriptions(values: dict[str, Any], reasons: list[str]) -> Descriptions:
    get = values.get
    texts = Descriptions(
        get("manufacturer", ""),
        get("model", ""),
        get("measuring_range", ""),
        get("accuracy_class", ""),
        get("address", ""),
    )
    if max(map(len, texts)) > SHORTEST_DESCRIPTION_LIMIT:  # rare: say which are too long
        for key, value in zip(DESCRIPTION_KEYS, texts, strict=True):
            _too_long(key, value, reasons)
    return texts


def _commune(ctx: Context, values: dict[str, Any], reasons: list[str]) -> Place | None:
    text = values.get("commune", "")
    if not text:
        reasons.append(_("Thiếu xã, phường"))
        return None
    place = ctx.communes_by_code.get(text) or ctx.communes_by_name.get(_fold(text))
    if place is None:
        reasons.append(_("Không tìm thấy xã, phường «%(value)s»") % {"value": text})
        return None
    if ctx.job.owner_id is None and place.province_id != ctx.job.province_id:
        reasons.append(
            _("Xã, phường «%(value)s» không thuộc %(province)s")
            % {"value": text, "province": ctx.province_name}
        )
        return None
    return place


def _status(values: dict[str, Any], reasons: list[str]) -> str:
    text = values.get("status", "")
    if not text:
        return ""
    status = STATUS_WORDS.get(_fold(text), "")
    if not status:
        reasons.append(
            _("Trạng thái «%(value)s» không hợp lệ (đang sử dụng, tạm ngừng sử dụng, đã thanh lý)")
            % {"value": text}
        )
    return status


def _owner(ctx: Context, values: dict[str, Any], reasons: list[str]) -> int | None:
    """A business import's owner is the business; a provincial one names it by tax code."""
    if ctx.job.owner_id is not None:
        return ctx.job.owner_id
    tax_code = values.get("owner", "")
    if not tax_code:
        reasons.append(_("Thiếu mã số thuế chủ sở hữu"))
        return None
    owner_id = ctx.owners.get(tax_code)
    if owner_id is None:
        reasons.append(
            _("Không có tổ chức nào trong tỉnh có mã số thuế %(value)s") % {"value": tax_code}
        )
    return owner_id


def _verified_on(ctx: Context, raw: Any, reasons: list[str]) -> dt.date | None:
    day = parse_date(raw)
    if day is None:
        reasons.append(_("Ngày kiểm định «%(value)s» không đúng dạng dd/mm/yyyy") % {"value": raw})
    elif day > ctx.today:
        reasons.append(_("Ngày kiểm định %(value)s ở tương lai") % {"value": raw})
    elif day.year < EARLIEST_YEAR:
        reasons.append(_("Ngày kiểm định %(value)s quá xa") % {"value": raw})
    else:
        return day
    return None


def _result(values: dict[str, Any], reasons: list[str]) -> str:
    text = values.get("result", "")
    if not text:
        reasons.append(_("Thiếu kết quả kiểm định (Đạt hoặc Không đạt)"))
        return ""
    result = RESULT_WORDS.get(_fold(text), "")
    if not result:
        reasons.append(_("Kết quả «%(value)s» không hợp lệ (Đạt hoặc Không đạt)") % {"value": text})
    return result


def _verifier(ctx: Context, values: dict[str, Any], reasons: list[str]) -> Verifier | None:
    text = values.get("verifier", "")
    if not text:
        reasons.append(_("Thiếu đơn vị kiểm định"))
        return None
    verifier = ctx.verifiers.get(_fold(text))
    if verifier is None:
        reasons.append(
            _("Đơn vị kiểm định «%(value)s» không phải tổ chức kiểm định đã đăng ký")
            % {"value": text}
        )
    return verifier


def _form(values: dict[str, Any], reasons: list[str]) -> str:
    text = values.get("form", "")
    if not text:
        return VerificationForm.PERIODIC.value
    form = FORM_WORDS.get(_fold(text), "")
    if not form:
        reasons.append(
            _("Hình thức kiểm định «%(value)s» không hợp lệ (ban đầu, định kỳ, sau sửa chữa)")
            % {"value": text}
        )
    return form


def _verification(
    ctx: Context, values: dict[str, Any], rule: TypeRule | None, reasons: list[str]
) -> VerificationValues | None:
    """The row's verification, when it has a date; its other cells need one."""
    raw_date = values.get("verified_on", "")
    stamp = values.get("stamp_number", "").upper()
    certificate = values.get("certificate_number", "")
    if not raw_date:
        if values.get("result", "") or stamp or certificate or values.get("verifier", ""):
            reasons.append(_("Có thông tin kiểm định nhưng thiếu ngày kiểm định"))
        return None
    found = len(reasons)
    verified_on = _verified_on(ctx, raw_date, reasons)
    result = _result(values, reasons)
    verifier = _verifier(ctx, values, reasons)
    form = _form(values, reasons)
    passed = result == Verification.Result.PASSED
    if passed and not stamp:
        reasons.append(_("Phương tiện đo đạt yêu cầu phải có số tem"))
    _too_long("stamp_number", stamp, reasons)
    _too_long("certificate_number", certificate, reasons)
    if len(reasons) > found or rule is None or verified_on is None or verifier is None:
        return None
    cycle = rule.cycle_on(verified_on)
    if not passed:
        next_due: dt.date | None = verified_on  # failed: due again at once
    elif cycle is None:
        next_due = None  # a type verified only once
    else:
        next_due = add_months(verified_on, cycle)
    # Positional (a hot path): verified_on, form, verifier, its name, result, stamp, certificate,
    # next due.
    return VerificationValues(verified_on, form, *verifier, result, stamp, certificate, next_due)


def validate_row(
    ctx: Context, positions: dict[str, int], number: int, cells: list[Any]
) -> tuple[Row | None, list[str]]:
    """The row's values, or the reasons (Vietnamese) it cannot be imported."""
    reasons: list[str] = []
    values = row_values(cells, positions)
    rule = _instrument_type(ctx, values, reasons)
    serial = _serial(values, reasons)
    descriptions = _descriptions(values, reasons)
    place = _commune(ctx, values, reasons)
    status = _status(values, reasons)
    owner_id = _owner(ctx, values, reasons)
    verification = _verification(ctx, values, rule, reasons)
    if reasons or rule is None or place is None or owner_id is None:
        return None, reasons
    key = InstrumentKey(rule.type_id, owner_id, serial, place.province_id)
    return Row(number, key, place.commune_id, descriptions, status, cells, verification), []
