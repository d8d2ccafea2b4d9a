"""Working days: Monday to Friday, minus public holidays.

The solar-calendar holidays of the Labour Code are built in; lunar ones (Tết, Giỗ Tổ Hùng Vương)
and compensatory days off change every year and are entered as `Holiday` rows, once, for every
module that counts deadlines in working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tdc.core.models import Holiday

# (day, month): Tết Dương lịch, Ngày Chiến thắng, Quốc tế Lao động, Quốc khánh.
FIXED_HOLIDAYS = frozenset({(1, 1), (30, 4), (1, 5), (2, 9)})


def holidays_between(start: dt.date, end: dt.date) -> set[dt.date]:
    """Every day off (other than weekends) between `start` and `end`, inclusive."""
    days = set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))
    for year in range(start.year, end.year + 1):
        for day, month in FIXED_HOLIDAYS:
            candidate = dt.date(year, month, day)
            if start <= candidate <= end:
                days.add(candidate)
    return days


def holidays_around(today: dt.date) -> set[dt.date]:
    """The days off of the year around `today`: enough to judge a page of deadlines at once."""
    return holidays_between(today - dt.timedelta(days=366), today + dt.timedelta(days=366))


def is_working_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in set(holidays)


def _step(
    start: dt.date, count: int, direction: int, holidays: Iterable[dt.date] | None
) -> dt.date:
    if holidays is None:
        span = dt.timedelta(days=count * 3 + 30)
        first, last = (start, start + span) if direction > 0 else (start - span, start)
        holidays = holidays_between(first, last)
    off = set(holidays)
    day = start
    remaining = count
    while remaining > 0:
        day += dt.timedelta(days=direction)
        if is_working_day(day, off):
            remaining -= 1
    return day


def add_working_days(
    start: dt.date, count: int, holidays: Iterable[dt.date] | None = None
) -> dt.date:
    """The day `count` working days after `start` (which itself is not counted)."""
    return _step(start, count, 1, holidays)


def subtract_working_days(
    start: dt.date, count: int, holidays: Iterable[dt.date] | None = None
) -> dt.date:
    """The day `count` working days before `start`."""
    return _step(start, count, -1, holidays)


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    holidays = holidays_between(day, day + dt.timedelta(days=40))
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day
