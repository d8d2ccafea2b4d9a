"""Instruments the register does not hold yet, written into it with `COPY` (PostgreSQL).

Once the chunk's old states are captured, the instruments that have none need no upsert:
nothing is there to merge with. They and their verifications go into the register by binary
`COPY`, PostgreSQL's batched insert path, instead of the upsert's one speculative insertion
per row; their ids come from the tables' own sequences beforehand, and their new states go to
the staging table the roll-ups read, as the upsert's would. The instruments the register holds
already still take the upsert.

If another transaction inserts one of these keys, or takes one of these stamps, after the
capture, a unique index refuses the `COPY`: its savepoint is rolled back and the chunk takes
the upsert path for every row, as it did before (docs/decisions/0034).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

import psycopg.errors
from django.db import transaction

from tdc.metrology.imports.validation import InstrumentKey, Row, VerificationValues

VARCHAR = "character varying"
# (column, type) of the register's two tables as this module writes them.
INSTRUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "bigint"),
    ("created_at", "timestamptz"),
    ("updated_at", "timestamptz"),
    ("type_id", "bigint"),
    ("owner_id", "bigint"),
    ("serial", VARCHAR),
    ("province_id", "integer"),
    ("commune_id", "integer"),
    ("manufacturer", VARCHAR),
    ("model", VARCHAR),
    ("measuring_range", VARCHAR),
    ("accuracy_class", VARCHAR),
    ("address", VARCHAR),
    ("status", VARCHAR),
    ("last_verified_on", "date"),
    ("last_result", VARCHAR),
    ("last_stamp_number", VARCHAR),
    ("last_verification_id", "bigint"),
    ("next_due", "date"),
)
VERIFICATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "bigint"),
    ("instrument_id", "bigint"),
    ("province_id", "integer"),
    ("verified_on", "date"),
    ("form", VARCHAR),
    ("verifier_id", "bigint"),
    ("verifier_name", VARCHAR),
    ("result", VARCHAR),
    ("stamp_number", VARCHAR),
    ("certificate_number", VARCHAR),
    ("next_due", "date"),
    ("created_at", "timestamptz"),
    ("created_by_id", "bigint"),
)
# The roll-ups' view of an instrument (metrology_stage_new, as the upsert's RETURNING fills it).
STATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "bigint"),
    ("province_id", "integer"),
    ("commune_id", "integer"),
    ("type_id", "bigint"),
    ("status", VARCHAR),
    ("next_due", "date"),
    ("owner_id", "bigint"),
    ("serial", VARCHAR),
)


class Latest(NamedTuple):
    """Per instrument of a chunk: its last row, and its latest verification with that one's id."""

    row: Row
    verification: VerificationValues | None
    verification_id: int | None


def copy_binary(
    cursor: Any, table: str, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Binary `COPY` with the columns' types given: no text formatted here and parsed there,
    no type looked up per value."""
    if not rows:
        return
    names = ", ".join(name for name, _ in columns)
    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types([kind for _, kind in columns])
        for row in rows:
            copy.write_row(row)


def allocate_ids(cursor: Any, table: str, count: int) -> list[int]:
    """`count` values of the table's id sequence. Usually one unbroken run (nobody else took a
    value meanwhile): then only its ends come back, not `count` rows; otherwise every value.
    The sequence is named as a constant: `nextval(pg_get_serial_sequence(…))` looks it up again
    for every value, ten times the cost."""
    if not count:
        return []
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    cursor.execute(
        "SELECT min(n), max(n), CASE WHEN max(n) - min(n) + 1 <> count(*) "
        "THEN array_agg(n ORDER BY n) END FROM (SELECT nextval(%s::regclass) AS n "
        "FROM generate_series(1, %s)) s",
        [sequence, count],
    )
    first, last, scattered = cursor.fetchone()
    return list(scattered) if scattered is not None else list(range(first, last + 1))


class Held(NamedTuple):
    """The chunk's keys the register holds (their old states captured), and whether the chunk
    changes any of those instruments."""

    keys: set[tuple[Any, ...]]
    any_changed: bool


def held_keys(cursor: Any) -> Held:
    cursor.execute(
        "SELECT type_id, owner_id, serial, province_id, changed FROM metrology_stage_old"
    )
    keys: set[tuple[Any, ...]] = set()
    any_changed = False
    for held in cursor.fetchall():
        keys.add(held[:4])
        any_changed = any_changed or held[4]
    return Held(keys, any_changed)


def latest_per_instrument(
    rows: list[Row], ids: list[int], recorded: dict[str, int]
) -> tuple[dict[InstrumentKey, Latest], list[tuple[Any, ...]]]:
    """Each instrument's latest state in the chunk, and every verification to write with its new
    id (those already `recorded`, by stamp, keep theirs and are not written again)."""
    fresh = iter(ids)
    latest: dict[InstrumentKey, Latest] = {}
    verifications: list[tuple[Any, ...]] = []
    for row in rows:
        ver = row.verification
        vid = None
        if ver is not None:
            vid = recorded.get(ver.stamp_number) if ver.stamp_number else None
            if vid is None:
                vid = next(fresh)
                verifications.append((vid,) + row.key + ver)
        current = latest.get(row.key)
        if current is None or (
            ver is not None
            and (current.verification is None or ver.verified_on > current.verification.verified_on)
        ):
            latest[row.key] = Latest(row, ver, vid)
        else:
            # Keep the latest verification; take the later row's descriptions.
            latest[row.key] = Latest(row, current.verification, current.verification_id)
    return latest, verifications


class NewRows(NamedTuple):
    """Instruments new to the register as its table takes them, their states for the roll-ups
    (STATE_COLUMNS), and their verifications as the verification table takes them."""

    instruments: list[tuple[Any, ...]]
    states: list[tuple[Any, ...]]
    verifications: list[tuple[Any, ...]]


def _new_rows(
    cursor: Any,
    new: dict[InstrumentKey, Latest],
    verifications: list[tuple[Any, ...]],
    *,
    now: dt.datetime,
    by_id: int | None,
) -> NewRows:
    ids = allocate_ids(cursor, "metrology_instrument", len(new))
    instrument_ids: dict[tuple[Any, ...], int] = {}
    instruments: list[tuple[Any, ...]] = []
    states: list[tuple[Any, ...]] = []
    for (key, latest), instrument_id in zip(new.items(), ids, strict=True):
        row, ver = latest.row, latest.verification
        status = row.status or "in_use"
        last: tuple[Any, ...] = (
            (ver.verified_on, ver.result, ver.stamp_number, latest.verification_id, ver.next_due)
            if ver is not None
            else (None, "", "", None, None)
        )
        instrument_ids[key] = instrument_id
        # Tuple concatenation: a named tuple star-unpacks by the slow, generic path.
        instruments.append(
            (instrument_id, now, now)
            + key
            + (row.commune_id,)
            + row.descriptions
            + (status,)
            + last
        )
        states.append(
            (instrument_id, key.province_id, row.commune_id, key.type_id, status, last[4])
            + (key.owner_id, key.serial)
        )
    written = [(v[0], instrument_ids[v[1:5]], v[4]) + v[5:] + (now, by_id) for v in verifications]
    return NewRows(instruments, states, written)


def copy_new(
    cursor: Any,
    new: dict[InstrumentKey, Latest],
    verifications: list[tuple[Any, ...]],
    *,
    now: dt.datetime,
    by_id: int | None,
) -> bool:
    """Write these instruments (none of them in the register) and their verifications (staging
    tuples: id, the instrument's key, then the verification's values), and their states for the
    roll-ups. False, with nothing of it written, if a unique key refused them."""
    rows = _new_rows(cursor, new, verifications, now=now, by_id=by_id)
    try:
        with transaction.atomic():  # a savepoint in the chunk's transaction
            copy_binary(cursor, "metrology_instrument", INSTRUMENT_COLUMNS, rows.instruments)
            copy_binary(cursor, "metrology_verification", VERIFICATION_COLUMNS, rows.verifications)
            copy_binary(cursor, "metrology_stage_new", STATE_COLUMNS, rows.states)
    except psycopg.errors.UniqueViolation:
        return False
    return True
