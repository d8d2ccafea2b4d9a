import csv
import datetime as dt
from pathlib import Path

import pytest

from tdc.metrology.models import InstrumentType, add_months, next_due_date

CSV = Path(__file__).resolve().parent.parent / "data" / "group2-instruments.csv"
with CSV.open(encoding="utf-8") as handle:
    CYCLES = sorted(
        {
            int(r["verification_cycle_months"])
            for r in csv.DictReader(handle)
            if r["verification_cycle_months"]
        }
    )


def test_the_csv_holds_the_cycles_tested_here():
    assert CYCLES == [12, 18, 24, 36, 60]


@pytest.mark.parametrize(
    ("cycle", "verified_on", "due"),
    [
        (12, dt.date(2025, 3, 14), dt.date(2026, 3, 14)),
        (12, dt.date(2024, 2, 29), dt.date(2025, 2, 28)),  # leap day, common year after
        (12, dt.date(2023, 12, 31), dt.date(2024, 12, 31)),
        (18, dt.date(2025, 1, 31), dt.date(2026, 7, 31)),
        (18, dt.date(2025, 8, 31), dt.date(2027, 2, 28)),
        (18, dt.date(2026, 8, 31), dt.date(2028, 2, 29)),  # lands in a leap February
        (24, dt.date(2024, 2, 29), dt.date(2026, 2, 28)),
        (24, dt.date(2026, 5, 31), dt.date(2028, 5, 31)),
        (36, dt.date(2025, 2, 28), dt.date(2028, 2, 28)),
        (36, dt.date(2023, 10, 31), dt.date(2026, 10, 31)),
        (60, dt.date(2024, 2, 29), dt.date(2029, 2, 28)),
        (60, dt.date(2023, 2, 28), dt.date(2028, 2, 28)),
        (60, dt.date(2025, 12, 31), dt.date(2030, 12, 31)),
    ],
)
def test_next_due_is_the_same_day_cycle_months_later_clamped_to_month_end(cycle, verified_on, due):
    assert next_due_date(verified_on, passed=True, cycle_months=cycle) == due


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2025, 3, 31), 1, dt.date(2025, 4, 30)),
        (dt.date(2025, 12, 15), 1, dt.date(2026, 1, 15)),
        (dt.date(2025, 11, 30), 3, dt.date(2026, 2, 28)),
        (dt.date(2100, 1, 29), 1, dt.date(2100, 2, 28)),  # 2100 is not a leap year
        (dt.date(2000, 1, 29), 1, dt.date(2000, 2, 29)),  # 2000 is
        (dt.date(2025, 6, 1), 0, dt.date(2025, 6, 1)),
    ],
)
def test_add_months_edge_dates(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.django_db
def test_every_type_in_the_list_gets_its_due_date_from_its_own_cycle():
    verified_on = dt.date(2024, 1, 31)
    dues = {
        t.code: next_due_date(verified_on, passed=True, cycle_months=t.cycle_months)
        for t in InstrumentType.objects.all()
    }
    expected = {
        12: dt.date(2025, 1, 31),
        18: dt.date(2025, 7, 31),
        24: dt.date(2026, 1, 31),
        36: dt.date(2027, 1, 31),
        60: dt.date(2029, 1, 31),
        None: None,
    }
    assert len(dues) == 25
    for t in InstrumentType.objects.all():
        assert dues[t.code] == expected[t.cycle_months], t.name
    assert dues["thuoc-cuon"] is None
    assert dues["taximet"] == dt.date(2025, 7, 31)


def test_a_failed_verification_is_due_at_once_whatever_the_cycle():
    assert next_due_date(dt.date(2025, 5, 5), passed=False, cycle_months=12) == dt.date(2025, 5, 5)
    assert next_due_date(dt.date(2025, 5, 5), passed=False, cycle_months=None) == dt.date(
        2025, 5, 5
    )
    assert next_due_date(dt.date(2025, 5, 5), passed=True, cycle_months=None) is None
