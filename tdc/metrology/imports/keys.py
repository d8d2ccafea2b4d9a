"""Key integrity during an import: every distinct referenced key locked once per chunk.

Each instrument references a type, an owner, a province and a commune; each verification its
instrument, a province, its verifier and the user who imported it. The database's foreign keys
check these one row at a time: an RI trigger per row and key, eight look-ups for every row of a
file. A chunk of 50,000 rows references a few hundred distinct keys, so the chunk first locks
each of them `FOR KEY SHARE` — the very lock the per-row check takes — with one statement per
referenced table, in key order, and refuses the rows whose key has gone since validation. Until
the chunk commits, nobody can delete those rows or change their keys.

With every key locked, the per-row triggers add nothing but time. When the database lets this
session set `session_replication_role` (a superuser, or a role granted
`SET ON PARAMETER session_replication_role`, PostgreSQL 15), the chunk's register writes run
with the per-row triggers off (`row_checks_needed` says whether). Otherwise they run, with
generic plans so that the check against the partitioned register is not planned again for every
row (`plan_for_row_checks`). The verification → instrument key needs no lock of its own: the
chunk's instruments are the ones its upsert has just inserted or locked. See docs/decisions/0013.
"""

# SQL here is assembled from model table names; values always go as parameters.
# ruff: noqa: S608
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils.translation import gettext as _

from tdc.accounts.models import Commune, Organisation, Province
from tdc.metrology.imports.validation import Row
from tdc.metrology.models import InstrumentType

SQLITE_BATCH = 500  # SQLite's host-parameter limit is 999 on old builds


def _present(table: str, column: str, wanted: Iterable[int]) -> set[int]:
    """The keys of `wanted` that exist, locked `FOR KEY SHARE` (PostgreSQL) until commit."""
    keys = sorted(set(wanted))
    if not keys:
        return set()
    found: set[int] = set()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # In key order, so that concurrent imports take their locks in the same order.
            cursor.execute(
                f"SELECT {column} FROM {table} WHERE {column} = ANY(%s) "
                f"ORDER BY {column} FOR KEY SHARE",
                [keys],
            )
            found.update(k for (k,) in cursor.fetchall())
        else:  # SQLite: the transaction holds the database's write lock already
            for start in range(0, len(keys), SQLITE_BATCH):
                part = keys[start : start + SQLITE_BATCH]
                marks = ", ".join(["%s"] * len(part))
                cursor.execute(f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", part)
                found.update(k for (k,) in cursor.fetchall())
    return found


@dataclass(frozen=True)
class ReferencedKeys:
    """The distinct keys a chunk's rows reference, per referenced table (verifiers are
    organisations, as owners are)."""

    types: list[int]
    organisations: list[int]
    provinces: list[int]
    communes: list[int]

    @classmethod
    def of(cls, rows: list[Row]) -> ReferencedKeys:
        organisations = {r.key.owner_id for r in rows}
        organisations.update(v.verifier_id for r in rows if (v := r.verification) is not None)
        return cls(
            sorted({r.key.type_id for r in rows}),
            sorted(organisations),
            sorted({r.key.province_id for r in rows}),
            sorted({r.commune_id for r in rows}),
        )


@dataclass
class PresentKeys:
    """Of a chunk's referenced keys, those that exist, locked until the chunk commits."""

    types: set[int]
    organisations: set[int]
    provinces: set[int]
    communes: set[int]

    def cover(self, keys: ReferencedKeys) -> bool:
        """Whether every one of these keys is present."""
        found = (self.types, self.organisations, self.provinces, self.communes)
        wanted = (keys.types, keys.organisations, keys.provinces, keys.communes)
        return all(len(f) == len(w) for f, w in zip(found, wanted, strict=True))


def lock_keys(keys: ReferencedKeys) -> PresentKeys:
    """Lock these keys; call inside the chunk's transaction."""
    return PresentKeys(
        _present(InstrumentType._meta.db_table, "id", keys.types),
        _present(Organisation._meta.db_table, "id", keys.organisations),
        _present(Province._meta.db_table, "code", keys.provinces),
        _present(Commune._meta.db_table, "code", keys.communes),
    )


def importer(by_id: int | None) -> int | None:
    """The importing user, locked; None if the user is gone (the column is SET NULL)."""
    if by_id is not None and not _present(get_user_model()._meta.db_table, "id", [by_id]):
        return None
    return by_id


@dataclass
class LockedKeys:
    """The chunk's rows whose keys are all locked, those refused, and the importing user."""

    rows: list[Row]
    refused: list[tuple[Row, str]]
    by_id: int | None  # None if the user is gone (the column is SET NULL on delete)


def lock_referenced_keys(rows: list[Row], *, by_id: int | None) -> LockedKeys:
    """Lock every key the chunk's rows reference; call inside the chunk's transaction."""
    present = lock_keys(ReferencedKeys.of(rows))
    by_id = importer(by_id)
    kept: list[Row] = []
    refused: list[tuple[Row, str]] = []
    for row in rows:
        reason = _missing_key(row, present)
        if reason:
            refused.append((row, reason))
        else:
            kept.append(row)
    return LockedKeys(kept, refused, by_id)


def _missing_key(row: Row, present: PresentKeys) -> str:
    """Why a row cannot be written any more: a key it references was deleted meanwhile."""
    if row.key.type_id not in present.types:
        return _("Loại phương tiện đo vừa bị xóa khỏi danh mục trong khi nhập")
    if row.key.owner_id not in present.organisations:
        return _("Chủ sở hữu vừa bị xóa khỏi hệ thống trong khi nhập")
    if row.key.province_id not in present.provinces or row.commune_id not in present.communes:
        return _("Xã, phường vừa bị xóa khỏi danh mục trong khi nhập")
    verification = row.verification
    if verification is not None and verification.verifier_id not in present.organisations:
        return _("Đơn vị kiểm định vừa bị xóa khỏi hệ thống trong khi nhập")
    return ""


def row_checks_needed(cursor: Any) -> bool:
    """Whether the per-row foreign-key triggers must run for this chunk (PostgreSQL): yes,
    unless this session may turn them off (and the deployment has not asked to keep them)."""
    if getattr(settings, "METROLOGY_IMPORT_ROW_KEY_CHECKS", False):
        return True
    if connection.pg_version >= 150000:  # type: ignore[attr-defined]
        cursor.execute(
            "SELECT current_setting('is_superuser') = 'on' "
            "OR has_parameter_privilege('session_replication_role', 'SET')"
        )
    else:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
    return not cursor.fetchone()[0]


def plan_for_row_checks(cursor: Any) -> None:
    """Keep the per-row checks' plans: a check against the partitioned register otherwise gets
    a custom plan, planned again for every row (about 29 µs a row instead of 4)."""
    cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")


def skip_row_checks(cursor: Any, *, skip: bool) -> None:
    """Turn the per-row triggers off for the writes that follow (their keys are locked), or
    back on. Rows written while they are off queue no check, even at commit."""
    role = "replica" if skip else "origin"
    cursor.execute(f"SET LOCAL session_replication_role = {role}")
