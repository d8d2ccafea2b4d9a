"""Enqueue the apps' periodic jobs (reminders) on their schedule, for the database worker.

`make run` starts it beside `db_worker`. In production run it once (a systemd service), or
instead call the apps' commands (`sendplanreminders`, …) from cron: the jobs are idempotent,
so an extra run sends nothing twice.
"""

from __future__ import annotations

import signal
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand

from tdc.core.registry import periodic_jobs


class Command(BaseCommand):
    help = "Enqueue periodic jobs (reminders) on their schedule."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Enqueue every job once, then exit."
        )
        parser.add_argument("--tick", type=float, default=30.0, help="Seconds between checks.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopped = threading.Event()

        def stop(*_args: Any) -> None:
            stopped.set()  # wakes the wait below at once: Ctrl+C never waits for the tick

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        next_run = {job.name: 0.0 for job in periodic_jobs()}
        while not stopped.is_set():
            now = time.monotonic()
            for job in periodic_jobs():
                if now >= next_run.get(job.name, 0.0):
                    job.enqueue()
                    next_run[job.name] = now + job.every_seconds
                    self.stdout.write(f"enqueued {job.name}")
            if options["once"]:
                return
            stopped.wait(options["tick"])
