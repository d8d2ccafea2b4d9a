"""Report season under load: 34 provinces × 40 agencies submit their reports and the provinces'
DoST officers review them, through the JSON API, on PostgreSQL behind 2 gunicorn processes,
first with no background work (the baseline), then while 2 background workers send the
reminders and deliver a signed webhook for every accepted report (the season). Same requests,
same machine, same run: the ratios are what to read.

    python bench/run.py load          # or BENCH_ONLY=load make bench
    BENCH_LOAD_PROVINCES=4 BENCH_LOAD_AGENCIES=10 python bench/run.py load   # a quick look

`main()` uses DATABASE_URL when set (a database it may drop and recreate), else a throwaway
cluster (see bench_metrology). The client is a small asyncio program (one thread per request
in flight, `BENCH_LOAD_CONCURRENCY`, default 16) and the run is bounded by the number of
reports (1,360 at full size: a few minutes on 2 cores).
"""

# The bench starts fixed programs of its own (gunicorn, the workers, itself).
# ruff: noqa: S603, S607, T201, S310
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PROVINCES = int(os.environ.get("BENCH_LOAD_PROVINCES", "34"))
AGENCIES = int(os.environ.get("BENCH_LOAD_AGENCIES", "40"))
CONCURRENCY = int(os.environ.get("BENCH_LOAD_CONCURRENCY", "16"))


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
        "DJANGO_SETTINGS_MODULE": "tdc.settings",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "EXCHANGE_ALLOW_LOOPBACK": "true",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
    }


# --- In a Django process ------------------------------------------------------------------


def _django() -> None:
    import django

    django.setup()


def seed(out: Path, hook_url: str) -> None:
    """Provinces, DoST officers, agencies with a reporter and a token each, one plan per
    province with a task per agency, the year's period due in three days, a webhook
    subscription to report_accepted; writes the jobs (report id, tokens) as JSON."""
    _django()
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from tdc.accounts.geography import sync_administrative_units
    from tdc.accounts.models import Organisation, Province
    from tdc.accounts.services import create_user, issue_api_token
    from tdc.exchange.services import create_subscription
    from tdc.plans.demo.plans import ensure_dost
    from tdc.plans.models import ProgressReport
    from tdc.plans.services.assignments import assign_plan
    from tdc.plans.tests.factories import make_plan

    call_command("migrate", verbosity=0)
    if not Province.objects.exists():
        sync_administrative_units()
    due = timezone.localdate() + dt.timedelta(days=3)
    admin = create_user(
        username="bench-admin", password=None, organisation=None, roles=["system_admin"], by=None
    )
    create_subscription(
        name="Bench receiver", url=hook_url, event_types=["plans.report_accepted"],
        owner_email="bench@example.org", by=admin, allow_intranet=True,
    )  # fmt: skip
    jobs = []
    for p_index, province in enumerate(Province.objects.order_by("pk")[:PROVINCES]):
        dost = ensure_dost(province)
        officer = create_user(
            username=f"officer-{province.pk}", password=None, organisation=dost,
            roles=["tdc_officer"], by=None, email=f"officer-{province.pk}@example.org",
        )  # fmt: skip
        agencies = []
        for a in range(AGENCIES):
            agency = Organisation.objects.create(
                name=f"Sở ngành {a + 1} tỉnh {province.pk}", kind=Organisation.Kind.DEPARTMENT,
                province=province,
            )  # fmt: skip
            reporter = create_user(
                username=f"reporter-{province.pk}-{a}", password=None, organisation=agency,
                roles=["agency_reporter"], by=None, email=f"r-{province.pk}-{a}@example.org",
            )  # fmt: skip
            agencies.append((agency, reporter))
        plan = make_plan(
            dost,
            [
                {"number": f"1.{a + 1}", "content": f"Nhiệm vụ số {a + 1}", "leads": [agency]}
                for a, (agency, _r) in enumerate(agencies)
            ],
            deadline=(due.day, due.month),
            year=due.year,
        )
        assign_plan(plan, by=officer)
        _t, officer_key = issue_api_token(officer, name="bench")
        for agency, reporter in agencies:
            report = ProgressReport.objects.get(period__plan=plan, organisation=agency)
            _t, key = issue_api_token(reporter, name="bench")
            jobs.append(
                {"report": report.pk, "reporter": key, "officer": officer_key, "i": p_index}
            )
    out.write_text(json.dumps(jobs), encoding="utf-8")


def enqueue(out: Path) -> None:
    _django()
    from django.utils import timezone

    from tdc.metrology.jobs import send_instrument_reminders
    from tdc.plans.jobs import send_plan_reminders

    # Ahead of the webhook deliveries already queued: reminders are what the season is for.
    ids = [
        str(send_plan_reminders.using(priority=50).enqueue(on=timezone.localdate().isoformat()).id),
        str(send_instrument_reminders.using(priority=50).enqueue().id),
    ]
    out.write_text(json.dumps(ids), encoding="utf-8")


def outcome(out: Path, ids_file: Path) -> None:
    """The reminder jobs' durations and results, and the webhook deliveries' state."""
    _django()
    from django_tasks_db.models import DBTaskResult

    from tdc.exchange.models import Delivery

    ids = json.loads(ids_file.read_text(encoding="utf-8"))
    jobs = []
    for result in DBTaskResult.objects.filter(id__in=ids):
        seconds = (
            (result.finished_at - result.started_at).total_seconds()
            if result.finished_at and result.started_at
            else None
        )
        jobs.append(
            {
                "task": result.task_path.rsplit(".", 1)[-1],
                "status": result.status,
                "seconds": seconds,
                "value": result.return_value,
            }  # fmt: skip
        )
    from django.db.models import Count

    deliveries = dict(Delivery.objects.order_by().values_list("status").annotate(n=Count("pk")))
    out.write_text(json.dumps({"jobs": jobs, "deliveries": deliveries}), encoding="utf-8")


# --- The load client ---------------------------------------------------------------------


def _call(
    base: str, method: str, path: str, token: str, body: dict[str, Any]
) -> tuple[int, float, Any]:
    request = urllib.request.Request(
        base + path, method=method, data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )  # fmt: skip
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = json.loads(response.read() or b"null")
            status = response.status
    except urllib.error.HTTPError as error:
        status, payload = error.code, None
    except OSError:
        status, payload = 0, None
    return status, (time.perf_counter() - started) * 1000, payload


async def _one(
    base: str,
    job: dict[str, Any],
    gate: asyncio.Semaphore,
    timings: dict[str, list[float]],
    errors: list[str],
) -> None:
    async with gate:
        path = f"/api/v1/plans/reports/{job['report']}"
        status, _ms, saved = await asyncio.to_thread(
            _call, base, "PUT", path, job["reporter"],
            {"version": 0, "progress": "in_progress", "percent": 60, "results": "Đã triển khai."},
        )  # fmt: skip
        if status != 200:
            errors.append(f"save {status}")
            return
        status, ms, _b = await asyncio.to_thread(
            _call, base, "POST", path + "/submit", job["reporter"], {"version": saved["version"]}
        )
        if status != 200:
            errors.append(f"submit {status}")
            return
        timings["submit"].append(ms)
        status, ms, _b = await asyncio.to_thread(
            _call, base, "POST", path + "/accept", job["officer"], {"note": ""}
        )
        if status != 200:
            errors.append(f"review {status}")
            return
        timings["review"].append(ms)


async def _phase(
    base: str, jobs: list[dict[str, Any]]
) -> tuple[dict[str, list[float]], list[str], float]:
    gate = asyncio.Semaphore(CONCURRENCY)
    timings: dict[str, list[float]] = {"submit": [], "review": []}
    errors: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(*(_one(base, job, gate, timings, errors) for job in jobs))
    return timings, errors, time.perf_counter() - started


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def scaling_section(*, throughput: float, p99_ms: float, reminder_seconds: float | None) -> str:
    """What one machine holds and what a national deployment needs, with this run's figures."""
    # Submit + review per report, as the throughput counts them (the save is in the time too).
    national_requests = 34 * 40 * 2
    minutes = national_requests / throughput / 60 if throughput else float("nan")
    reminder = f"{reminder_seconds:.0f} s" if reminder_seconds is not None else "—"
    return f"""### Scaling: one machine, and a national deployment

- **One machine** (this one: 2 cores shared with other work) served the season at
  {throughput:.1f} requests/s with a p99 of {p99_ms / 1000:.1f} s and no error while the reminder
  digests ({reminder} for the run) and the webhooks went out. A whole national season — 34
  provinces × 40 agencies, {national_requests:,} requests — is then about {minutes:.0f} minutes
  of work, spread over the last days before the deadline: one machine holds a province many
  times over and the whole country's report season, if nothing else runs on it.
- **A national deployment** keeps the web tier stateless (sessions and tasks in PostgreSQL):
  add gunicorn replicas behind the load balancer (2 processes per core) until the database is
  the limit; run the workers apart from the web (their share grows with webhook subscribers:
  one delivery per subscriber per event), scaled on the queue's depth; send the national
  view, open-data regeneration and the API feeds to a streaming read replica.
- **Partitions and distribution keys.** The big registers are already partitioned by
  province on PostgreSQL (`metrology_instrument`, with `metrology_verification` and the
  roll-ups carrying `province_id`). For a distributed PostgreSQL such as Citus the same key
  spreads them: distribute `metrology_instrument`, `metrology_verification`,
  `metrology_instrumenttally`, `metrology_duemonthtally`, `metrology_duedaytally` and
  `complaints_complaint` by `province_id`, colocated; `plans_plan` by `province_id`, with
  `province_id` denormalised onto tasks, assignments and progress reports to colocate them
  (today they reach it through `plan_id`); keep `accounts_province`, `accounts_commune`,
  `metrology_instrumenttype` and organisations as reference tables, and partition
  `core_auditevent` by month. The keyset feeds order by (`updated_at`, `id`) — an index on
  those columns (per partition) keeps every page at constant cost at 10M rows; without it a
  page costs a sort of the province's register.
"""


# --- Orchestration -----------------------------------------------------------------------


@contextlib.contextmanager
def _receiver(port: int) -> Iterator[list[int]]:
    received: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            received.append(1)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield received
    finally:
        server.shutdown()
        server.server_close()


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def _wait_http(url: str) -> None:
    for _attempt in range(120):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} never answered")


def _reset(database_url: str) -> None:
    """Drop and recreate the bench database (DATABASE_URL names one the bench may own)."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _run(database_url: str) -> str:
    env = _env(database_url)
    work = Path(tempfile.mkdtemp(prefix="tdc-bench-load-"))
    hook_port, web_port = _free_port(), _free_port()
    me = str(Path(__file__).resolve())
    started = time.monotonic()
    with _receiver(hook_port) as received:
        subprocess.run([PYTHON, me, "seed", str(work / "jobs.json"), f"http://127.0.0.1:{hook_port}/hook"], env=env, cwd=ROOT, check=True)  # fmt: skip
        seeded = time.monotonic() - started
        jobs = json.loads((work / "jobs.json").read_text(encoding="utf-8"))
        baseline_jobs, season_jobs = jobs[0::2], jobs[1::2]
        web = _start([str(Path(PYTHON).parent / "gunicorn"), "tdc.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{web_port}", "--timeout", "120"], env)  # fmt: skip
        workers: list[subprocess.Popen[bytes]] = []
        try:
            base = f"http://127.0.0.1:{web_port}"
            _wait_http(base + "/healthz")
            # Baseline: nothing in the background. The webhooks of these acceptances wait
            # in the queue until the workers start.
            b_timings, b_errors, b_seconds = asyncio.run(_phase(base, baseline_jobs))
            workers = [_start([PYTHON, "manage.py", "db_worker"], env) for _w in range(2)]
            subprocess.run([PYTHON, me, "enqueue", str(work / "ids.json")], env=env, cwd=ROOT, check=True)  # fmt: skip
            s_timings, s_errors, s_seconds = asyncio.run(_phase(base, season_jobs))
            # Let the workers finish the reminders and the deliveries (bounded).
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline and len(received) < len(jobs) - len(b_errors) - len(
                s_errors
            ):
                time.sleep(1)
            subprocess.run([PYTHON, me, "outcome", str(work / "outcome.json"), str(work / "ids.json")], env=env, cwd=ROOT, check=True)  # fmt: skip
        finally:
            for process in [web, *workers]:
                _stop(process)
        result = json.loads((work / "outcome.json").read_text(encoding="utf-8"))
    total = time.monotonic() - started

    def row(name: str, base_values: list[float], season_values: list[float]) -> str:
        cells = []
        for q in (0.5, 0.95, 0.99):
            b, s = _percentile(base_values, q), _percentile(season_values, q)
            cells.append(f"{b:.0f} → {s:.0f} ms ({s / b:.2f}×)")
        return f"| {name} | {len(base_values)} / {len(season_values)} | " + " | ".join(cells) + " |"

    jobs_lines = "\n".join(
        f"- `{j['task']}`: {j['status'].lower()}, "
        + (f"{j['seconds']:.2f} s" if j["seconds"] is not None else "did not finish")
        + f", returned {j['value']}"
        for j in result["jobs"]
    )
    throughput_b = 2 * len(b_timings["submit"]) / b_seconds
    throughput_s = 2 * len(s_timings["submit"]) / s_seconds
    return f"""## Report season under load

{PROVINCES} provinces × {AGENCIES} agencies ({len(jobs)} reports), PostgreSQL, 2 gunicorn
processes, {CONCURRENCY} requests in flight from an asyncio client on loopback. Each report is
saved, submitted by its agency's reporter and accepted by its province's officer through
`/api/v1/plans/reports/…`. Baseline: half the reports, nothing in the background. Season: the
other half while 2 `db_worker` processes send the plan and instrument reminders and deliver a
signed webhook for every accepted report (to a receiver on loopback).

| request | count (baseline / season) | p50 | p95 | p99 |
|---|---|---|---|---|
{row("submit", b_timings["submit"], s_timings["submit"])}
{row("review (accept)", b_timings["review"], s_timings["review"])}

- Errors: {len(b_errors)} in the baseline, {len(s_errors)} in the season{(" (" + ", ".join(sorted(set(b_errors + s_errors))) + ")") if b_errors or s_errors else ""}.
- Throughput: {throughput_b:.1f} requests/s (submit + review) in the baseline, {throughput_s:.1f} in the season ({throughput_s / throughput_b:.2f}×).
- Background jobs during the season:
{jobs_lines}
- Webhook deliveries at the end: {result["deliveries"]}; received by the loopback receiver: {len(received)}.

_Seeding took {seeded:.0f} s; the whole load run {total / 60:.1f} minutes._

{scaling_section(throughput=throughput_s, p99_ms=_percentile(s_timings["submit"] + s_timings["review"], 0.99), reminder_seconds=next((j["seconds"] for j in result["jobs"] if j["task"] == "send_plan_reminders"), None))}"""


def main() -> str:
    if os.environ.get("DATABASE_URL"):
        _reset(os.environ["DATABASE_URL"])
        return _run(os.environ["DATABASE_URL"])
    from bench_metrology import throwaway_cluster

    with throwaway_cluster() as url:
        return _run(url)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "seed":
        seed(Path(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "enqueue":
        enqueue(Path(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "outcome":
        outcome(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        print(main())
