"""Writing a chunk of valid rows: staging tables, one set-based upsert, the roll-ups.

The accepted rows of a chunk go to temporary staging tables (PostgreSQL: `COPY`; SQLite:
`executemany`) and from there into the register with one `INSERT … ON CONFLICT DO UPDATE`
keyed on (type, owner, serial, province), so a re-import changes nothing. The roll-ups move in
three set-based upserts computed from the staged old and new states. No ORM objects: see
docs/decisions/0006 on why the import uses COPY and raw SQL, 0013 on how its keys are kept.
"""

# SQL here is assembled from this module's own constants; values always go as parameters.
# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal, NamedTuple

from django.db import connection
from django.utils import timezone

from tdc.metrology.imports import all_new, keys, new_instruments
from tdc.metrology.imports.all_new import NewChunk
from tdc.metrology.imports.new_instruments import Latest
from tdc.metrology.imports.validation import InstrumentKey, Row

STAGE_TABLES = {
    "metrology_stage_instrument": (
        "type_id bigint, owner_id bigint, serial varchar(100), province_id integer, "
        "commune_id integer, manufacturer varchar(200), model varchar(100), "
        "measuring_range varchar(100), accuracy_class varchar(40), address varchar(300), "
        "status varchar(20), last_verified_on date, last_result varchar(4), "
        "last_stamp_number varchar(40), last_verification_id bigint, next_due date"
    ),
    "metrology_stage_verification": (
        "id bigint, type_id bigint, owner_id bigint, serial varchar(100), province_id integer, "
        "verified_on date, form varchar(20), verifier_id bigint, verifier_name varchar(300), "
        "result varchar(4), stamp_number varchar(40), certificate_number varchar(60), "
        "next_due date"
    ),
    "metrology_stage_old": (
        "id bigint, province_id integer, commune_id integer, type_id bigint, "
        "status varchar(20), next_due date, owner_id bigint, serial varchar(100), "
        "changed boolean"
    ),
    "metrology_stage_new": (
        "id bigint, province_id integer, commune_id integer, type_id bigint, "
        "status varchar(20), next_due date, owner_id bigint, serial varchar(100)"
    ),
}
# Each staging table's column types, for the binary COPY (`_stage`).
STAGE_TYPES = {
    table: {
        name: kind.split("(")[0].replace("varchar", "character varying")
        for name, kind in (column.split() for column in columns.split(", "))
    }
    for table, columns in STAGE_TABLES.items()
}
INSTRUMENT_STAGE_COLUMNS = [
    "type_id",
    "owner_id",
    "serial",
    "province_id",
    "commune_id",
    "manufacturer",
    "model",
    "measuring_range",
    "accuracy_class",
    "address",
    "status",
    "last_verified_on",
    "last_result",
    "last_stamp_number",
    "last_verification_id",
    "next_due",
]
VERIFICATION_STAGE_COLUMNS = [
    "id",
    "type_id",
    "owner_id",
    "serial",
    "province_id",
    "verified_on",
    "form",
    "verifier_id",
    "verifier_name",
    "result",
    "stamp_number",
    "certificate_number",
    "next_due",
]
KEEP_IF_BLANK = ("manufacturer", "model", "measuring_range", "accuracy_class", "address")
LAST_FIELDS = (
    "last_verified_on",
    "last_result",
    "last_stamp_number",
    "last_verification_id",
    "next_due",
)
KEY_JOIN = (
    "{a}.type_id = {b}.type_id AND {a}.owner_id = {b}.owner_id AND {a}.serial = {b}.serial "
    "AND {a}.province_id = {b}.province_id"
)


def _newer(register: str, proposed: str) -> str:
    return (
        f"({proposed}.last_verified_on IS NOT NULL AND ({register}.last_verified_on IS NULL "
        f"OR {proposed}.last_verified_on > {register}.last_verified_on))"
    )


def _changes(register: str, proposed: str, proposed_status: str) -> str:
    """Whether the proposed row would change the register's (the upsert's condition)."""
    return " OR ".join(
        [
            f"{register}.commune_id IS DISTINCT FROM {proposed}.commune_id",
            f"{register}.status IS DISTINCT FROM {proposed_status}",
            *(
                f"COALESCE(NULLIF({proposed}.{c}, ''), {register}.{c}) "
                f"IS DISTINCT FROM {register}.{c}"
                for c in KEEP_IF_BLANK
            ),
            _newer(register, proposed),
        ]
    )


def _upsert_sql(*, held_only: bool = False) -> str:
    keep = ", ".join(f"{c} = COALESCE(NULLIF(excluded.{c}, ''), i.{c})" for c in KEEP_IF_BLANK)
    newer = _newer("i", "excluded")
    last = ", ".join(
        f"{c} = CASE WHEN {newer} THEN excluded.{c} ELSE i.{c} END" for c in LAST_FIELDS
    )
    columns = ", ".join(f"s.{c}" for c in INSTRUMENT_STAGE_COLUMNS if c != "status")
    # Only the staged rows that are new, or that the capture found would change the register:
    # a re-import leaves the register's rows untouched (not even locked by the upsert).
    staged = "o.changed" if held_only else "(o.id IS NULL OR o.changed)"
    return (
        "INSERT INTO metrology_instrument AS i (created_at, updated_at, "
        + ", ".join(c for c in INSTRUMENT_STAGE_COLUMNS if c != "status")
        + ", status) "
        f"SELECT %s, %s, {columns}, COALESCE(NULLIF(s.status, ''), o.status, 'in_use') "
        "FROM metrology_stage_instrument s LEFT JOIN metrology_stage_old o ON "
        + KEY_JOIN.format(a="o", b="s")
        + f" WHERE {staged}"
        + " ON CONFLICT (type_id, owner_id, serial, province_id) DO UPDATE SET "
        f"commune_id = excluded.commune_id, status = excluded.status, {keep}, {last}, "
        f"updated_at = excluded.updated_at WHERE {_changes('i', 'excluded', 'excluded.status')} "
        "RETURNING id, province_id, commune_id, type_id, status, next_due, owner_id, serial"
    )


UPSERT_SQL = _upsert_sql()
# After the new instruments went in by COPY (`new_instruments`): the rows the register holds.
UPSERT_HELD_SQL = _upsert_sql(held_only=True)
# Each staged instrument looked up in the register by its natural key, one probe of that key's
# index per row whatever the statistics say: the first row at or after the key in that index's
# order (a row comparison only an index led by the key's columns can serve), kept if it is the
# key. With plain equalities the planner may take the owner's index instead, when the owner's
# instruments are not in the statistics yet (just imported), and read it whole for every row.
# With each old state, whether the staged row would change it (`changed`, the upsert's own
# condition), so that the upsert takes only the rows that do.
CAPTURE_OLD_SQL = (
    "INSERT INTO metrology_stage_old (id, province_id, commune_id, type_id, status, next_due, "
    "owner_id, serial, changed) SELECT i.id, i.province_id, i.commune_id, i.type_id, i.status, "
    "i.next_due, i.owner_id, i.serial, i.changed FROM metrology_stage_instrument s "
    "CROSS JOIN LATERAL (SELECT r.id, r.province_id, r.commune_id, r.type_id, r.status, "
    "r.next_due, r.owner_id, r.serial, "
    + _changes("r", "s", "COALESCE(NULLIF(s.status, ''), r.status, 'in_use')")
    + " AS changed FROM metrology_instrument r WHERE (r.type_id, r.owner_id, r.serial, "
    "r.province_id) >= (s.type_id, s.owner_id, s.serial, s.province_id) AND r.province_id IN "
    "({provinces}) ORDER BY r.type_id, r.owner_id, r.serial, r.province_id LIMIT 1) i WHERE "
    + KEY_JOIN.format(a="i", b="s")
)
CAPTURE_OLD_SQLITE = (  # SQLite has no LATERAL; its planner takes the unique index by itself
    "INSERT INTO metrology_stage_old (id, province_id, commune_id, type_id, status, next_due, "
    "owner_id, serial, changed) SELECT i.id, i.province_id, i.commune_id, i.type_id, i.status, "
    "i.next_due, i.owner_id, i.serial, true FROM metrology_stage_instrument s "
    "JOIN metrology_instrument i ON " + KEY_JOIN.format(a="i", b="s")
)
# The instruments' ids come from the staged states (new or changed rows from the upsert, the
# others as captured before it), not from another look-up in the register.
INSERT_VERIFICATIONS_SQL = (
    "INSERT INTO metrology_verification (id, instrument_id, province_id, verified_on, form, "
    "verifier_id, verifier_name, result, stamp_number, certificate_number, next_due, "
    "created_at, created_by_id) SELECT v.id, i.id, v.province_id, v.verified_on, v.form, "
    "v.verifier_id, v.verifier_name, v.result, v.stamp_number, v.certificate_number, "
    "v.next_due, %s, %s FROM metrology_stage_verification v JOIN ("
    "SELECT id, type_id, owner_id, serial, province_id FROM metrology_stage_new UNION "
    "SELECT id, type_id, owner_id, serial, province_id FROM metrology_stage_old) i ON "
    + KEY_JOIN.format(a="i", b="v")
    + " ON CONFLICT (instrument_id, verified_on) DO NOTHING"
)
_CHANGES = (
    "SELECT {cols}, -1 AS d FROM metrology_stage_old o "
    "WHERE o.id IN (SELECT id FROM metrology_stage_new) {due} "
    "UNION ALL SELECT {cols}, 1 AS d FROM metrology_stage_new o WHERE true {due}"
)
_DUE = "AND o.status = 'in_use' AND o.next_due IS NOT NULL"


def _tally_sql(vendor: str) -> list[str]:
    month = (
        "date_trunc('month', o.next_due)::date"
        if vendor == "postgresql"
        else "date(o.next_due, 'start of month')"
    )
    status_cols = "o.province_id, o.commune_id, o.type_id, o.status"
    return [
        "INSERT INTO metrology_instrumenttally (province_id, commune_id, type_id, status, n) "
        "SELECT province_id, commune_id, type_id, status, sum(d) FROM ("
        + _CHANGES.format(cols=status_cols, due="")
        + ") x WHERE true GROUP BY province_id, commune_id, type_id, status HAVING sum(d) <> 0 "
        "ORDER BY province_id, commune_id, type_id, status "
        "ON CONFLICT (province_id, commune_id, type_id, status) "
        "DO UPDATE SET n = metrology_instrumenttally.n + excluded.n",
        "INSERT INTO metrology_duemonthtally (province_id, commune_id, month, n) "
        "SELECT province_id, commune_id, month, sum(d) FROM ("
        + _CHANGES.format(cols=f"o.province_id, o.commune_id, {month} AS month", due=_DUE)
        + ") x WHERE true GROUP BY province_id, commune_id, month HAVING sum(d) <> 0 "
        "ORDER BY province_id, month, commune_id "
        "ON CONFLICT (province_id, month, commune_id) "
        "DO UPDATE SET n = metrology_duemonthtally.n + excluded.n",
        "INSERT INTO metrology_duedaytally (province_id, commune_id, due_on, n) "
        "SELECT province_id, commune_id, due_on, sum(d) FROM ("
        + _CHANGES.format(cols="o.province_id, o.commune_id, o.next_due AS due_on", due=_DUE)
        + ") x WHERE true GROUP BY province_id, commune_id, due_on HAVING sum(d) <> 0 "
        "ORDER BY province_id, due_on, commune_id "
        "ON CONFLICT (province_id, due_on, commune_id) "
        "DO UPDATE SET n = metrology_duedaytally.n + excluded.n",
    ]


def _ensure_stage(cursor: Any, vendor: str) -> None:
    for name, columns in STAGE_TABLES.items():
        tail = " ON COMMIT DELETE ROWS" if vendor == "postgresql" else ""
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns}){tail}")
        cursor.execute(f"DELETE FROM {name}")


def _allocate_verification_ids(cursor: Any, vendor: str, count: int) -> list[int]:
    if not count:
        return []
    if vendor == "postgresql":
        return new_instruments.allocate_ids(cursor, "metrology_verification", count)
    # SQLite: the write lock is held (BEGIN IMMEDIATE), so max(id) cannot move under us.
    cursor.execute(
        "SELECT max(coalesce((SELECT max(id) FROM metrology_verification), 0), "
        "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'metrology_verification'), 0))"
    )
    start = int(cursor.fetchone()[0]) + 1
    return list(range(start, start + count))


def _stage(
    cursor: Any, vendor: str, table: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    if vendor == "postgresql":
        typed = [(c, STAGE_TYPES[table][c]) for c in columns]
        new_instruments.copy_binary(cursor, table, typed, rows)
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _instrument_stage_row(key: InstrumentKey, latest: Latest) -> tuple[Any, ...]:
    """One row of `metrology_stage_instrument`, in INSTRUMENT_STAGE_COLUMNS order."""
    row, ver = latest.row, latest.verification
    last: tuple[Any, ...] = (
        (ver.verified_on, ver.result, ver.stamp_number, latest.verification_id, ver.next_due)
        if ver is not None
        else (None, "", "", None, None)
    )
    # Tuple concatenation, not star-unpacking: a named tuple unpacks by the slow, generic path.
    return key + (row.commune_id,) + row.descriptions + (row.status,) + last


@contextmanager
def _key_checks_for_locked_rows(cursor: Any) -> Iterator[None]:
    """PostgreSQL: the per-row key triggers off while the chunk's locked rows are written, when
    the session may turn them off; otherwise kept, with generic plans (`keys`)."""
    skip = not keys.row_checks_needed(cursor)
    if skip:
        keys.skip_row_checks(cursor, skip=True)
    else:
        keys.plan_for_row_checks(cursor)
    try:
        yield
    finally:
        if skip:
            keys.skip_row_checks(cursor, skip=False)


def write_new_rows(new: NewChunk, *, by_id: int | None) -> bool:
    """PostgreSQL: write a chunk prepared as all new to the register (`all_new`); False, with
    nothing written, if the register holds some of it. Call as `write_rows`, once the chunk's
    keys are locked."""
    with connection.cursor() as cursor, _key_checks_for_locked_rows(cursor):
        return all_new.write(cursor, new, now=timezone.now(), by_id=by_id)


def write_rows(
    rows: list[Row], *, by_id: int | None, recorded: dict[str, int] | None = None
) -> bool:
    """Write a chunk of valid rows with their verifications, and move the roll-ups. Call inside
    the chunk's transaction, after `keys.lock_referenced_keys` has locked what the rows
    reference: on PostgreSQL the per-row key triggers are then skipped when the session may.
    `recorded`: stamps whose verification (this row's instrument, this day) is already in the
    register, with its id — a re-import — so it is not written again. True if the register
    held none of these instruments (PostgreSQL; SQLite does not look)."""
    recorded = recorded or {}
    if not rows:
        return False
    vendor = connection.vendor
    now = timezone.now()
    with connection.cursor() as cursor:
        _ensure_stage(cursor, vendor)
        count = sum(
            1
            for r in rows
            if (v := r.verification) and (not v.stamp_number or v.stamp_number not in recorded)
        )
        ids = _allocate_verification_ids(cursor, vendor, count)
        latest, verifications = new_instruments.latest_per_instrument(rows, ids, recorded)
        instruments = [_instrument_stage_row(key, last) for key, last in latest.items()]
        _stage(cursor, vendor, "metrology_stage_instrument", INSTRUMENT_STAGE_COLUMNS, instruments)
        # Name the chunk's provinces as literals: PostgreSQL then plans against their
        # partitions only, instead of joining the staged rows with every partition. The staging
        # tables are not analysed: with their statistics the planner hash-joins them with the
        # whole province partition; without, it probes the natural key's index row by row.
        provinces = ", ".join(str(int(p)) for p in sorted({r.key.province_id for r in rows}))
        if vendor != "postgresql":
            _stage(
                cursor,
                vendor,
                "metrology_stage_verification",
                VERIFICATION_STAGE_COLUMNS,
                verifications,
            )
            cursor.execute(CAPTURE_OLD_SQLITE)
            _write_staged(cursor, vendor, now, by_id, verifications=bool(verifications))
            return False
        with _key_checks_for_locked_rows(cursor):
            return _write_postgresql(cursor, provinces, now, by_id, latest, verifications)


def _write_postgresql(
    cursor: Any,
    provinces: str,
    now: dt.datetime,
    by_id: int | None,
    latest: dict[InstrumentKey, Latest],
    verifications: list[tuple[Any, ...]],
) -> bool:
    """The new instruments by COPY, the held ones by the upsert; all of them by the upsert if
    another import got in between (`new_instruments`). True if none was held."""
    capture = CAPTURE_OLD_SQL.format(provinces=provinces)
    cursor.execute(capture)
    held, any_changed = new_instruments.held_keys(cursor)
    new = {key: last for key, last in latest.items() if key not in held}
    if not new or new_instruments.copy_new(
        cursor, new, [v for v in verifications if v[1:5] in new], now=now, by_id=by_id
    ):
        rest = [v for v in verifications if v[1:5] not in new]
        _stage(
            cursor, "postgresql", "metrology_stage_verification", VERIFICATION_STAGE_COLUMNS, rest
        )
        _write_staged(
            cursor,
            "postgresql",
            now,
            by_id,
            verifications=bool(rest),
            upsert="held" if any_changed else "none",
        )
        return not held
    # Refused: the register holds some of them now; capture the old states again.
    cursor.execute("DELETE FROM metrology_stage_old")
    cursor.execute(capture)
    _stage(
        cursor,
        "postgresql",
        "metrology_stage_verification",
        VERIFICATION_STAGE_COLUMNS,
        verifications,
    )
    _write_staged(cursor, "postgresql", now, by_id, verifications=bool(verifications))
    return False


def _write_staged(
    cursor: Any,
    vendor: str,
    now: dt.datetime,
    by_id: int | None,
    *,
    verifications: bool,
    upsert: Literal["all", "held", "none"] = "all",
) -> None:
    """The upsert from the staged rows (their old states captured), the roll-ups, and the
    verifications. `upsert`: every staged row, only those the register held (the new ones were
    written by COPY), or none (all were new)."""
    if upsert == "none":
        pass
    elif vendor == "postgresql":
        cursor.execute(
            f"WITH up AS ({UPSERT_HELD_SQL if upsert == 'held' else UPSERT_SQL}) INSERT INTO "
            "metrology_stage_new (id, province_id, commune_id, type_id, status, next_due, "
            "owner_id, serial) SELECT * FROM up",
            [now, now],
        )
    else:
        cursor.execute(UPSERT_SQL, [now, now])
        changed = cursor.fetchall()
        if changed:
            cursor.executemany(
                "INSERT INTO metrology_stage_new (id, province_id, commune_id, type_id, "
                "status, next_due, owner_id, serial) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                changed,
            )
    for sql in _tally_sql(vendor):
        cursor.execute(sql)
    if verifications:
        cursor.execute(INSERT_VERIFICATIONS_SQL, [now, by_id])


class StampHolder(NamedTuple):
    """The instrument and day of the verification that already holds a stamp, and its id."""

    key: InstrumentKey
    verified_on: dt.date
    verification_id: int


def stamp_conflicts(rows: list[Row]) -> dict[str, StampHolder]:
    """Stamps of these rows already used in the register, with who holds each. The stamps are
    read from the verification table, then their instruments per province (one partition per
    query)."""
    stamps = sorted({v.stamp_number for r in rows if (v := r.verification) and v.stamp_number})
    held: dict[str, tuple[int, int, dt.date, int]] = {}  # stamp → instrument, province, day, id
    with connection.cursor() as cursor:
        postgres = connection.vendor == "postgresql"
        step = len(stamps) or 1 if postgres else 1000
        for start in range(0, len(stamps), step):
            part = stamps[start : start + step]
            if postgres:
                # One probe of the stamp index per stamp (`= ANY(…)` over tens of thousands of
                # stamps is planned as a scan of the whole verification table instead).
                cursor.execute(
                    "SELECT v.stamp_number, v.instrument_id, v.province_id, v.verified_on, v.id "
                    "FROM unnest(%s::varchar[]) AS s(stamp) CROSS JOIN LATERAL ("
                    "SELECT stamp_number, instrument_id, province_id, verified_on, id "
                    "FROM metrology_verification WHERE stamp_number = s.stamp "
                    "AND stamp_number <> '' LIMIT 1) v",  # the partial unique index
                    [part],
                )
            else:
                marks = ", ".join(["%s"] * len(part))
                cursor.execute(
                    "SELECT stamp_number, instrument_id, province_id, verified_on, id "
                    f"FROM metrology_verification WHERE stamp_number IN ({marks})",
                    part,
                )
            for stamp, instrument_id, province_id, day, vid in cursor.fetchall():
                if isinstance(day, str):
                    day = dt.date.fromisoformat(day)
                held[stamp] = (instrument_id, province_id, day, vid)
        by_province: dict[int, list[int]] = {}
        for instrument_id, province_id, _day, _vid in held.values():
            by_province.setdefault(province_id, []).append(instrument_id)
        keys_by_id: dict[int, InstrumentKey] = {}
        for province_id, ids in sorted(by_province.items()):
            for start in range(0, len(ids), 1000):
                some = ids[start : start + 1000]
                marks = ", ".join(["%s"] * len(some))
                cursor.execute(
                    "SELECT id, type_id, owner_id, serial, province_id FROM metrology_instrument "
                    f"WHERE province_id = {int(province_id)} AND id IN ({marks})",
                    some,
                )
                for found in cursor.fetchall():
                    keys_by_id[found[0]] = InstrumentKey._make(found[1:])
    return {
        stamp: StampHolder(keys_by_id[instrument_id], day, vid)
        for stamp, (instrument_id, _province_id, day, vid) in held.items()
        if instrument_id in keys_by_id
    }
