"""What a cell or a run of a document may hold: the one place where writers make text safe.

Every writer in `tdc.reports` passes every value through these functions, so no stored text —
whatever was pasted into it years ago — can break a download:

- characters XML 1.0 forbids (control characters other than tab, line feed and carriage
  return; lone surrogates; U+FFFE, U+FFFF) are removed, with DEL and the C1 controls, exactly
  what `tdc.core.text.strip_control` removes; text cleaned on input passes through unchanged;
- text that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or
  a carriage return, OWASP's list) is written as text: a string cell marked "quote prefix" in
  XLSX, so Excel shows exactly what the user typed and keeps it text when the cell is edited;
  a leading `'` in CSV, which has no cell types. Numbers, including negative ones, stay numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl.cell.cell import Cell

from tdc.core.text import nfc, strip_control

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel holds at most 32,767 characters (UTF-16 code units) in a cell; beyond it Excel
# "repairs" the file. Longer text is cut and ends with an ellipsis.
XLSX_CELL_LIMIT = 32767
ELLIPSIS = "…"
# Excel's rules for a sheet's tab: at most 31 characters, none of these, not empty.
_SHEET_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")
SHEET_NAME_LIMIT = 31

_PLAIN = (int, float, Decimal, dt.date, dt.time, dt.timedelta)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, limit: int) -> str:
    if _utf16_length(text) <= limit:
        return text
    kept: list[str] = []
    room = limit - 1  # the ellipsis
    for character in text:
        width = 2 if ord(character) > 0xFFFF else 1
        if width > room:
            break
        kept.append(character)
        room -= width
    return "".join(kept) + ELLIPSIS


def safe_cell(value: object) -> object:
    """The value an XLSX cell can hold: text cleaned and cut to Excel's limit; others kept.

    `None`, booleans, finite numbers, dates, times and durations are returned as they are (an
    aware datetime in local time without its zone, which Excel cannot store); NaN and infinity,
    which make a file Excel refuses to open, and any other object become their text.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return timezone.make_naive(value)
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        return str(value)
    if isinstance(value, _PLAIN):
        return value
    return _cut(strip_control(str(value)), XLSX_CELL_LIMIT)


def xlsx_cell(sheet: Any, value: object) -> Cell:
    """A cell of `sheet` holding `value` safely, for `sheet.append([...])` (either kind of sheet).

    Formula-like text is a string cell with the quote prefix, never a formula.
    """
    cell = Cell(sheet, row=1, column=1)  # append() gives it its place
    store(cell, value)
    return cell


def xlsx_row(sheet: Any, values: Iterable[object]) -> list[Cell]:
    return [xlsx_cell(sheet, value) for value in values]


def store(cell: Any, value: object) -> Any:
    """Put `value` into an existing cell (`sheet.cell(row=…, column=…)`) safely; the cell back."""
    safe = safe_cell(value)
    cell.value = safe
    if isinstance(safe, str) and is_formula_like(safe):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def safe_sheet_name(name: str) -> str:
    """A tab name Excel accepts: no []:*?/\\, no control characters, 1–31 characters."""
    cleaned = strip_control(name).translate(_SHEET_FORBIDDEN).strip().strip("'")
    return cleaned[:SHEET_NAME_LIMIT].strip().strip("'") or "Sheet"  # nor begin or end with a quote


def safe_csv_cell(value: object) -> str:
    """The text of a CSV field: control characters out; formula-like text after a `'`.

    Numbers are written as numbers (a negative number is not escaped); `None` is empty.
    """
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    text = strip_control(str(value))
    # Text that already starts with quotes before a trigger gets one more, so that
    # `unescape_csv_cell` gives back exactly what was typed.
    return "'" + text if is_formula_like(text.lstrip("'")) else text


def unescape_csv_cell(text: str) -> str:
    """Undo `safe_csv_cell` for a file read back in (a corrected "rejected rows" CSV)."""
    if text.startswith("'") and is_formula_like(text.lstrip("'")):
        return text[1:]
    return text


def safe_docx_text(text: str) -> str:
    """Text for a python-docx run: NFC, XML-illegal characters out, one line break per break.

    python-docx turns each carriage return and each line feed into a break, so a Windows
    "\\r\\n" would become two: every line ending becomes one "\\n".
    """
    cleaned = strip_control(text).replace("\r\n", "\n").replace("\r", "\n")
    return nfc(cleaned)
