"""Reading an attendance sheet (danh sách học viên, XLSX) into rows a course can take.

Sheets come from many hands: a title and blank rows above the header, merged cells (one
organisation over several people, a group heading across the row), names in upper case or in
NFD, the same person twice, dates typed as text or stored as Excel serial numbers. Each row
either becomes a `Row` or earns a `Problem` with a Vietnamese message naming the row; a
problem that `blocks` means the sheet is not taken at all (nothing is half-written).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from tdc.capacity.models import Audience
from tdc.core.text import clean_text, fold
from tdc.core.uploads import MB, UploadLimits

# A class list is a few hundred kilobytes; openpyxl holds the whole sheet in memory (merged
# cells need the full reader), so the uncompressed size is kept small.
LIMITS = UploadLimits(max_bytes=2 * MB, zip_based=True, max_uncompressed_bytes=20 * MB)
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 20

# Folded header words → the column they name (first match wins, most specific first).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("het han", "expires"),
    ("so chung chi", "certificate"),
    ("chung chi", "certificate"),
    ("chung nhan", "certificate"),
    ("ho va ten", "name"),
    ("ho ten", "name"),
    ("doi tuong", "audience"),
    ("thanh phan", "audience"),
    ("chuc vu", "position"),
    ("don vi", "organisation"),
    ("co quan", "organisation"),
    ("to chuc", "organisation"),
    ("doanh nghiep", "organisation"),
    ("ngay sinh", "ignored"),
    ("nam sinh", "ignored"),
    ("ngay cap", "ignored"),
    ("ngay", "date"),
)

# Folded words people write for an audience type.
AUDIENCE_WORDS: tuple[tuple[str, str], ...] = (
    ("cong an", Audience.POLICE),
    ("quan doi", Audience.MILITARY),
    ("bo doi", Audience.MILITARY),
    ("quan su", Audience.MILITARY),
    ("giao vien", Audience.TEACHERS),
    ("giang vien", Audience.TEACHERS),
    ("hoc sinh", Audience.STUDENTS),
    ("sinh vien", Audience.STUDENTS),
    ("cap xa", Audience.COMMUNE),
    ("ubnd xa", Audience.COMMUNE),
    ("phuong", Audience.COMMUNE),
    ("doanh nghiep", Audience.BUSINESSES),
    ("ho kinh doanh", Audience.BUSINESSES),
    ("co so san xuat", Audience.BUSINESSES),
    ("cong chuc", Audience.OFFICIALS),
    ("vien chuc", Audience.OFFICIALS),
    ("can bo", Audience.OFFICIALS),
    ("khac", Audience.OTHER),
)

_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
# Excel serials of 1/1/2000 and 31/12/2099: anything else is not a date someone meant.
_SERIAL_RANGE = (36526, 73050)


@dataclass(frozen=True)
class Row:
    """One person, cleaned: what the course will store."""

    number: int  # the sheet's row number, as Excel shows it
    full_name: str
    organisation_name: str
    audience: str
    position: str
    attended_on: dt.date | None
    certificate_number: str
    certificate_expires_on: dt.date | None

    @property
    def key(self) -> tuple[str, str]:
        return person_key(self.organisation_name, self.full_name)


@dataclass(frozen=True)
class Problem:
    number: int
    name: str
    organisation: str
    message: str
    blocks: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.number,
            "name": self.name,
            "organisation": self.organisation,
            "message": self.message,
            "blocking": self.blocks,
        }


@dataclass
class Sheet:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return any(p.blocks for p in self.problems)


def person_key(organisation: str, name: str) -> tuple[str, str]:
    """The same person: organisation and name, accent-, case- and space-insensitive."""
    return fold(organisation), fold(name)


def tidy_name(text: str) -> str:
    """NFC, single-spaced; a name typed all in capitals (or all in small letters) becomes
    "Nguyễn Văn An"."""
    name = clean_text(text, keep_newlines=False).strip()
    if name.upper() != name.lower() and name in (name.upper(), name.lower()):
        name = " ".join(word.capitalize() for word in name.split(" "))
    return name


def audience_of(text: str) -> str | None:
    folded = fold(text)
    for value in Audience.values:
        if folded == fold(str(Audience(value).label)):
            return value
    for word, audience in AUDIENCE_WORDS:
        if word in folded:
            return str(audience)
    return None


def _date_from_serial(number: float) -> dt.date | None:
    if not _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        return None
    value = from_excel(number)
    return value.date() if isinstance(value, dt.datetime) else None


def read_date(value: object) -> dt.date | None:
    """A date from a cell: a real date, an Excel serial, or text as dd/mm/yyyy. Raises
    ValueError (with the text to quote) when the cell holds something that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        found = _date_from_serial(float(value))
        if found is None:
            raise ValueError(str(value))
        return found
    text = clean_text(str(value), keep_newlines=False).strip()
    if not text:
        return None
    if _SERIAL.match(text):
        found = _date_from_serial(float(text))
        if found is None:
            raise ValueError(text)
        return found
    match = _DATE_TEXT.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        match = _ISO_DATE.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        raise ValueError(text) from None
    raise ValueError(text)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value), keep_newlines=False).strip()


def _grid(sheet: Worksheet) -> tuple[list[list[object]], dict[tuple[int, int], tuple[int, int]]]:
    """The sheet's values with every merged cell given its range's value, and, for each
    merged cell, the top-left corner it belongs to."""
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    owners: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(values):
            continue
        corner = values[top][left] if left < len(values[top]) else None
        for r in range(merged.min_row - 1, min(merged.max_row, len(values))):
            for c in range(merged.min_col - 1, merged.max_col):
                if c < len(values[r]):
                    values[r][c] = corner
                    owners[(r, c)] = (top, left)
    return values, owners


def _header(values: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(values[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            folded = fold(_text(cell))
            if not folded:
                continue
            for word, name in COLUMNS:
                if word in folded and name not in columns:
                    columns[name] = column
                    break
        if "name" in columns:
            return index, columns
    return None


def _cells(row: list[object], columns: dict[str, int]) -> dict[str, object]:
    return {name: (row[c] if c < len(row) else None) for name, c in columns.items()}


def read_sheet(
    data: bytes, *, default_audience: str, starts_on: dt.date, ends_on: dt.date
) -> Sheet:
    """Every row of the first sheet that names a person, checked; see the module docstring."""
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (
        OSError,
        KeyError,
        ValueError,
        TypeError,
        zipfile.BadZipFile,
        InvalidFileException,
    ) as error:
        raise ValidationError(
            _("Không đọc được tệp: hãy tải lên bảng tính Excel (.xlsx).")
        ) from error
    sheet = workbook.worksheets[0]
    values, owners = _grid(sheet)
    found = _header(values)
    if found is None:
        raise ValidationError(
            _(
                "Không tìm thấy dòng tiêu đề có cột “Họ và tên” trong %(rows)s dòng đầu của "
                "bảng tính."
            )
            % {"rows": HEADER_SEARCH_ROWS}
        )
    header_index, columns = found
    columns.pop("ignored", None)
    body = values[header_index + 1 :]
    if len(body) > MAX_ROWS:
        raise ValidationError(
            _("Bảng tính có %(rows)s dòng; mỗi lần chỉ nhập được tối đa %(max)s dòng.")
            % {"rows": len(body), "max": MAX_ROWS}
        )
    result = Sheet()
    seen: dict[tuple[str, str], int] = {}
    audience_now = default_audience
    for offset, raw in enumerate(body):
        index = header_index + 1 + offset
        number = index + 1
        cells = _cells(raw, columns)
        texts = {name: _text(value) for name, value in cells.items()}
        if not any(texts.values()):
            continue  # a blank row
        name_cell = (index, columns["name"])
        owner = owners.get(name_cell)
        spans_row = owner is not None and all(
            owners.get((index, c)) == owner for c in columns.values()
        )
        if spans_row:
            # A group heading merged across the row ("II. DOANH NGHIỆP"): it may say who
            # the people below are.
            audience_now = audience_of(texts["name"]) or audience_now
            continue
        for problem_or_row in _read_row(
            number, cells, texts, audience_now, starts_on=starts_on, ends_on=ends_on
        ):
            if isinstance(problem_or_row, Problem):
                result.problems.append(problem_or_row)
                continue
            first = seen.get(problem_or_row.key)
            if first is not None:
                result.problems.append(
                    Problem(
                        number,
                        problem_or_row.full_name,
                        problem_or_row.organisation_name,
                        _("Trùng với dòng %(first)s (cùng họ tên và đơn vị): chỉ tính một lần.")
                        % {"first": first},
                        blocks=False,
                    )
                )
                continue
            seen[problem_or_row.key] = number
            result.rows.append(problem_or_row)
    return result


def _read_row(
    number: int,
    cells: dict[str, object],
    texts: dict[str, str],
    audience_now: str,
    *,
    starts_on: dt.date,
    ends_on: dt.date,
) -> Iterator[Row | Problem]:
    name = tidy_name(texts["name"])
    organisation = texts.get("organisation", "")
    messages: list[str] = []
    if not name:
        messages.append(_("Thiếu họ và tên."))
    elif not any(ch.isalpha() for ch in name):
        messages.append(_("Họ và tên “%(name)s” không phải là tên người.") % {"name": name})
    elif len(name) > 200:
        messages.append(_("Họ và tên dài quá 200 ký tự."))
    if len(organisation) > 300:
        messages.append(_("Tên cơ quan, đơn vị dài quá 300 ký tự."))
    audience = audience_now
    if texts.get("audience"):
        matched = audience_of(texts["audience"])
        if matched is None:
            messages.append(
                _("Đối tượng “%(text)s” không có trong danh mục (%(choices)s).")
                % {
                    "text": texts["audience"],
                    "choices": "; ".join(str(label) for label in Audience.labels),
                }
            )
        else:
            audience = matched
    dates: dict[str, dt.date | None] = {}
    for column, label in (("date", _("Ngày tham dự")), ("expires", _("Ngày hết hạn"))):
        try:
            dates[column] = read_date(cells.get(column))
        except ValueError as error:
            dates[column] = None
            messages.append(
                _(
                    "%(label)s “%(text)s” không phải là ngày (ghi theo dạng ngày/tháng/năm, "
                    "ví dụ 14/10/2025)."
                )
                % {"label": label, "text": str(error)}
            )
    attended = dates["date"]
    if attended is not None and not starts_on <= attended <= ends_on:
        messages.append(
            _("Ngày tham dự %(day)s nằm ngoài thời gian của lớp (%(start)s – %(end)s).")
            % {
                "day": f"{attended:%d/%m/%Y}",
                "start": f"{starts_on:%d/%m/%Y}",
                "end": f"{ends_on:%d/%m/%Y}",
            }
        )
    if messages:
        yield Problem(number, name or texts["name"], organisation, " ".join(messages))
        return
    yield Row(
        number=number,
        full_name=name,
        organisation_name=organisation,
        audience=audience,
        position=texts.get("position", "")[:200],
        attended_on=attended,
        certificate_number=texts.get("certificate", "")[:60],
        certificate_expires_on=dates["expires"],
    )
