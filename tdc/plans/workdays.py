"""Working days: Monday to Friday, minus public holidays.

The solar-calendar holidays of the Labour Code are built in; lunar ones (Tết, Giỗ Tổ Hùng Vương)
and compensatory days off change every year and are entered as `Holiday` rows.
"""

from __future__ import annotations

import datetime as dt

from tdc.plans.models import Holiday

# (day, month): Tết Dương lịch, Ngày Chiến thắng, Quốc tế Lao động, Quốc khánh.
FIXED_HOLIDAYS = frozenset({(1, 1), (30, 4), (1, 5), (2, 9)})


def holidays_between(start: dt.date, end: dt.date) -> set[dt.date]:
    """Every non-weekend day off between `start` and `end` (inclusive)."""
    days = set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))
    for year in range(start.year, end.year + 1):
        for day, month in FIXED_HOLIDAYS:
            candidate = dt.date(year, month, day)
            if start <= candidate <= end:
                days.add(candidate)
    return days


def is_working_day(day: dt.date, holidays: set[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The day `count` working days after `start` (which itself is not counted)."""
    holidays = holidays_between(start, start + dt.timedelta(days=count * 3 + 30))
    day = start
    remaining = count
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    holidays = holidays_between(day, day + dt.timedelta(days=40))
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day
