"""Reading the files officers import: CSV (UTF-8, UTF-16, Windows-1258), XLSX and JSON.

A file that cannot be read as a whole raises `FileRefused` with a Vietnamese message; rows are
returned with their spreadsheet row numbers so that each rejected row can be named.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdc.core.text import clean_text, fold
from tdc.core.uploads import MB, UploadLimits, check_upload

MAX_ROWS = 100_000
CSV_LIMITS = UploadLimits(max_bytes=30 * MB)
XLSX_LIMITS = UploadLimits(max_bytes=30 * MB, zip_based=True, max_uncompressed_bytes=300 * MB)


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message is for the user, in Vietnamese."""


@dataclass
class Table:
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, {column key: cell})


def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head[:200].count(b"\x00") > len(head[:200]) // 4:
        return "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    return "utf-8"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16, or Windows-1258 as old Excel saves it. A UTF-8
    file with some lines in another encoding is refused, naming those lines."""
    encoding = _detect_encoding(data[:4096])
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        if encoding.startswith("utf-16"):
            raise FileRefused(_("Không đọc được tệp: tệp UTF-16 bị hỏng.")) from None
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
    if utf8_accents or encoding == "utf-8-sig":
        shown = ", ".join(str(n) for n in bad[:5]) + (", …" if len(bad) > 5 else "")
        raise FileRefused(
            _(
                "Tệp lẫn nhiều bảng mã: tệp dùng UTF-8 nhưng dòng %(lines)s dùng mã khác (có thể "
                "là Windows-1258). Hãy lưu lại cả tệp bằng UTF-8 rồi nhập lại; chưa có dòng nào "
                "được nhập."
            )
            % {"lines": shown}
        )
    return data.decode("cp1258", errors="replace")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return clean_text(str(value)).replace("\n", " ").replace("\r", " ").replace("\t", " ").strip()


def _keyed(
    headers: list[str], columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> list[str | None]:
    """Which column key each header is (None: ignored). Headers are matched folded."""
    names = {fold(alias): key for key, aliases in columns.items() for alias in aliases}
    keys = [names.get(fold(h)) for h in headers]
    missing = [columns[key][0] for key in required if key not in keys]
    if missing:
        raise FileRefused(
            _("Tệp thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu.")
            % {"columns": ", ".join(missing)}
        )
    return keys


def _rows(
    matrix: list[list[Any]], columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> Table:
    if not matrix:
        raise FileRefused(_("Tệp rỗng: không có dòng tiêu đề."))
    keys = _keyed([_cell(h) for h in matrix[0]], columns, required)
    if len(matrix) - 1 > MAX_ROWS:
        raise FileRefused(
            _("Tệp quá nhiều dòng. Tối đa %(n)s dòng.") % {"n": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    rows = []
    for number, cells in enumerate(matrix[1:], start=2):
        values = {key: _cell(cells[i]) for i, key in enumerate(keys) if key and i < len(cells)}
        if any(values.values()):
            rows.append((number, values))
    return Table(rows)


def read_table(
    data: bytes, filename: str, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> Table:
    """The rows of a CSV, XLSX or JSON file, keyed by the column keys of `columns`."""
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            check_upload(data, XLSX_LIMITS)
            return _rows(_xlsx_matrix(data), columns, required)
        check_upload(data, CSV_LIMITS)
    except ValidationError as error:
        raise FileRefused(" ".join(error.messages)) from None
    if name.endswith(".json"):
        return _json_rows(data, columns, required)
    if not name.endswith((".csv", ".txt")):
        raise FileRefused(_("Chỉ nhận tệp CSV, XLSX hoặc JSON."))
    text = decode_text(data)
    first = text[: text.find("\n") + 1 or len(text)]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        matrix = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileRefused(_("Không đọc được tệp CSV: %(error)s") % {"error": error}) from None
    return _rows(matrix, columns, required)


def _xlsx_matrix(data: bytes) -> list[list[Any]]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise FileRefused(_("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")) from None
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _json_rows(
    data: bytes, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> Table:
    try:
        parsed = json.loads(decode_text(data))
    except json.JSONDecodeError as error:
        raise FileRefused(
            _("Tệp JSON không hợp lệ (dòng %(line)s): %(error)s.")
            % {"line": error.lineno, "error": error.msg}
        ) from None
    if isinstance(parsed, dict):
        parsed = next((v for v in parsed.values() if isinstance(v, list)), None)
    if not isinstance(parsed, list) or not all(isinstance(item, dict) for item in parsed):
        raise FileRefused(_("Tệp JSON phải là một danh sách các bản ghi."))
    headers = list(dict.fromkeys(key for item in parsed for key in item))
    matrix: list[list[Any]] = [headers] + [[item.get(h) for h in headers] for item in parsed]
    if not parsed:
        raise FileRefused(_("Tệp rỗng: không có bản ghi nào."))
    return _rows(matrix, columns, required)


def parse_date(text: str) -> dt.date | None:
    """dd/mm/yyyy (Vietnamese) or yyyy-mm-dd (ePing exports); "" → None; else ValueError."""
    text = text.strip()
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text[:19] if "T" in text else text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(text)
