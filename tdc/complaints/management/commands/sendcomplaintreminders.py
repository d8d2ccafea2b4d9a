"""Remind handlers before deadlines and escalate overdue complaints. Safe to run as often as you like.

Run it from cron or a systemd timer (every hour is plenty): a reminder already sent for a
complaint, step and due date is never sent again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from tdc.complaints.services import send_due_reminders


class Command(BaseCommand):
    help = "Send complaint deadline reminders and escalations (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD (testing)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        result = send_due_reminders(today=today)
        self.stdout.write(
            f"{result.created} new reminder(s), {result.resent} re-queued, "
            f"{result.pruned} old throttle window(s) pruned."
        )
