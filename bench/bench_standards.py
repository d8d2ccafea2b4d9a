"""Standards benchmarks, each against a baseline measured in the same run, on both engines.

1. Catalogue search at 50,000 standards: p95 of `search_standards` (FTS5 on SQLite, tsvector +
   GIN on PostgreSQL, ranked) over a mix of number, title-word and ICS queries, against the same
   queries done as an accent-folded `LIKE '%…%'` scan of the same folded columns. Targets:
   p95 ≤ 20 ms and ≥ 10× faster than the scan.
2. The daily digest at 10,000 subscriptions and 500 new notifications: `build_digests` (match
   and write every digest), against one SQL join (subscription prefixes × notification codes,
   `LIKE prefix || '%'`) that finds the same (subscription, notification) pairs — the bench
   checks that the two find the same number of pairs. Target: ≤ 2× the join.

The worker runs in a subprocess with its own database: a temporary SQLite file, and PostgreSQL
from `BENCH_STANDARDS_DATABASE_URL` (a database it may fill and empty) or a throwaway cluster
(bench_metrology's). `BENCH_SCALE` (default 1) scales the row counts.
"""

# The bench starts its own worker process with a fixed command line.
# ruff: noqa: S603, S608
from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tdc.standards.ics import FIELDS  # noqa: E402 — no Django needed, plain data

ROOT = Path(__file__).resolve().parent.parent
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
STANDARDS = int(50_000 * SCALE)
SUBSCRIPTIONS = int(10_000 * SCALE)
NOTIFICATIONS = max(10, int(500 * SCALE))
QUERIES = 200

WORDS = (  # noqa: SIM905 — a sentence reads better than a list of 100 strings
    "cà phê nhân rang xay chè xanh nước sạch sinh hoạt thiết bị điện điện tử an toàn thang máy "
    "tổ yến sản phẩm thực phẩm phương pháp thử xác định hàm lượng yêu cầu kỹ thuật vật liệu xây "
    "dựng xi măng thép cốt bê tông gạch ống nhựa đồ chơi trẻ em mũ bảo hiểm xăng dầu khí đốt hóa "
    "lỏng phân bón thức ăn chăn nuôi thủy sản nước mắm gạo hạt điều hồ tiêu cao su gỗ giấy bao bì"
).split()
ICS = [
    "67.140.20",
    "67.120.99",
    "13.060.20",
    "29.020",
    "91.140.90",
    "65.080",
    "43.040",
    "97.200.50",
    "77.140.15",
    "83.140.30",
]


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _build_catalogue(rng: random.Random) -> None:
    from tdc.standards.models import Standard

    batch = []
    for n in range(STANDARDS):
        title = " ".join(rng.sample(WORDS, 6))
        standard = Standard(
            number=f"TCVN {1000 + n}:{rng.randint(1995, 2025)}",
            title_vi=title[0].upper() + title[1:],
            ics=[rng.choice(ICS)],
            status=rng.choice(["in_force"] * 8 + ["replaced", "withdrawn"]),
        )
        standard.refresh_search()
        batch.append(standard)
        if len(batch) == 5000:
            Standard.objects.bulk_create(batch)
            batch = []
    Standard.objects.bulk_create(batch)


def _queries(rng: random.Random) -> list[str]:
    queries = []
    for i in range(QUERIES):
        kind = i % 4
        n = rng.randint(1000, 1000 + STANDARDS - 1)
        if kind == 0:
            queries.append(f"TCVN {n}")
        elif kind == 1:
            queries.append(f"tcvn{n}")
        elif kind == 2:
            queries.append(" ".join(rng.sample(WORDS, 2)))
        else:
            queries.append(rng.choice(ICS)[:6])
    return queries


def _like_search(text: str) -> list[int]:
    """The baseline: the same folded terms, each a LIKE '%term%' over the folded columns."""
    from django.db.models import Q

    from tdc.standards.models import Standard
    from tdc.standards.queries import RANK_AT_MOST, search_terms

    found = Standard.objects.all()
    for term in search_terms(text):
        found = found.filter(Q(search_number__contains=term) | Q(search_body__contains=term))
    page = list(found.order_by("number_key")[:25])  # whole rows of the page, like the search
    found[: RANK_AT_MOST + 1].count()  # counted up to the same cap as the search
    return [standard.pk for standard in page]


def _vacuum() -> None:
    """After the bulk load, what autovacuum would do for a catalogue in use: statistics and
    the visibility map (both the search and the scan read the same table)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _search_bench(rng: random.Random) -> dict[str, Any]:
    from tdc.standards.queries import search_standards

    _build_catalogue(rng)
    _vacuum()
    queries = _queries(rng)
    for query in queries[:20]:  # warm-up
        search_standards(query)
        _like_search(query)
    fts, like = [], []
    for query in queries:
        start = time.perf_counter()
        search_standards(query)
        fts.append(time.perf_counter() - start)
        start = time.perf_counter()
        _like_search(query)
        like.append(time.perf_counter() - start)
    return {
        "fts_p95_ms": _p95(fts) * 1000,
        "like_p95_ms": _p95(like) * 1000,
        "fts_median_ms": statistics.median(fts) * 1000,
    }


def _build_alerts(rng: random.Random) -> None:
    import datetime as dt

    from django.utils import timezone

    from tdc.accounts.models import Organisation, Province, User
    from tdc.standards.models import Notification, Subscription

    province = Province.objects.create(
        code=56, name="Khánh Hòa", codename="khanh_hoa", division_type="tỉnh"
    )
    businesses = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Công ty {i}", kind="business", province=province, search_key=f"cong ty {i}"
            )
            for i in range(SUBSCRIPTIONS // 5)
        ]
    )
    user = User.objects.create(username="bench")
    chapters = [f"{c:02d}" for c in range(1, 98)]
    fields = sorted(FIELDS)
    groups = [f"{f}.{g:03d}" for f in fields for g in range(10, 200, 10)]
    past = timezone.now() - dt.timedelta(days=1)
    subscriptions = []
    for i in range(SUBSCRIPTIONS):
        # A heading (4 digits) mostly, sometimes a whole chapter (2) or a subheading (6).
        hs = [
            rng.choice(chapters)
            + f"{rng.randint(1, 30):02d}{rng.randint(10, 99)}"[: rng.choice([0, 2, 2, 2, 2, 4])]
            for _ in range(rng.randint(1, 3))
        ]
        ics = rng.sample(groups, rng.randint(0, 1))
        subscriptions.append(
            Subscription(
                organisation=businesses[i % len(businesses)],
                created_by=user,
                name=f"Đăng ký {i}",
                email=f"dn{i}@example.vn",
                hs_prefixes=hs,
                ics_prefixes=ics,
            )
        )
    Subscription.objects.bulk_create(subscriptions, batch_size=2000)
    Subscription.objects.update(created_at=past)
    notifications = []
    for i in range(NOTIFICATIONS):
        notification = Notification(
            symbol=f"G/TBT/N/USA/{i + 1}",
            base_symbol=f"G/TBT/N/USA/{i + 1}",
            member=rng.choice(["USA", "EU", "CHN", "KOR", "JPN"]),
            title=" ".join(rng.sample(WORDS, 5)),
            hs=[
                rng.choice(chapters) + f"{rng.randint(1, 30):02d}" + f"{rng.randint(10, 99)}"
                for _ in range(rng.randint(1, 3))
            ],
            ics=[
                f"{rng.choice(groups)}.{rng.randint(1, 9) * 10:02d}"
                for _ in range(rng.randint(1, 2))
            ],
        )
        notification.refresh_search()
        notifications.append(notification)
    Notification.objects.bulk_create(notifications)


JOIN = """
SELECT COUNT(*) FROM (
  SELECT DISTINCT s.sub_id, n.note_id
  FROM bench_sub_code s JOIN bench_note_code n
    ON n.scheme = s.scheme AND n.code LIKE s.prefix || '%%'
   AND (s.scheme = 'hs' OR n.code = s.prefix OR n.code LIKE s.prefix || '.%%')
) pairs
"""


def _join_tables() -> None:
    from django.db import connection

    from tdc.standards.models import Notification, Subscription

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_sub_code (sub_id integer, scheme varchar(3), prefix varchar(20))"
        )
        cursor.execute(
            "CREATE TABLE bench_note_code (note_id integer, scheme varchar(3), code varchar(20))"
        )
        subs = [
            (s.pk, scheme, code)
            for s in Subscription.objects.all()
            for scheme, codes in (("hs", s.hs_prefixes), ("ics", s.ics_prefixes))
            for code in codes
        ]
        notes = [
            (n.pk, scheme, code)
            for n in Notification.objects.all()
            for scheme, codes in (("hs", n.hs), ("ics", n.ics))
            for code in codes
        ]
        cursor.executemany("INSERT INTO bench_sub_code VALUES (%s, %s, %s)", subs)
        cursor.executemany("INSERT INTO bench_note_code VALUES (%s, %s, %s)", notes)
        cursor.execute("CREATE INDEX bench_note_code_i ON bench_note_code (scheme, code)")
        cursor.execute("ANALYZE")


def _digest_bench(rng: random.Random, runs: int = 3) -> dict[str, Any]:
    from django.db import connection
    from django.utils import timezone

    from tdc.standards.models import Digest
    from tdc.standards.services.alerts import build_digests

    _build_alerts(rng)
    _join_tables()
    day = timezone.localdate()
    digest_times, join_times = [], []
    pairs_digest = pairs_join = digests = 0
    for _ in range(runs):
        Digest.objects.all().delete()
        start = time.perf_counter()
        run = build_digests(day=day)
        digest_times.append(time.perf_counter() - start)
        pairs_digest, digests = run.notifications, run.digests
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(JOIN)
            pairs_join = cursor.fetchone()[0]
        join_times.append(time.perf_counter() - start)
    return {
        "digest_s": statistics.median(digest_times),
        "join_s": statistics.median(join_times),
        "pairs_digest": pairs_digest,
        "pairs_join": pairs_join,
        "digests": digests,
    }


def worker() -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":  # the bench's own database: start from nothing
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    return {"engine": connection.vendor, **_search_bench(rng), **_digest_bench(rng)}


def _run(env: dict[str, str]) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return data


def main() -> str:
    results = []
    with tempfile.TemporaryDirectory(prefix="tdc-bench-standards-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tdc.settings",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
            "SQLITE_PATH": str(Path(workdir) / "bench.sqlite3"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        env.pop("DATABASE_URL", None)
        results.append(_run(env))
        url = os.environ.get("BENCH_STANDARDS_DATABASE_URL", "")
        if url:
            results.append(_run({**env, "DATABASE_URL": url}))
        else:
            from bench_metrology import throwaway_cluster

            with throwaway_cluster() as cluster_url:
                results.append(_run({**env, "DATABASE_URL": cluster_url}))
    lines = [
        "## Standards catalogue search and TBT digest",
        "",
        f"Search: {STANDARDS:,} standards, {QUERIES} queries (number with and without spaces, two title "
        "words, an ICS group), 25 results ranked, with the total counted up to 501. Baseline: the same folded "
        "terms as `LIKE '%…%'` over the same folded columns, the same 25 rows and the same capped count. Digest: "
        f"{SUBSCRIPTIONS:,} subscriptions (1–3 HS prefixes, mostly headings of 4 digits, some chapters "
        "of 2 or subheadings of 6; an ICS group for half of them) and "
        f"{NOTIFICATIONS} new notifications; `build_digests` matches and writes every digest. Baseline: "
        "one SQL join of the subscriptions' prefixes with the notifications' codes (`LIKE prefix || '%'`), "
        "counting the same pairs. Medians of 3 runs.",
        "",
        "| engine | search p95 (ms) | LIKE scan p95 (ms) | speed-up | digest (s) | one join (s) | digest / join | pairs (digest = join) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r['engine']} | {r['fts_p95_ms']:.1f} | {r['like_p95_ms']:.1f} | {r['like_p95_ms'] / r['fts_p95_ms']:.0f}× "
            f"| {r['digest_s']:.3f} | {r['join_s']:.3f} | {r['digest_s'] / r['join_s']:.2f}× "
            f"| {r['pairs_digest']:,} = {r['pairs_join']:,}{'' if r['pairs_digest'] == r['pairs_join'] else ' (DIFFER)'} |"
        )
    lines += ["", "Targets: search p95 ≤ 20 ms and ≥ 10× the scan; digest ≤ 2× the join.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(worker()))
    else:
        print(main())
