"""Bulk import of instruments and their verifications from CSV or XLSX.

The file is read as a stream and handled in chunks. Each row is validated in Python (every
reason in Vietnamese); the accepted rows of a chunk go to temporary staging tables (PostgreSQL:
`COPY`; SQLite: `executemany`) and from there into the register with one set-based
`INSERT … ON CONFLICT DO UPDATE` keyed on (type, owner, serial, province), so a re-import
changes nothing. The roll-ups move in the same statements. A chunk's accepted rows, its rejected
rows and the job's counters commit together; `last_committed_row` says where a rerun resumes.
"""

# SQL here is assembled from this module's own constants; values always go as parameters.
# ruff: noqa: S608
from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Commune, Organisation
from tdc.core.text import fold
from tdc.metrology.models import (
    ImportJob,
    ImportRejection,
    Instrument,
    InstrumentType,
    Verification,
    VerificationForm,
    add_months,
)

CHUNK_SIZE = 10_000
REASON_HEADER = "Lý do"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    max_length: int = 0


COLUMNS = [
    Column("type", "Loại phương tiện đo", required=True),
    Column("serial", "Số sản xuất", required=True, max_length=100),
    Column("manufacturer", "Nhà sản xuất", max_length=200),
    Column("model", "Kiểu", max_length=100),
    Column("measuring_range", "Phạm vi đo", max_length=100),
    Column("accuracy_class", "Cấp chính xác", max_length=40),
    Column("commune", "Xã, phường", required=True),
    Column("address", "Địa chỉ", max_length=300),
    Column("status", "Trạng thái"),
    Column("owner", "Mã số thuế chủ sở hữu"),
    Column("verified_on", "Ngày kiểm định"),
    Column("form", "Hình thức kiểm định"),
    Column("verifier", "Đơn vị kiểm định"),
    Column("result", "Kết quả"),
    Column("stamp_number", "Số tem", max_length=40),
    Column("certificate_number", "Số giấy chứng nhận", max_length=60),
]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
HEADER_KEYS = {fold(c.header): c.key for c in COLUMNS} | {c.key: c.key for c in COLUMNS}
HEADER_KEYS |= {
    "kieu (model)": "model",
    "model": "model",
    "so tem kiem dinh": "stamp_number",
    "so giay chung nhan kiem dinh": "certificate_number",
    "xa": "commune",
    "ma xa": "commune",
    "to chuc kiem dinh": "verifier",
}
IGNORED_HEADERS = {fold(REASON_HEADER), "dong", "stt"}

STATUS_WORDS = {
    "dang su dung": Instrument.Status.IN_USE.value,
    "in_use": Instrument.Status.IN_USE.value,
    "tam ngung su dung": Instrument.Status.SUSPENDED.value,
    "tam ngung": Instrument.Status.SUSPENDED.value,
    "suspended": Instrument.Status.SUSPENDED.value,
    "da thanh ly": Instrument.Status.RETIRED.value,
    "thanh ly": Instrument.Status.RETIRED.value,
    "retired": Instrument.Status.RETIRED.value,
}
RESULT_WORDS = {
    "dat": Verification.Result.PASSED.value,
    "pass": Verification.Result.PASSED.value,
    "khong dat": Verification.Result.FAILED.value,
    "fail": Verification.Result.FAILED.value,
}
FORM_WORDS = (
    {fold(str(label)): value for value, label in VerificationForm.choices}
    | {value: value for value in VerificationForm.values}
    | {"ban dau": "ban_dau", "dinh ky": "dinh_ky", "sau sua chua": "sau_sua_chua"}
)


# Cells repeat a lot (type names, communes, verification bodies, results): fold each once.
_fold = functools.lru_cache(maxsize=65536)(fold)


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is for the user, in Vietnamese."""


# --- Reading ---------------------------------------------------------------------------------


def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head[:200].count(b"\x00") > len(head[:200]) // 4:
        return "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    return "utf-8"


def _scan(handle: IO[bytes], encoding: str) -> tuple[str, int]:
    """Check the whole file decodes (else it is Windows-1258) and count its lines."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 0
    newline = "\n".encode(encoding.removesuffix("-sig"))
    if encoding == "utf-16":
        newline = b"\n\x00"
    valid = True
    while block := handle.read(1 << 20):
        lines += block.count(newline)
        if valid:
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                valid = False
    if valid:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid = False
    return (encoding if valid else "cp1258"), lines


def _normal(text: str) -> str:
    text = text.strip()
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (spreadsheet row number, cells)
    estimated_rows: int


def _open_csv(handle: IO[bytes]) -> Table:
    head = handle.read(4096)
    handle.seek(0)
    encoding, lines = _scan(handle, _detect_encoding(head))
    handle.seek(0)
    text = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
    first = text.readline()
    delimiter = max((",", ";", "\t"), key=first.count)
    text.seek(0)
    reader = csv.reader(text, delimiter=delimiter)
    try:
        headers = [_normal(h) for h in next(reader)]
    except StopIteration:
        raise ImportFileError(_("Tệp rỗng: không có dòng tiêu đề.")) from None
    except csv.Error as error:
        raise ImportFileError(_("Không đọc được tệp CSV: %(error)s") % {"error": error}) from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        number = 1
        try:
            for cells in reader:
                number += 1
                yield number, cells
        except csv.Error as error:
            raise ImportFileError(
                _("Dòng %(row)s: tệp CSV hỏng (%(error)s).") % {"row": number + 1, "error": error}
            ) from None

    return Table(headers, rows(), max(0, lines - 1))


def _xlsx_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value
    return str(value)


def _open_xlsx(handle: IO[bytes]) -> Table:
    from zipfile import BadZipFile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise ImportFileError(
            _("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")
        ) from None
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        headers = [_normal(str(h or "")) for h in next(iterator)]
    except StopIteration:
        raise ImportFileError(_("Tệp rỗng: không có dòng tiêu đề.")) from None
    while headers and not headers[-1]:
        headers.pop()

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, values in enumerate(iterator, start=2):
                yield number, [_xlsx_cell(v) for v in values[: len(headers)]]
        finally:
            workbook.close()

    return Table(headers, rows(), max(0, (sheet.max_row or 1) - 1))


def open_table(job: ImportJob) -> Table:
    with job.file.open("rb") as stored:
        data = stored.read()
    if job.file_format == ImportJob.Format.XLSX:
        return _open_xlsx(io.BytesIO(data))
    return _open_csv(io.BytesIO(data))


def map_headers(headers: list[str]) -> dict[str, int]:
    """Column positions by key; raises ImportFileError naming missing or unknown columns."""
    positions: dict[str, int] = {}
    unknown = []
    for index, header in enumerate(headers):
        key = fold(header)
        if not key or key in IGNORED_HEADERS:
            continue
        column = HEADER_KEYS.get(key)
        if column is None:
            unknown.append(header)
        elif column in positions:
            raise ImportFileError(_("Cột «%(header)s» xuất hiện hai lần.") % {"header": header})
        else:
            positions[column] = index
    missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
    problems = []
    if missing:
        problems.append(_("Tệp thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(
            _("Cột không nhận ra: %(columns)s. Các cột hợp lệ: %(valid)s.")
            % {"columns": ", ".join(unknown), "valid": ", ".join(c.header for c in COLUMNS)}
        )
    if problems:
        raise ImportFileError(" ".join(problems))
    return positions


# --- Validation ------------------------------------------------------------------------------


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


@dataclass
class Context:
    """What validation looks rows up in, loaded once per job."""

    job: ImportJob
    today: dt.date
    home_province_id: int | None
    types: dict[str, tuple[int, list[tuple[dt.date, int | None]]]]
    communes_by_code: dict[str, tuple[int, int]]
    communes_by_name: dict[str, tuple[int, int]]
    owners: dict[str, int]
    verifiers: dict[str, tuple[int, str]]
    province_name: str = ""

    @classmethod
    def load(cls, job: ImportJob) -> Context:
        owner = job.owner
        home = job.province_id if owner is None else owner.province_id
        types: dict[str, tuple[int, list[tuple[dt.date, int | None]]]] = {}
        for kind in InstrumentType.objects.filter(is_active=True).prefetch_related("versions"):
            versions = sorted((v.valid_from, v.cycle_months) for v in kind.versions.all())
            if not versions:
                versions = [(kind.valid_from, kind.cycle_months)]
            types[kind.code] = types[fold(kind.name)] = (kind.pk, versions)
        communes_by_code = {
            str(code): (code, province_id)
            for code, province_id in Commune.objects.values_list("code", "province_id")
        }
        communes_by_name = {
            key: (code, province_id)
            for code, province_id, key in Commune.objects.filter(province_id=home or 0).values_list(
                "code", "province_id", "search_key"
            )
        }
        owners: dict[str, int] = {}
        if owner is None and job.province_id is not None:
            province_id: int = job.province_id
            owners = dict(
                Organisation.objects.filter(province_id=province_id)
                .exclude(tax_code="")
                .values_list("tax_code", "pk")
            )
        verifiers: dict[str, tuple[int, str]] = {}
        for org in Organisation.objects.filter(kind=Organisation.Kind.TESTING_BODY, is_active=True):
            for name in (org.name, org.short_name, *org.aliases):
                if name:
                    verifiers[fold(str(name))] = (org.pk, org.name)
        province_name = job.province.name if job.province_id and job.province else ""
        return cls(
            job=job,
            today=timezone.localdate(),
            home_province_id=home,
            types=types,
            communes_by_code=communes_by_code,
            communes_by_name=communes_by_name,
            owners=owners,
            verifiers=verifiers,
            province_name=province_name,
        )


@dataclass
class Row:
    """A valid row: the instrument's values and, if given, its verification."""

    number: int
    key: tuple[int, int, str, int]  # type, owner, serial, province
    commune_id: int
    text: dict[str, str]
    status: str  # "" = keep the register's (in use for a new instrument)
    cells: list[Any]
    verification: tuple[Any, ...] | None = (
        None  # verified_on, form, verifier, name, result, stamp, certificate, next_due
    )


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    rejected: list[tuple[int, list[Any], str]] = field(default_factory=list)


def _row_values(cells: list[Any], positions: dict[str, int]) -> dict[str, Any]:
    """The row's cells by column key, text stripped and in NFC."""
    size = len(cells)
    values: dict[str, Any] = {}
    for key, index in positions.items():
        value = cells[index] if index < size else ""
        if isinstance(value, str):
            value = value.strip()
            if not value.isascii():
                value = unicodedata.normalize("NFC", value)
        values[key] = value
    return values


def _cycle_on(versions: list[tuple[dt.date, int | None]], day: dt.date) -> int | None:
    chosen = versions[0][1]
    for valid_from, cycle in versions:
        if valid_from <= day:
            chosen = cycle
    return chosen


def validate_row(
    ctx: Context, positions: dict[str, int], number: int, cells: list[Any]
) -> tuple[Row | None, list[str]]:
    """The row's values, or the reasons (Vietnamese) it cannot be imported."""
    reasons: list[str] = []
    values = _row_values(cells, positions)

    type_text = str(values.get("type", ""))
    kind = ctx.types.get(type_text) or ctx.types.get(_fold(type_text)) if type_text else None
    if not type_text:
        reasons.append(_("Thiếu loại phương tiện đo"))
    elif kind is None:
        reasons.append(
            _("Loại phương tiện đo «%(value)s» không có trong danh mục nhóm 2")
            % {"value": type_text}
        )

    serial = str(values.get("serial", ""))
    if not serial:
        reasons.append(_("Thiếu số sản xuất"))

    text = {}
    for key in ("serial", "manufacturer", "model", "measuring_range", "accuracy_class", "address"):
        value = serial if key == "serial" else str(values.get(key, ""))
        limit = COLUMN_BY_KEY[key].max_length
        if len(value) > limit:
            reasons.append(
                _("%(column)s dài quá %(limit)s ký tự")
                % {"column": COLUMN_BY_KEY[key].header, "limit": limit}
            )
        text[key] = value

    commune_text = str(values.get("commune", ""))
    commune = None
    if not commune_text:
        reasons.append(_("Thiếu xã, phường"))
    else:
        commune = ctx.communes_by_code.get(commune_text) or ctx.communes_by_name.get(
            _fold(commune_text)
        )
        if commune is None:
            reasons.append(_("Không tìm thấy xã, phường «%(value)s»") % {"value": commune_text})
        elif ctx.job.owner_id is None and commune[1] != ctx.job.province_id:
            reasons.append(
                _("Xã, phường «%(value)s» không thuộc %(province)s")
                % {"value": commune_text, "province": ctx.province_name}
            )
            commune = None

    status_text = str(values.get("status", ""))
    status = ""
    if status_text:
        status = STATUS_WORDS.get(_fold(status_text), "")
        if not status:
            reasons.append(
                _(
                    "Trạng thái «%(value)s» không hợp lệ (đang sử dụng, tạm ngừng sử dụng, đã thanh lý)"
                )
                % {"value": status_text}
            )

    owner_id = ctx.job.owner_id
    if owner_id is None:
        tax_code = str(values.get("owner", ""))
        owner_id = ctx.owners.get(tax_code) if tax_code else None
        if not tax_code:
            reasons.append(_("Thiếu mã số thuế chủ sở hữu"))
        elif owner_id is None:
            reasons.append(
                _("Không có tổ chức nào trong tỉnh có mã số thuế %(value)s") % {"value": tax_code}
            )

    verification = None
    raw_date = values.get("verified_on", "")
    result_text = str(values.get("result", ""))
    verifier_text = str(values.get("verifier", ""))
    stamp = str(values.get("stamp_number", "")).upper()
    certificate = str(values.get("certificate_number", ""))
    form_text = str(values.get("form", ""))
    if raw_date:
        verified_on = parse_date(raw_date)
        if verified_on is None:
            reasons.append(
                _("Ngày kiểm định «%(value)s» không đúng dạng dd/mm/yyyy") % {"value": raw_date}
            )
        elif verified_on > ctx.today:
            reasons.append(_("Ngày kiểm định %(value)s ở tương lai") % {"value": raw_date})
        elif verified_on.year < 1950:
            reasons.append(_("Ngày kiểm định %(value)s quá xa") % {"value": raw_date})
        result = RESULT_WORDS.get(_fold(result_text), "") if result_text else ""
        if not result_text:
            reasons.append(_("Thiếu kết quả kiểm định (Đạt hoặc Không đạt)"))
        elif not result:
            reasons.append(
                _("Kết quả «%(value)s» không hợp lệ (Đạt hoặc Không đạt)") % {"value": result_text}
            )
        verifier = ctx.verifiers.get(_fold(verifier_text)) if verifier_text else None
        if not verifier_text:
            reasons.append(_("Thiếu đơn vị kiểm định"))
        elif verifier is None:
            reasons.append(
                _("Đơn vị kiểm định «%(value)s» không phải tổ chức kiểm định đã đăng ký")
                % {"value": verifier_text}
            )
        form = FORM_WORDS.get(_fold(form_text), "") if form_text else VerificationForm.PERIODIC
        if not form:
            reasons.append(
                _("Hình thức kiểm định «%(value)s» không hợp lệ (ban đầu, định kỳ, sau sửa chữa)")
                % {"value": form_text}
            )
        if result == Verification.Result.PASSED and not stamp:
            reasons.append(_("Phương tiện đo đạt yêu cầu phải có số tem"))
        for key, value in (("stamp_number", stamp), ("certificate_number", certificate)):
            if len(value) > COLUMN_BY_KEY[key].max_length:
                reasons.append(
                    _("%(column)s dài quá %(limit)s ký tự")
                    % {
                        "column": COLUMN_BY_KEY[key].header,
                        "limit": COLUMN_BY_KEY[key].max_length,
                    }
                )
        if not reasons and kind is not None and verified_on is not None and verifier is not None:
            passed = result == Verification.Result.PASSED
            cycle = _cycle_on(kind[1], verified_on)
            if not passed:
                next_due: dt.date | None = verified_on
            elif cycle is None:
                next_due = None
            else:
                next_due = add_months(verified_on, cycle)
            verification = (
                verified_on,
                form,
                verifier[0],
                verifier[1],
                result,
                stamp,
                certificate,
                next_due,
            )
    elif result_text or stamp or certificate or verifier_text:
        reasons.append(_("Có thông tin kiểm định nhưng thiếu ngày kiểm định"))

    if reasons or kind is None or commune is None or owner_id is None:
        return None, reasons
    return (
        Row(
            number=number,
            key=(kind[0], owner_id, serial, commune[1]),
            commune_id=commune[0],
            text=text,
            status=status,
            cells=cells,
            verification=verification,
        ),
        [],
    )


# --- Writing ---------------------------------------------------------------------------------

STAGE_TABLES = {
    "metrology_stage_instrument": (
        "type_id bigint, owner_id bigint, serial varchar(100), province_id integer, "
        "commune_id integer, manufacturer varchar(200), model varchar(100), "
        "measuring_range varchar(100), accuracy_class varchar(40), address varchar(300), "
        "status varchar(20), last_verified_on date, last_result varchar(4), "
        "last_stamp_number varchar(40), last_verification_id bigint, next_due date"
    ),
    "metrology_stage_verification": (
        "id bigint, type_id bigint, owner_id bigint, serial varchar(100), province_id integer, "
        "verified_on date, form varchar(20), verifier_id bigint, verifier_name varchar(300), "
        "result varchar(4), stamp_number varchar(40), certificate_number varchar(60), "
        "next_due date"
    ),
    "metrology_stage_old": (
        "id bigint, province_id integer, commune_id integer, type_id bigint, "
        "status varchar(20), next_due date, owner_id bigint, serial varchar(100)"
    ),
    "metrology_stage_new": (
        "id bigint, province_id integer, commune_id integer, type_id bigint, "
        "status varchar(20), next_due date"
    ),
}
INSTRUMENT_STAGE_COLUMNS = [
    "type_id",
    "owner_id",
    "serial",
    "province_id",
    "commune_id",
    "manufacturer",
    "model",
    "measuring_range",
    "accuracy_class",
    "address",
    "status",
    "last_verified_on",
    "last_result",
    "last_stamp_number",
    "last_verification_id",
    "next_due",
]
VERIFICATION_STAGE_COLUMNS = [
    "id",
    "type_id",
    "owner_id",
    "serial",
    "province_id",
    "verified_on",
    "form",
    "verifier_id",
    "verifier_name",
    "result",
    "stamp_number",
    "certificate_number",
    "next_due",
]
KEEP_IF_BLANK = ("manufacturer", "model", "measuring_range", "accuracy_class", "address")
LAST_FIELDS = (
    "last_verified_on",
    "last_result",
    "last_stamp_number",
    "last_verification_id",
    "next_due",
)
NEWER = (
    "(excluded.last_verified_on IS NOT NULL AND (i.last_verified_on IS NULL "
    "OR excluded.last_verified_on > i.last_verified_on))"
)
KEY_JOIN = (
    "{a}.type_id = {b}.type_id AND {a}.owner_id = {b}.owner_id AND {a}.serial = {b}.serial "
    "AND {a}.province_id = {b}.province_id"
)


def _upsert_sql() -> str:
    keep = ", ".join(f"{c} = COALESCE(NULLIF(excluded.{c}, ''), i.{c})" for c in KEEP_IF_BLANK)
    last = ", ".join(
        f"{c} = CASE WHEN {NEWER} THEN excluded.{c} ELSE i.{c} END" for c in LAST_FIELDS
    )
    changed = " OR ".join(
        [
            "i.commune_id IS DISTINCT FROM excluded.commune_id",
            "i.status IS DISTINCT FROM excluded.status",
            *(
                f"COALESCE(NULLIF(excluded.{c}, ''), i.{c}) IS DISTINCT FROM i.{c}"
                for c in KEEP_IF_BLANK
            ),
            NEWER,
        ]
    )
    columns = ", ".join(f"s.{c}" for c in INSTRUMENT_STAGE_COLUMNS if c != "status")
    return (
        "INSERT INTO metrology_instrument AS i (created_at, updated_at, "
        + ", ".join(c for c in INSTRUMENT_STAGE_COLUMNS if c != "status")
        + ", status) "
        f"SELECT %s, %s, {columns}, COALESCE(NULLIF(s.status, ''), o.status, 'in_use') "
        "FROM metrology_stage_instrument s LEFT JOIN metrology_stage_old o ON "
        + KEY_JOIN.format(a="o", b="s")
        + " WHERE true ON CONFLICT (type_id, owner_id, serial, province_id) DO UPDATE SET "
        f"commune_id = excluded.commune_id, status = excluded.status, {keep}, {last}, "
        f"updated_at = excluded.updated_at WHERE {changed} "
        "RETURNING id, province_id, commune_id, type_id, status, next_due"
    )


UPSERT_SQL = _upsert_sql()
CAPTURE_OLD_SQL = (
    "INSERT INTO metrology_stage_old (id, province_id, commune_id, type_id, status, next_due, "
    "owner_id, serial) SELECT i.id, i.province_id, i.commune_id, i.type_id, i.status, "
    "i.next_due, i.owner_id, i.serial FROM metrology_stage_instrument s "
    "JOIN metrology_instrument i ON " + KEY_JOIN.format(a="i", b="s")
)
INSERT_VERIFICATIONS_SQL = (
    "INSERT INTO metrology_verification (id, instrument_id, province_id, verified_on, form, "
    "verifier_id, verifier_name, result, stamp_number, certificate_number, next_due, "
    "created_at, created_by_id) SELECT v.id, i.id, v.province_id, v.verified_on, v.form, "
    "v.verifier_id, v.verifier_name, v.result, v.stamp_number, v.certificate_number, "
    "v.next_due, %s, %s FROM metrology_stage_verification v JOIN metrology_instrument i ON "
    + KEY_JOIN.format(a="i", b="v")
    + " WHERE i.province_id IN ({provinces}) ON CONFLICT (instrument_id, verified_on) DO NOTHING"
)
_CHANGES = (
    "SELECT {cols}, -1 AS d FROM metrology_stage_old o "
    "WHERE o.id IN (SELECT id FROM metrology_stage_new) {due} "
    "UNION ALL SELECT {cols}, 1 AS d FROM metrology_stage_new o WHERE true {due}"
)
_DUE = "AND o.status = 'in_use' AND o.next_due IS NOT NULL"


def _tally_sql(vendor: str) -> list[str]:
    month = (
        "date_trunc('month', o.next_due)::date"
        if vendor == "postgresql"
        else "date(o.next_due, 'start of month')"
    )
    status_cols = "o.province_id, o.commune_id, o.type_id, o.status"
    return [
        "INSERT INTO metrology_instrumenttally (province_id, commune_id, type_id, status, n) "
        "SELECT province_id, commune_id, type_id, status, sum(d) FROM ("
        + _CHANGES.format(cols=status_cols, due="")
        + ") x WHERE true GROUP BY province_id, commune_id, type_id, status HAVING sum(d) <> 0 "
        "ORDER BY province_id, commune_id, type_id, status "
        "ON CONFLICT (province_id, commune_id, type_id, status) "
        "DO UPDATE SET n = metrology_instrumenttally.n + excluded.n",
        "INSERT INTO metrology_duemonthtally (province_id, commune_id, month, n) "
        "SELECT province_id, commune_id, month, sum(d) FROM ("
        + _CHANGES.format(cols=f"o.province_id, o.commune_id, {month} AS month", due=_DUE)
        + ") x WHERE true GROUP BY province_id, commune_id, month HAVING sum(d) <> 0 "
        "ORDER BY province_id, month, commune_id "
        "ON CONFLICT (province_id, month, commune_id) "
        "DO UPDATE SET n = metrology_duemonthtally.n + excluded.n",
        "INSERT INTO metrology_duedaytally (province_id, commune_id, due_on, n) "
        "SELECT province_id, commune_id, due_on, sum(d) FROM ("
        + _CHANGES.format(cols="o.province_id, o.commune_id, o.next_due AS due_on", due=_DUE)
        + ") x WHERE true GROUP BY province_id, commune_id, due_on HAVING sum(d) <> 0 "
        "ORDER BY province_id, due_on, commune_id "
        "ON CONFLICT (province_id, due_on, commune_id) "
        "DO UPDATE SET n = metrology_duedaytally.n + excluded.n",
    ]


def _ensure_stage(cursor: Any, vendor: str) -> None:
    for name, columns in STAGE_TABLES.items():
        tail = " ON COMMIT DELETE ROWS" if vendor == "postgresql" else ""
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns}){tail}")
        cursor.execute(f"DELETE FROM {name}")


def _allocate_verification_ids(cursor: Any, vendor: str, count: int) -> list[int]:
    if not count:
        return []
    if vendor == "postgresql":
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('metrology_verification', 'id')) "
            "FROM generate_series(1, %s)",
            [count],
        )
        return [row[0] for row in cursor.fetchall()]
    # SQLite: the write lock is held (BEGIN IMMEDIATE), so max(id) cannot move under us.
    cursor.execute(
        "SELECT max(coalesce((SELECT max(id) FROM metrology_verification), 0), "
        "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'metrology_verification'), 0))"
    )
    start = int(cursor.fetchone()[0]) + 1
    return list(range(start, start + count))


def _stage(
    cursor: Any, vendor: str, table: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    if vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def write_rows(rows: list[Row], *, by_id: int | None) -> None:
    """Upsert a chunk of valid rows with their verifications, and move the roll-ups."""
    if not rows:
        return
    vendor = connection.vendor
    now = timezone.now()
    with connection.cursor() as cursor:
        _ensure_stage(cursor, vendor)
        ids = iter(
            _allocate_verification_ids(cursor, vendor, sum(1 for r in rows if r.verification))
        )
        latest: dict[tuple[int, int, str, int], tuple[Row, tuple[Any, ...] | None, int | None]] = {}
        verifications = []
        for row in rows:
            vid = None
            if row.verification is not None:
                vid = next(ids)
                verifications.append((vid, *row.key, *row.verification))
            current = latest.get(row.key)
            if current is None or (
                row.verification is not None
                and (current[1] is None or row.verification[0] > current[1][0])
            ):
                latest[row.key] = (row, row.verification, vid)
            else:
                # Keep the latest verification; take the later row's descriptions.
                latest[row.key] = (row, current[1], current[2])
        instruments = []
        for key, (row, ver, vid) in latest.items():
            t = row.text
            last: tuple[Any, ...] = (
                (ver[0], ver[4], ver[5], vid, ver[7])
                if ver is not None
                else (None, "", "", None, None)
            )
            instruments.append(
                (
                    *key[:3],
                    key[3],
                    row.commune_id,
                    t["manufacturer"],
                    t["model"],
                    t["measuring_range"],
                    t["accuracy_class"],
                    t["address"],
                    row.status,
                    *last,
                )
            )
        _stage(cursor, vendor, "metrology_stage_instrument", INSTRUMENT_STAGE_COLUMNS, instruments)
        _stage(
            cursor,
            vendor,
            "metrology_stage_verification",
            VERIFICATION_STAGE_COLUMNS,
            verifications,
        )
        # Name the chunk's provinces as literals: PostgreSQL then plans against their
        # partitions only, instead of joining the staged rows with every partition.
        provinces = ", ".join(str(int(p)) for p in sorted({r.key[3] for r in rows}))
        if vendor == "postgresql":
            cursor.execute("ANALYZE metrology_stage_instrument")
            cursor.execute("ANALYZE metrology_stage_verification")
        cursor.execute(CAPTURE_OLD_SQL + f" WHERE i.province_id IN ({provinces})")
        if vendor == "postgresql":
            cursor.execute(
                f"WITH up AS ({UPSERT_SQL}) INSERT INTO metrology_stage_new "
                "(id, province_id, commune_id, type_id, status, next_due) SELECT * FROM up",
                [now, now],
            )
        else:
            cursor.execute(UPSERT_SQL, [now, now])
            changed = cursor.fetchall()
            if changed:
                cursor.executemany(
                    "INSERT INTO metrology_stage_new (id, province_id, commune_id, type_id, "
                    "status, next_due) VALUES (%s, %s, %s, %s, %s, %s)",
                    changed,
                )
        for sql in _tally_sql(vendor):
            cursor.execute(sql)
        if verifications:
            cursor.execute(INSERT_VERIFICATIONS_SQL.format(provinces=provinces), [now, by_id])


def stamp_conflicts(rows: list[Row]) -> dict[str, tuple[Any, ...]]:
    """Stamps of these rows already used in the register: stamp → (type, owner, serial,
    province, verified_on) of the verification that holds it. The stamps are read from the
    verification table, then their instruments per province (one partition per query)."""
    stamps = sorted({r.verification[5] for r in rows if r.verification and r.verification[5]})
    held: dict[str, tuple[int, int, dt.date]] = {}
    with connection.cursor() as cursor:
        postgres = connection.vendor == "postgresql"
        step = len(stamps) or 1 if postgres else 1000
        for start in range(0, len(stamps), step):
            part = stamps[start : start + step]
            condition = "= ANY(%s)" if postgres else f"IN ({', '.join(['%s'] * len(part))})"
            cursor.execute(
                "SELECT stamp_number, instrument_id, province_id, verified_on "
                f"FROM metrology_verification WHERE stamp_number {condition}",
                [part] if postgres else part,
            )
            for stamp, instrument_id, province_id, day in cursor.fetchall():
                if isinstance(day, str):
                    day = dt.date.fromisoformat(day)
                held[stamp] = (instrument_id, province_id, day)
        by_province: dict[int, list[int]] = {}
        for instrument_id, province_id, _day in held.values():
            by_province.setdefault(province_id, []).append(instrument_id)
        keys: dict[int, tuple[Any, ...]] = {}
        for province_id, ids in sorted(by_province.items()):
            for start in range(0, len(ids), 1000):
                part = ids[start : start + 1000]
                marks = ", ".join(["%s"] * len(part))
                cursor.execute(
                    "SELECT id, type_id, owner_id, serial, province_id FROM metrology_instrument "
                    f"WHERE province_id = {int(province_id)} AND id IN ({marks})",
                    part,
                )
                for instrument_id, *key in cursor.fetchall():
                    keys[instrument_id] = tuple(key)
    return {
        stamp: (*keys[instrument_id], day)
        for stamp, (instrument_id, _province_id, day) in held.items()
        if instrument_id in keys
    }


# --- The job ---------------------------------------------------------------------------------


@dataclass
class Seen:
    """Keys and stamps met so far in the file, to reject duplicates with the first row's number."""

    keys: dict[tuple[Any, ...], int] = field(default_factory=dict)
    stamps: dict[str, int] = field(default_factory=dict)

    def check(self, row: Row) -> str:
        verified_on = row.verification[0] if row.verification else None
        key = (*row.key, verified_on)
        first = self.keys.get(key)
        if first is not None:
            return _(
                "Trùng với dòng %(row)s (cùng loại, chủ sở hữu, số sản xuất và ngày kiểm định)"
            ) % {"row": first}
        stamp = row.verification[5] if row.verification else ""
        if stamp and stamp in self.stamps:
            return _("Số tem %(stamp)s trùng với dòng %(row)s") % {
                "stamp": stamp,
                "row": self.stamps[stamp],
            }
        self.keys[key] = row.number
        if stamp:
            self.stamps[stamp] = row.number
        return ""


def _commit_chunk(
    job: ImportJob, ctx: Context, outcome: Outcome, *, last_row: int, processed: int
) -> None:
    conflicts = stamp_conflicts(outcome.rows)
    accepted = []
    rejected = list(outcome.rejected)
    for row in outcome.rows:
        stamp = row.verification[5] if row.verification else ""
        holder = conflicts.get(stamp) if stamp else None
        if holder is not None and holder != (
            *row.key,
            row.verification[0] if row.verification else None,
        ):
            rejected.append(
                (
                    row.number,
                    [_plain(c) for c in row.cells],
                    _("Số tem %(stamp)s đã được dùng cho một phương tiện đo khác")
                    % {"stamp": stamp},
                )
            )
        else:
            accepted.append(row)
    with transaction.atomic():
        write_rows(accepted, by_id=job.created_by_id)
        if rejected:
            ImportRejection.objects.bulk_create(
                [
                    ImportRejection(job=job, row_number=n, cells=cells, reason=reason)
                    for n, cells, reason in rejected
                ],
                ignore_conflicts=True,
            )
        ImportJob.objects.filter(pk=job.pk).update(
            processed_rows=F("processed_rows") + processed,
            accepted_rows=F("accepted_rows") + len(accepted),
            rejected_rows=F("rejected_rows") + len(rejected),
            last_committed_row=last_row,
            updated_at=timezone.now(),
        )


def run(job_id: int, *, max_chunks: int | None = None, chunk_size: int = CHUNK_SIZE) -> ImportJob:
    """Import (or go on importing) a job's file. Safe to run twice; stops after `max_chunks`
    chunks when given (a time slice), leaving the job running for the next call."""
    job = ImportJob.objects.select_related("owner", "province").get(pk=job_id)
    if job.status == ImportJob.Status.DONE:
        return job
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, started_at=job.started_at or timezone.now(), error=""
    )
    try:
        table = open_table(job)
        positions = map_headers(table.headers)
    except ImportFileError as error:
        return _fail(job, str(error))
    ImportJob.objects.filter(pk=job.pk).update(
        headers=table.headers, total_rows=max(table.estimated_rows, job.processed_rows)
    )
    ctx = Context.load(job)
    seen = Seen()
    outcome = Outcome()
    processed = chunks = 0
    last_row = job.last_committed_row
    try:
        for number, cells in table.rows:
            if not any(str(c).strip() for c in cells):
                continue
            row, reasons = validate_row(ctx, positions, number, cells)
            if row is not None:
                duplicate = seen.check(row)
                if duplicate:
                    row, reasons = None, [duplicate]
            if number <= job.last_committed_row:
                continue  # committed by an earlier run: only its keys matter now
            processed += 1
            last_row = number
            if row is None:
                outcome.rejected.append((number, [_plain(c) for c in cells], "; ".join(reasons)))
            else:
                outcome.rows.append(row)
            if processed >= chunk_size:
                _commit_chunk(job, ctx, outcome, last_row=last_row, processed=processed)
                outcome, processed = Outcome(), 0
                chunks += 1
                if max_chunks is not None and chunks >= max_chunks:
                    job.refresh_from_db()
                    return job
    except ImportFileError as error:
        return _fail(job, str(error))
    _commit_chunk(job, ctx, outcome, last_row=last_row, processed=processed)
    job.refresh_from_db()
    if not job.processed_rows:
        return _fail(job, _("Tệp không có dòng dữ liệu nào."))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE,
        total_rows=job.processed_rows,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def _plain(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _fail(job: ImportJob, message: str) -> ImportJob:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.FAILED, error=message, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


# --- Files for the user ----------------------------------------------------------------------


def template_headers() -> list[str]:
    return [c.header for c in COLUMNS]


def rejected_rows(job: ImportJob) -> tuple[list[str], list[list[str]]]:
    """The rejected rows with the file's own columns, plus "Lý do"."""
    headers = [h for h in job.headers if fold(h) != fold(REASON_HEADER)]
    reason_at = [i for i, h in enumerate(job.headers) if fold(h) == fold(REASON_HEADER)]
    rows = []
    for rejection in job.rejections.order_by("row_number"):
        cells = [c for i, c in enumerate(rejection.cells) if i not in reason_at]
        cells = (cells + [""] * len(headers))[: len(headers)]
        rows.append([*cells, rejection.reason])
    return [*headers, REASON_HEADER], rows
