"""Queue today's reminders of plan report deadlines (run daily by cron or a timer).

Idempotent: the job remembers who was reminded of what, so running it twice a day, or two
workers at once, sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tdc.plans.jobs import send_plan_reminders


class Command(BaseCommand):
    help = "Queue the reminders of report deadlines due today: before, on and after the deadline."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="the day to remind for, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = (
                dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
            )
        except ValueError as error:
            raise CommandError("--date must be YYYY-MM-DD") from error
        result = send_plan_reminders.enqueue(on=day.isoformat())
        self.stdout.write(
            f"Reminders for {day:%d/%m/%Y} queued as job {result.id} ({result.status})."
        )
