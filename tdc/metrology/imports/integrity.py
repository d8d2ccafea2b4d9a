"""The register's integrity, checked set-based: no orphan key, roll-ups equal to a recount.

The import keeps integrity by locking each referenced key once per chunk instead of checking it
once per row (see `keys`); `problems()` proves the result afterwards, whatever wrote the rows:
every instrument's type, owner, province and commune exist, every verification's instrument
(by its composite key), province, verifier and author exist, and each roll-up count equals the
count of the register's rows it stands for. The benchmark runs it after importing; an operator
may run it as a repair check (`rebuild_tallies()` repairs the roll-ups).
"""

# SQL here is assembled from this module's own constants and model table names.
# ruff: noqa: S608
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import connection

from tdc.accounts.models import Commune, Organisation, Province
from tdc.metrology.models import InstrumentType

# (table, column, referenced table, referenced column): every single-column key of the register.
_IN_USE = "status = 'in_use' AND next_due IS NOT NULL"


def _keys() -> list[tuple[str, str, str, str]]:
    types, organisations = InstrumentType._meta.db_table, Organisation._meta.db_table
    provinces, communes = Province._meta.db_table, Commune._meta.db_table
    users = get_user_model()._meta.db_table
    return [
        ("metrology_instrument", "type_id", types, "id"),
        ("metrology_instrument", "owner_id", organisations, "id"),
        ("metrology_instrument", "province_id", provinces, "code"),
        ("metrology_instrument", "commune_id", communes, "code"),
        ("metrology_verification", "province_id", provinces, "code"),
        ("metrology_verification", "verifier_id", organisations, "id"),
        ("metrology_verification", "created_by_id", users, "id"),
        ("metrology_instrumenttally", "type_id", types, "id"),
        ("metrology_instrumenttally", "commune_id", communes, "code"),
        ("metrology_duemonthtally", "commune_id", communes, "code"),
        ("metrology_duedaytally", "commune_id", communes, "code"),
    ]


def _recounts(vendor: str) -> list[tuple[str, str, str, str]]:
    """(roll-up, its key columns, the recount's select list, the recount's filter)."""
    month = (
        "date_trunc('month', next_due)::date"
        if vendor == "postgresql"
        else "date(next_due, 'start of month')"
    )
    return [
        (
            "metrology_instrumenttally",
            "province_id, commune_id, type_id, status",
            "province_id, commune_id, type_id, status",
            "true",
        ),
        (
            "metrology_duemonthtally",
            "province_id, commune_id, month",
            f"province_id, commune_id, {month} AS month",
            _IN_USE,
        ),
        (
            "metrology_duedaytally",
            "province_id, commune_id, due_on",
            "province_id, commune_id, next_due AS due_on",
            _IN_USE,
        ),
    ]


def _count(sql: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return int(cursor.fetchone()[0])


def problems() -> list[str]:
    """What is wrong with the register, one line per kind of fault (empty: nothing)."""
    found: list[str] = []
    for table, column, target, target_column in _keys():
        orphans = _count(
            f"SELECT count(*) FROM {table} x WHERE x.{column} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {target} t WHERE t.{target_column} = x.{column})"
        )
        if orphans:
            found.append(f"{table}.{column}: {orphans} rows reference no {target} row")
    orphans = _count(
        "SELECT count(*) FROM metrology_verification v WHERE NOT EXISTS (SELECT 1 FROM "
        "metrology_instrument i WHERE i.id = v.instrument_id AND i.province_id = v.province_id)"
    )
    if orphans:
        found.append(f"metrology_verification: {orphans} rows reference no instrument")
    for table, key, select, where in _recounts(connection.vendor):
        columns = [c.strip() for c in key.split(",")]
        same = " AND ".join(f"k.{c} = r.{c}" for c in columns)
        # Kept counts that differ from the recount, or recounts with no kept count.
        wrong = _count(
            f"SELECT count(*) FROM (SELECT {key}, n FROM {table} WHERE n <> 0) k "
            f"LEFT JOIN (SELECT {select}, count(*) AS n FROM metrology_instrument WHERE {where} "
            f"GROUP BY {key}) r ON {same} WHERE r.n IS NULL OR r.n <> k.n"
        ) + _count(
            f"SELECT count(*) FROM (SELECT {select} FROM metrology_instrument WHERE {where} "
            f"GROUP BY {key}) r WHERE NOT EXISTS (SELECT 1 FROM {table} k WHERE {same} "
            "AND k.n <> 0)"
        )
        if wrong:
            found.append(f"{table}: {wrong} counts differ from a recount of the register")
    return found
