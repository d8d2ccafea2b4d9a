"""Roll-ups kept on every write, so the province dashboard never scans the register.

Three small tables: instruments per (province, commune, type, status), and in-use instruments
falling due per (province, commune, month) and per (province, commune, day). "Overdue as of
today" is the month buckets before this month plus the day buckets from the 1st to yesterday.

Writers describe a change as "this state left, that state arrived" (`TallyDelta`) and apply it
in their own transaction; the bulk import computes the same deltas in SQL (see `imports`).
`rebuild_tallies()` recounts everything from the register (a repair tool and the tests' oracle).
"""

# SQL here is assembled from constants; values always go as parameters.
# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection, transaction

from tdc.metrology.models import DueDayTally, DueMonthTally, Instrument, InstrumentTally

IN_USE = Instrument.Status.IN_USE.value

STATUS_UPSERT = (
    "INSERT INTO metrology_instrumenttally (province_id, commune_id, type_id, status, n) "
    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (province_id, commune_id, type_id, status) "
    "DO UPDATE SET n = metrology_instrumenttally.n + excluded.n"
)
MONTH_UPSERT = (
    "INSERT INTO metrology_duemonthtally (province_id, commune_id, month, n) "
    "VALUES (%s, %s, %s, %s) ON CONFLICT (province_id, month, commune_id) "
    "DO UPDATE SET n = metrology_duemonthtally.n + excluded.n"
)
DAY_UPSERT = (
    "INSERT INTO metrology_duedaytally (province_id, commune_id, due_on, n) "
    "VALUES (%s, %s, %s, %s) ON CONFLICT (province_id, due_on, commune_id) "
    "DO UPDATE SET n = metrology_duedaytally.n + excluded.n"
)
# PostgreSQL: each table's deltas in one statement, from arrays (an import's chunk moves tens of
# thousands of day buckets), in the order of the table's unique key.
STATUS_UPSERT_ARRAYS = (
    "INSERT INTO metrology_instrumenttally (province_id, commune_id, type_id, status, n) "
    "SELECT * FROM unnest(%s::integer[], %s::integer[], %s::bigint[], %s::varchar[], "
    "%s::integer[]) ORDER BY 1, 2, 3, 4 ON CONFLICT (province_id, commune_id, type_id, status) "
    "DO UPDATE SET n = metrology_instrumenttally.n + excluded.n"
)
MONTH_UPSERT_ARRAYS = (
    "INSERT INTO metrology_duemonthtally (province_id, commune_id, month, n) "
    "SELECT * FROM unnest(%s::integer[], %s::integer[], %s::date[], %s::integer[]) "
    "ORDER BY 1, 3, 2 ON CONFLICT (province_id, month, commune_id) "
    "DO UPDATE SET n = metrology_duemonthtally.n + excluded.n"
)
DAY_UPSERT_ARRAYS = (
    "INSERT INTO metrology_duedaytally (province_id, commune_id, due_on, n) "
    "SELECT * FROM unnest(%s::integer[], %s::integer[], %s::date[], %s::integer[]) "
    "ORDER BY 1, 3, 2 ON CONFLICT (province_id, due_on, commune_id) "
    "DO UPDATE SET n = metrology_duedaytally.n + excluded.n"
)


@dataclass(frozen=True)
class TallyState:
    """What the roll-ups know about one instrument."""

    province_id: int
    commune_id: int
    type_id: int
    status: str
    next_due: dt.date | None

    @classmethod
    def of(cls, instrument: Instrument) -> TallyState:
        return cls(
            instrument.province_id,
            instrument.commune_id,
            instrument.type_id,
            instrument.status,
            instrument.next_due,
        )


@dataclass
class TallyDelta:
    status: Counter[tuple[int, int, int, str]] = field(default_factory=Counter)
    month: Counter[tuple[int, int, dt.date]] = field(default_factory=Counter)
    day: Counter[tuple[int, int, dt.date]] = field(default_factory=Counter)

    def add(self, state: TallyState | None, sign: int = 1) -> None:
        if state is None:
            return
        self.status[(state.province_id, state.commune_id, state.type_id, state.status)] += sign
        if state.status == IN_USE and state.next_due is not None:
            place = (state.province_id, state.commune_id)
            self.month[(*place, state.next_due.replace(day=1))] += sign
            self.day[(*place, state.next_due)] += sign

    def move(self, before: TallyState | None, after: TallyState | None) -> None:
        if before != after:
            self.add(before, -1)
            self.add(after, +1)

    def arrive(self, states: Iterable[tuple[int, int, int, str, dt.date | None]]) -> None:
        """Count instruments new to the register: (province, commune, type, status, next due)
        each, as `add` would one `TallyState` at a time."""
        status, month, day = self.status, self.month, self.day
        for province_id, commune_id, type_id, state, next_due in states:
            status[(province_id, commune_id, type_id, state)] += 1
            if state == IN_USE and next_due is not None:
                month[(province_id, commune_id, next_due.replace(day=1))] += 1
                day[(province_id, commune_id, next_due)] += 1

    def upserts(self) -> list[TallyUpsert]:
        """The statements that add the deltas to the tables, sorted so that concurrent writers
        lock rows in one order (PostgreSQL: one statement per table)."""
        postgres = connection.vendor == "postgresql"
        statements: list[TallyUpsert] = []
        for one, arrays, counter in (
            (STATUS_UPSERT, STATUS_UPSERT_ARRAYS, self.status),
            (MONTH_UPSERT, MONTH_UPSERT_ARRAYS, self.month),
            (DAY_UPSERT, DAY_UPSERT_ARRAYS, self.day),
        ):
            rows = [(*key, n) for key, n in sorted(counter.items()) if n]
            if not rows:
                continue
            if postgres:
                columns = [_array(column) for column in zip(*rows, strict=True)]
                statements.append(TallyUpsert(arrays, [columns], many=False))
            else:
                statements.append(TallyUpsert(one, rows, many=True))
        return statements

    def apply(self) -> None:
        """Add the deltas to the tables."""
        apply_upserts(self.upserts())


class TallyUpsert(NamedTuple):
    """One statement of a `TallyDelta`: once with arrays of every bucket (PostgreSQL), or once
    per bucket (`many`)."""

    sql: str
    params: Sequence[Sequence[Any]]
    many: bool


def apply_upserts(upserts: list[TallyUpsert]) -> None:
    with connection.cursor() as cursor:
        for upsert in upserts:
            if upsert.many:
                cursor.executemany(upsert.sql, upsert.params)
            else:
                cursor.execute(upsert.sql, upsert.params[0])


def _array(values: tuple[object, ...]) -> str | list[object]:
    """A column of deltas for `unnest`. Whole numbers and days go as an array literal: psycopg
    adapts a list element by element in Python, three times slower for an import's tens of
    thousands of day buckets. Anything else is adapted by psycopg."""
    first = values[0]
    if type(first) is int and all(type(v) is int for v in values):
        return "{" + ",".join(map(str, values)) + "}"
    if type(first) is dt.date and all(type(v) is dt.date for v in values):
        return "{" + ",".join(map(dt.date.isoformat, values)) + "}"  # type: ignore[arg-type]
    return list(values)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


@transaction.atomic
def rebuild_tallies() -> None:
    """Recount every roll-up from the register."""
    InstrumentTally.objects.all().delete()
    DueMonthTally.objects.all().delete()
    DueDayTally.objects.all().delete()
    month = (
        "date_trunc('month', next_due)::date"
        if connection.vendor == "postgresql"
        else "date(next_due, 'start of month')"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO metrology_instrumenttally (province_id, commune_id, type_id, status, n) "
            "SELECT province_id, commune_id, type_id, status, count(*) FROM metrology_instrument "
            "GROUP BY province_id, commune_id, type_id, status"
        )
        cursor.execute(
            "INSERT INTO metrology_duemonthtally (province_id, commune_id, month, n) "
            f"SELECT province_id, commune_id, {month}, count(*) FROM metrology_instrument "
            "WHERE status = %s AND next_due IS NOT NULL "
            f"GROUP BY province_id, commune_id, {month}",
            [IN_USE],
        )
        cursor.execute(
            "INSERT INTO metrology_duedaytally (province_id, commune_id, due_on, n) "
            "SELECT province_id, commune_id, next_due, count(*) FROM metrology_instrument "
            "WHERE status = %s AND next_due IS NOT NULL "
            "GROUP BY province_id, commune_id, next_due",
            [IN_USE],
        )


def tally_snapshot() -> dict[str, dict[tuple[object, ...], int]]:
    """Every non-zero count, for comparing the kept roll-ups with a recount."""
    return {
        "status": {
            (t.province_id, t.commune_id, t.type_id, t.status): t.n
            for t in InstrumentTally.objects.exclude(n=0)
        },
        "month": {
            (t.province_id, t.commune_id, t.month): t.n for t in DueMonthTally.objects.exclude(n=0)
        },
        "day": {
            (t.province_id, t.commune_id, t.due_on): t.n for t in DueDayTally.objects.exclude(n=0)
        },
    }
