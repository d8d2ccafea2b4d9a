"""The public stamp look-up on SQLite (the embedded default), run by bench_metrology.py.

Fills a throwaway SQLite database (SQLITE_PATH, chosen by the caller) with instruments and
one verification each, then times `find_stamp` — the function the stamp page calls — with the
stamp index, and again without it (as before migration 0005: the partial unique index alone,
which SQLite cannot use for `stamp_number = ?`). Writes the Markdown section to argv[1].
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tdc.accounts.geography import sync_administrative_units  # noqa: E402
from tdc.accounts.models import Commune, Organisation  # noqa: E402
from tdc.metrology.models import InstrumentType  # noqa: E402
from tdc.metrology.queries import STAMP_SQL, find_stamp  # noqa: E402

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
ROWS = max(20_000, int(500_000 * SCALE))
KHANH_HOA = 56
INDEX = "verification_stamp_lookup"


def log(message: str) -> None:
    print(f"[metrology sqlite {time.strftime('%H:%M:%S')}] {message}", flush=True)


def fill() -> None:
    call_command("migrate", verbosity=0)
    sync_administrative_units()
    owner = Organisation.objects.create(
        name="Công ty Bench SQLite", kind=Organisation.Kind.BUSINESS, province_id=KHANH_HOA
    )
    centre = Organisation.objects.create(
        name="Trung tâm Bench", kind=Organisation.Kind.TESTING_BODY, province_id=KHANH_HOA
    )
    commune = Commune.objects.filter(province_id=KHANH_HOA).order_by("code").first()
    assert commune is not None
    type_id = InstrumentType.objects.order_by("pk").values_list("pk", flat=True).first()
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < %s) "
            "INSERT INTO metrology_instrument (id, created_at, updated_at, owner_id, type_id, "
            "serial, province_id, commune_id, manufacturer, model, measuring_range, "
            "accuracy_class, address, status, last_verified_on, last_result, last_stamp_number, "
            "last_verification_id, next_due) SELECT n, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00', %s, %s, 'SN' || n, %s, %s, '', '', '', '', '', 'in_use', "
            "'2026-01-01', 'pass', 'TEM' || n, n, '2027-01-01' FROM g",
            [ROWS, owner.pk, type_id, KHANH_HOA, commune.code],
        )
        cursor.execute(
            "INSERT INTO metrology_verification (id, instrument_id, province_id, verified_on, "
            "form, verifier_id, verifier_name, result, stamp_number, certificate_number, "
            "next_due, created_at) SELECT id, id, province_id, '2026-01-01', 'dinh_ky', %s, "
            "'Trung tâm Bench', 'pass', 'TEM' || id, 'GCN' || id, '2027-01-01', "
            "'2026-01-01 00:00:00' FROM metrology_instrument",
            [centre.pk],
        )
        cursor.execute("ANALYZE")


def plan(label: str) -> str:
    """SQLite's plan for the look-up's first query (the comment keeps it out of the
    statement cache, whose plan would predate a dropped index)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {STAMP_SQL} -- {label}", ["TEM1"])
        return " ".join(str(row[-1]) for row in cursor.fetchall())


def measure(samples: int, label: str) -> dict[str, float | str]:
    rng = random.Random(6)
    picks = [f"TEM{rng.randint(1, ROWS)}" for _ in range(samples)]
    find_stamp(picks[0])  # warm the name cache
    times = []
    for stamp in picks:
        began = time.perf_counter()
        found = find_stamp(stamp)
        times.append((time.perf_counter() - began) * 1000)
        assert found is not None
    return {
        "p95": statistics.quantiles(times, n=100)[94],
        "rate": 1000 * len(times) / sum(times),
        "plan": plan(label),
    }


def main() -> None:
    target = Path(sys.argv[1])
    log(f"filling SQLite with {ROWS:,} instruments and verifications")
    fill()
    log("look-ups with the stamp index")
    indexed = measure(5000, "indexed")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP INDEX "{INDEX}"')
    log("look-ups without it (the partial unique index only)")
    scanned = measure(100, "scanned")
    ratio = float(scanned["p95"]) / float(indexed["p95"])
    text = f"""### SQLite: public stamp look-up

SQLite (WAL), {ROWS:,} verifications, `find_stamp` (the stamp page's two reads) called directly
in one process, random stamps:

| index | p95 | look-ups/s | plan |
|---|---|---|---|
| `{INDEX}` (migration 0005) | {indexed["p95"]:.3f} ms | {indexed["rate"]:,.0f} | {indexed["plan"]} |
| partial unique index only (before) | {scanned["p95"]:.1f} ms | {scanned["rate"]:,.0f} | {scanned["plan"]} |

The index makes a look-up {ratio:,.0f} × faster at this size.
"""
    target.write_text(text, encoding="utf-8")
    log(text)


if __name__ == "__main__":
    main()
