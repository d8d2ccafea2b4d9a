"""The attendance reader's pieces: dates in every form people type them, audience words, names."""

from __future__ import annotations

import datetime as dt

import pytest

from tdc.capacity.attendance import audience_of, read_date, tidy_name
from tdc.capacity.models import Audience


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        (dt.datetime(2025, 10, 14, 8, 30), dt.date(2025, 10, 14)),  # noqa: DTZ001  (as openpyxl reads it)
        (dt.date(2025, 10, 14), dt.date(2025, 10, 14)),
        (45944, dt.date(2025, 10, 14)),
        (45944.5, dt.date(2025, 10, 14)),
        ("45944", dt.date(2025, 10, 14)),
        ("14/10/2025", dt.date(2025, 10, 14)),
        ("4-1-2025", dt.date(2025, 1, 4)),
        ("14 . 10 . 2025", dt.date(2025, 10, 14)),
        ("2025-10-14", dt.date(2025, 10, 14)),
    ],
)
def test_a_date_is_read_from_every_form(cell, day):
    assert read_date(cell) == day


@pytest.mark.parametrize(
    "cell", [12, "12", "99999", "31/02/2025", "2025-02-30", "14/10", "ngày 14", True]
)
def test_what_is_not_a_date_is_refused_with_its_text(cell):
    with pytest.raises(ValueError, match=str(cell) if cell is not True else "True"):
        read_date(cell)


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("Cán bộ, công chức, viên chức", Audience.OFFICIALS),
        ("CÔNG AN", Audience.POLICE),
        ("bộ đội biên phòng", Audience.MILITARY),
        ("Giảng viên", Audience.TEACHERS),
        ("sinh viên", Audience.STUDENTS),
        ("Cán bộ UBND xã", Audience.COMMUNE),
        ("Hộ kinh doanh", Audience.BUSINESSES),
        ("Khác", Audience.OTHER),
        ("Nhà báo", None),
    ],
)
def test_audience_words(text, audience):
    assert audience_of(text) == audience


def test_names_in_capitals_or_small_letters_are_written_properly():
    assert tidy_name("  TRẦN   THỊ  ÁNH  ") == "Trần Thị Ánh"
    assert tidy_name("đỗ văn đức") == "Đỗ Văn Đức"
    assert tidy_name("Lê Văn McCain") == "Lê Văn McCain"
    assert tidy_name("123") == "123"
