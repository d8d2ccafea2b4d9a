"""Reading an import file: its limits, its encoding, its rows, and which column is which."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdc.core.text import clean_text, fold
from tdc.core.uploads import MB, UploadLimits, check_upload
from tdc.metrology.imports.columns import COLUMNS, HEADER_KEYS, IGNORED_HEADERS
from tdc.metrology.models import ImportJob
from tdc.reports.cells import unescape_csv_cell

# What the import page promises ("Tối đa 20 MB") and what both the upload and the worker check.
# A deployment may set METROLOGY_IMPORT_MAX_BYTES; the page then states that figure.
DEFAULT_MAX_BYTES = 20 * MB
UNPACKED_PER_PACKED = 10  # an XLSX may unpack to ten times the upload limit
MAX_XLSX_MEMBERS = 500


def import_limits() -> dict[str, UploadLimits]:
    """The limits of an import file, by format."""
    max_bytes = int(getattr(settings, "METROLOGY_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))
    return {
        ImportJob.Format.CSV: UploadLimits(max_bytes=max_bytes),
        ImportJob.Format.XLSX: UploadLimits(
            max_bytes=max_bytes,
            zip_based=True,
            max_uncompressed_bytes=max_bytes * UNPACKED_PER_PACKED,
            max_members=MAX_XLSX_MEMBERS,
        ),
    }


# Windows-1258 lines in an otherwise UTF-8 file: name at most this many of them.
BAD_LINES_SHOWN = 5


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is for the user, in Vietnamese."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (spreadsheet row number, cells)
    estimated_rows: int


# What `clean_text` removes or rewrites in a one-line cell: controls (tab and line breaks too),
# zero-width and bidirectional marks. A cell without any is only stripped and put in NFC.
_NEEDS_CLEANING = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


_LINE_BREAKS = str.maketrans("\t\n\r", "   ")


def clean_cell(text: str) -> str:
    """A cell as we keep it: NFC, no control or invisible characters, tabs and line breaks
    made spaces, stripped (`clean_text`). The import reads millions of cells: those with nothing
    to clean (nearly all) take a fast path. A formula-like cell that our own rejected-rows file
    escaped (`'=…`) comes back as it was typed."""
    if text.startswith("'"):
        text = unescape_csv_cell(text)
    if text.isascii() and text.isprintable():
        return text.strip()
    if _NEEDS_CLEANING.search(text) is None:
        text = text.strip()
        return (
            text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
        )
    return clean_text(text).translate(_LINE_BREAKS).strip()


# --- CSV -------------------------------------------------------------------------------------


def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head[:200].count(b"\x00") > len(head[:200]) // 4:
        return "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    return "utf-8"


def _undecodable_lines(data: bytes) -> tuple[list[int], bool]:
    """The numbers of the lines that are not UTF-8, and whether any other line is UTF-8 with
    accents (then the file is UTF-8 with a few pasted Windows-1258 lines, not Windows-1258)."""
    bad: list[int] = []
    utf8_accents = False
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
        else:
            utf8_accents = True
    return bad, utf8_accents


def decode_csv(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16, or Windows-1258 as old Excel
    saves it. A UTF-8 file with a few lines in another encoding is refused, naming the lines."""
    encoding = _detect_encoding(data[:4096])
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        if encoding.startswith("utf-16"):
            raise ImportFileError(
                _("Không đọc được tệp: tệp UTF-16 bị hỏng. Hãy lưu lại tệp rồi nhập lại.")
            ) from None
    bad, utf8_accents = _undecodable_lines(data)
    if utf8_accents or encoding == "utf-8-sig":
        shown = ", ".join(str(n) for n in bad[:BAD_LINES_SHOWN])
        if len(bad) > BAD_LINES_SHOWN:
            shown += ", …"
        raise ImportFileError(
            _(
                "Tệp được lưu bằng mã UTF-8 nhưng dòng %(lines)s của tệp dùng mã khác (có thể "
                "là Windows-1258, do dán từ một tệp khác). Hãy sửa các dòng đó hoặc lưu lại cả "
                "tệp bằng mã UTF-8 rồi nhập lại."
            )
            % {"lines": shown}
        )
    return data.decode("cp1258", errors="replace")


def _open_csv(data: bytes) -> Table:
    text = decode_csv(data)
    first = text[: text.find("\n") + 1 or len(text)]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [clean_cell(h) for h in next(reader)]
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

    return Table(headers, rows(), max(0, text.count("\n") - 1))


# --- XLSX ------------------------------------------------------------------------------------


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


def _open_xlsx(data: bytes) -> Table:
    from zipfile import BadZipFile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise ImportFileError(
            _("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")
        ) from None
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        headers = [clean_cell(str(h or "")) for h in next(iterator)]
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


# --- The file --------------------------------------------------------------------------------


def check_file(data: bytes, file_format: str) -> None:
    """The upload limits, checked again where the file is parsed; ImportFileError if broken."""
    try:
        check_upload(data, import_limits()[file_format])
    except ValidationError as error:
        raise ImportFileError(" ".join(error.messages)) from None


def open_table(job: ImportJob) -> Table:
    with job.file.open("rb") as stored:
        data = stored.read()
    check_file(data, job.file_format)
    if job.file_format == ImportJob.Format.XLSX:
        return _open_xlsx(data)
    return _open_csv(data)


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
