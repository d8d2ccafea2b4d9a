"""Metrology benchmarks on PostgreSQL, each against a baseline measured in the same run.

`main()` starts a throwaway PostgreSQL cluster unless DATABASE_URL is set (initdb in a temp
directory, on a free loopback port, as the `postgres` OS user when run as root), runs
`bench/metrology_worker.py` against it in a subprocess (its own Django settings), and tears the
cluster down. `BENCH_SCALE` (default 1) shrinks or grows the row counts: 1 means 1M and 10M
instruments. The wrk load test installs Debian's `wrk` if it is missing.
"""

# The bench starts fixed programs of its own (initdb, pg_ctl, gunicorn, wrk).
# ruff: noqa: S603, S607
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        subprocess.run(["apt-get", "install", "-y", "postgresql"], check=True)
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[str]:
    """A fresh PostgreSQL on 127.0.0.1, removed afterwards; yields its DATABASE_URL."""
    bindir = _pg_bin()
    workdir = Path(tempfile.mkdtemp(prefix="tdc-bench-pg-"))
    data = workdir / "data"
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
    port = _free_port()
    subprocess.run(
        _as_postgres(
            [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = (
        f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={workdir} "
        "-c shared_buffers=1GB -c work_mem=32MB -c maintenance_work_mem=512MB "
        "-c max_wal_size=8GB -c checkpoint_timeout=30min -c max_connections=100 "
        "-c max_parallel_maintenance_workers=2"
    )
    subprocess.run(
        _as_postgres(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(workdir / "log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        subprocess.run(
            [
                str(bindir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                "tdcbench",
            ],
            check=True,
        )
        yield f"postgres://postgres@127.0.0.1:{port}/tdcbench"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def _ensure_wrk() -> None:
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)


def _run_worker(database_url: str) -> str:
    out = Path(tempfile.mkstemp(prefix="tdc-bench-metrology-", suffix=".md")[1])
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
        "DJANGO_SETTINGS_MODULE": "metrology_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
    }
    started = time.monotonic()
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "metrology_worker.py"), str(out)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    text = out.read_text(encoding="utf-8")
    out.unlink()
    minutes = (time.monotonic() - started) / 60
    return text + f"\n_The metrology benchmark took {minutes:.1f} minutes._\n"


def _run_sqlite_worker() -> str:
    """The stamp look-up on SQLite, in a throwaway database file."""
    workdir = Path(tempfile.mkdtemp(prefix="tdc-bench-sqlite-"))
    out = workdir / "section.md"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | {
        "SQLITE_PATH": str(workdir / "bench.sqlite3"),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
        "DJANGO_SETTINGS_MODULE": "metrology_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
    }
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "metrology_sqlite_worker.py"), str(out)],
            check=True,
            env=env,
            cwd=ROOT,
        )
        return out.read_text(encoding="utf-8")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> str:
    """BENCH_ONLY=import: the PostgreSQL import only (at 1M and 5M); BENCH_ONLY=reads: lists,
    dashboard and stamp look-up on Khánh Hòa's share of a 10M register, and the SQLite look-up;
    BENCH_ONLY=sqlite: the SQLite look-up."""
    only = os.environ.get("BENCH_ONLY", "")
    if only == "sqlite":
        return _run_sqlite_worker()
    if only != "import":
        _ensure_wrk()
    if os.environ.get("DATABASE_URL"):
        text = _run_worker(os.environ["DATABASE_URL"])
    else:
        with throwaway_cluster() as url:
            text = _run_worker(url)
    if only != "import":
        text += "\n" + _run_sqlite_worker()
    return text


if __name__ == "__main__":
    print(main())
