"""The import benchmark (imported by metrology_worker.py once Django is set up).

Against two baselines measured in the same run on the same rows:

- `COPY` into plain tables with only a primary key (the two tables' columns, no other index, no
  key): the machine's limit for this row shape — the headline ratio;
- `COPY` into the register's own tables without foreign-key checks (their indexes and unique
  keys kept), rolled back afterwards.

Then the validated import itself (a CSV of instruments each with a verification, through
`imports.run`), its re-import, and for comparison the same import with the per-row key triggers
kept and with validation in the importing process.
"""

# The SQL here is the benchmark's own.
# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
import io
import random
import re
import statistics
import time
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from tdc.accounts.models import Commune, Organisation
from tdc.metrology import imports
from tdc.metrology.imports.keys import row_checks_needed
from tdc.metrology.models import ImportJob, InstrumentType

KHANH_HOA = 56
BASELINE_RUNS = 3
TODAY = timezone.localdate()

INSTRUMENT_COLUMNS = (
    "id, created_at, updated_at, owner_id, type_id, serial, province_id, commune_id, "
    "manufacturer, model, measuring_range, accuracy_class, address, status, last_verified_on, "
    "last_result, last_stamp_number, last_verification_id, next_due"
)
VERIFICATION_COLUMNS = (
    "id, instrument_id, province_id, verified_on, form, verifier_id, verifier_name, result, "
    "stamp_number, certificate_number, next_due, created_at"
)


def execute(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def communes() -> list[tuple[int, str]]:
    return list(
        Commune.objects.filter(province_id=KHANH_HOA).order_by("code").values_list("code", "name")
    )


def import_file(rows: int, prefix: str, centre: Organisation) -> bytes:
    """A CSV of `rows` new instruments, each with a verification; serials and stamps by prefix."""
    rng = random.Random(6)
    places = communes()
    types = list(InstrumentType.objects.filter(is_active=True).values_list("name", flat=True))
    out = io.StringIO()
    out.write(",".join(imports.template_headers()).replace("Xã, phường", '"Xã, phường"') + "\n")
    for n in range(rows):
        code, _name = places[n % len(places)]
        day = TODAY - dt.timedelta(days=rng.randint(1, 330))
        out.write(
            f'"{types[n % len(types)]}",{prefix}{n:07d},Tatsuno,FT-{n % 40},0-100 L,0.5,{code},'
            f'"Số {n % 300}, đường {n % 91}",Đang sử dụng,,{day:%d/%m/%Y},Định kỳ,'
            f'"{centre.name}",Đạt,{prefix}-{n:07d},GCN-{prefix}{n:07d}\n'
        )
    return out.getvalue().encode("utf-8")


def _ids(sequence_of: str, rows: int) -> list[int]:
    return [
        r[0]
        for r in execute(
            f"SELECT nextval(pg_get_serial_sequence('{sequence_of}', 'id')) "
            "FROM generate_series(1, %s)",
            [rows],
        )
    ]


@dataclass
class CopyData:
    instruments: bytes
    verifications: bytes


def copy_data(rows: int, owner: Organisation, centre: Organisation) -> CopyData:
    """The same rows as the import file, already resolved, as COPY text for the two tables."""
    rng = random.Random(6)
    places = communes()
    type_ids = list(InstrumentType.objects.filter(is_active=True).values_list("pk", flat=True))
    ids, vids = _ids("metrology_instrument", rows), _ids("metrology_verification", rows)
    now = timezone.now().isoformat()
    instruments, verifications = io.StringIO(), io.StringIO()
    for n in range(rows):
        code, _ = places[n % len(places)]
        day = TODAY - dt.timedelta(days=rng.randint(1, 330))
        due = day.replace(year=day.year + 1, day=28 if (day.month, day.day) == (2, 29) else day.day)
        instruments.write(
            f"{ids[n]}\t{now}\t{now}\t{owner.pk}\t{type_ids[n % len(type_ids)]}\tRAW{n:07d}\t"
            f"{KHANH_HOA}\t{code}\tTatsuno\tFT-{n % 40}\t0-100 L\t0.5\tSố {n % 300}, đường "
            f"{n % 91}\tin_use\t{day}\tpass\tRAW-{n:07d}\t{vids[n]}\t{due}\n"
        )
        verifications.write(
            f"{vids[n]}\t{ids[n]}\t{KHANH_HOA}\t{day}\tdinh_ky\t{centre.pk}\t{centre.name}\tpass\t"
            f"RAW-{n:07d}\tGCN-{n:07d}\t{due}\t{now}\n"
        )
    return CopyData(instruments.getvalue().encode(), verifications.getvalue().encode())


def _copy(cursor: Any, table: str, columns: str, data: bytes) -> None:
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for start in range(0, len(data), 1 << 20):
            copy.write(data[start : start + (1 << 20)])


def plain_copy(data: CopyData) -> float:
    """Baseline 1: COPY into two plain tables with the same columns and only a primary key."""
    for table in ("instrument", "verification"):
        execute(f"DROP TABLE IF EXISTS bench_plain_{table}")
        execute(
            f"CREATE TABLE bench_plain_{table} (LIKE metrology_{table} INCLUDING DEFAULTS, "
            "PRIMARY KEY (id))"
        )
    began = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        _copy(cursor, "bench_plain_instrument", INSTRUMENT_COLUMNS, data.instruments)
        _copy(cursor, "bench_plain_verification", VERIFICATION_COLUMNS, data.verifications)
    seconds = time.monotonic() - began
    execute("DROP TABLE bench_plain_instrument, bench_plain_verification")
    return seconds


def _foreign_keys() -> list[tuple[str, str]]:
    return execute(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE contype = 'f' "
        "AND conparentid = 0 AND conrelid IN "
        "('metrology_instrument'::regclass, 'metrology_verification'::regclass)"
    )


def register_copy_without_keys(data: CopyData) -> float:
    """Baseline 2: COPY into the register's own tables (their indexes and unique keys) without
    foreign-key checks — triggers off if this session may, else the keys dropped inside the
    transaction — rolled back afterwards."""
    with connection.cursor() as cursor:
        privileged = not row_checks_needed(cursor)
    seconds = 0.0
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if privileged:
                cursor.execute("SET LOCAL session_replication_role = replica")
            else:
                for table, name in _foreign_keys():
                    cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            began = time.monotonic()
            _copy(cursor, "metrology_instrument", INSTRUMENT_COLUMNS, data.instruments)
            _copy(cursor, "metrology_verification", VERIFICATION_COLUMNS, data.verifications)
            seconds = time.monotonic() - began
            raise _Undo
    except _Undo:
        pass
    execute("VACUUM metrology_instrument")
    execute("VACUUM metrology_verification")
    return seconds


class _Undo(Exception):
    """Roll the baseline's rows back."""


def validated_import(
    content: bytes, ctx: dict[str, Any], *, overlap: bool | None = None
) -> tuple[float, ImportJob]:
    job = ImportJob(
        created_by=ctx["importer"],
        organisation=ctx["owner_import"],
        owner=ctx["owner_import"],
        original_name="bench.csv",
        file_format="csv",
    )
    job.file.save("bench.csv", ContentFile(content), save=False)
    job.save()
    began = time.monotonic()
    job = imports.run(job.pk, overlap=overlap)
    return time.monotonic() - began, job


def _import_ok(job: ImportJob, rows: int) -> None:
    assert (job.status, job.accepted_rows, job.rejected_rows) == ("done", rows, 0), (
        job.status,
        job.accepted_rows,
        job.rejected_rows,
        job.error,
    )


def bench_import(
    ctx: dict[str, Any], rows: int, *, prefix: str, variants: bool, log: Any
) -> dict[str, Any]:
    """Both baselines, the validated import and its re-import (and, with `variants`, the import
    with per-row key triggers and with validation in this process), at the register's size."""
    at = execute("SELECT count(*) FROM metrology_instrument")[0][0]
    data = copy_data(rows, ctx["owner_raw"], ctx["centre"])
    log(f"import at {at:,}: baselines (COPY into plain tables; into the register, no key checks)")
    # Each baseline is a few seconds' work, at the mercy of one checkpoint or a neighbour's
    # burst: the median of three runs.
    plain = statistics.median(plain_copy(data) for _ in range(BASELINE_RUNS))
    register = statistics.median(register_copy_without_keys(data) for _ in range(BASELINE_RUNS))
    content = import_file(rows, prefix, ctx["centre"])
    log(f"import at {at:,}: validated import of {rows:,} rows")
    seconds, job = validated_import(content, ctx)
    _import_ok(job, rows)
    log(f"import at {at:,}: the same file again (nothing changes)")
    again_seconds, again = validated_import(content, ctx)
    _import_ok(again, rows)
    result = {
        "at": at,
        "rows": rows,
        "plain_rate": rows / plain,
        "register_rate": rows / register,
        "rate": rows / seconds,
        "again_rate": rows / again_seconds,
        "imports": 1,
    }
    with connection.cursor() as cursor:
        result["row_checks"] = row_checks_needed(cursor)
    log(
        f"import at {at:,}: {result['rate']:,.0f} rows/s, re-import {result['again_rate']:,.0f}, "
        f"plain COPY {result['plain_rate']:,.0f}, register COPY without keys "
        f"{result['register_rate']:,.0f}"
    )
    if variants:
        log(f"import at {at:,}: with per-row key triggers")
        with override_settings(METROLOGY_IMPORT_ROW_KEY_CHECKS=True):
            seconds, job = validated_import(import_file(rows, prefix + "T", ctx["centre"]), ctx)
        _import_ok(job, rows)
        result["triggers_rate"] = rows / seconds
        log(f"import at {at:,}: validation in the importing process")
        seconds, job = validated_import(
            import_file(rows, prefix + "P", ctx["centre"]), ctx, overlap=False
        )
        _import_ok(job, rows)
        result["in_process_rate"] = rows / seconds
        result["imports"] = 3
        log(
            f"import at {at:,}: with per-row triggers {result['triggers_rate']:,.0f} rows/s, "
            f"validating in-process {result['in_process_rate']:,.0f} rows/s"
        )
    return result


def exact_counts(ctx: dict[str, Any], imported_rows: int) -> dict[str, int]:
    """The owner's instruments and verifications: each import added exactly its rows."""
    owner = ctx["owner_import"].pk
    instruments = execute(
        "SELECT count(*) FROM metrology_instrument WHERE province_id = %s AND owner_id = %s",
        [KHANH_HOA, owner],
    )[0][0]
    verifications = execute(
        "SELECT count(*) FROM metrology_verification v JOIN metrology_instrument i "
        "ON i.id = v.instrument_id AND i.province_id = v.province_id "
        "WHERE i.province_id = %s AND i.owner_id = %s",
        [KHANH_HOA, owner],
    )[0][0]
    assert (instruments, verifications) == (imported_rows, imported_rows), (
        instruments,
        verifications,
        imported_rows,
    )
    return {"instruments": instruments, "verifications": verifications}


def _plan(queryset: Any) -> dict[str, Any]:
    text = queryset.explain(analyze=True)
    indexes = sorted(set(re.findall(r"using (\w+)", text)))
    ms = float(re.search(r"Execution Time: ([\d.]+) ms", text).group(1))  # type: ignore[union-attr]
    # A Sort node (a Merge Append's "Sort Key" merges index-ordered partitions, it sorts nothing).
    sorts = re.search(r"(?m)^\s*(->\s+)?(Incremental )?Sort\s+\(", text) is not None
    return {"indexes": indexes, "sorts": sorts, "ms": ms}


def feed_plans(ctx: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The API feeds' page queries (as `keyset_page` builds them, 500 rows), explained on the
    register as it is: a province officer's and the ministry's first page, and the officer's
    page after a cursor 100,000 rows in (the API's own condition, `rows_after`)."""
    from tdc.accounts.models import Role, RoleGrant, User
    from tdc.core.cursor import rows_after
    from tdc.metrology.queries import instruments_visible_to, verifications_visible_to

    ministry, _ = Organisation.objects.get_or_create(
        name="Bộ Khoa học và Công nghệ (bench)", defaults={"kind": Organisation.Kind.MINISTRY}
    )
    viewer, made = User.objects.get_or_create(username="bench.ministry", organisation=ministry)
    if made:
        RoleGrant.objects.create(user=viewer, role=Role.MINISTRY_VIEWER)
    officer = ctx["officer"]
    page = 501
    feed = instruments_visible_to(officer).order_by("updated_at", "pk")
    deep = feed[100_000:100_001].values_list("updated_at", "pk").first()
    plans = {
        "instruments, province officer": _plan(feed[:page]),
        "instruments, ministry": _plan(
            instruments_visible_to(viewer).order_by("updated_at", "pk")[:page]
        ),
        "verifications, province officer": _plan(
            verifications_visible_to(officer).order_by("created_at", "pk")[:page]
        ),
        "verifications, ministry": _plan(
            verifications_visible_to(viewer).order_by("created_at", "pk")[:page]
        ),
    }
    if deep is not None:
        at, pk = deep
        plans["instruments, province officer, after 100,000 rows"] = _plan(
            rows_after(feed, order=("updated_at", "pk"), last=(at, pk))[:page]
        )
    return plans
