"""E-mail owners the instruments falling due soon. Idempotent: run it daily from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tdc.metrology.reminders import REMIND_DAYS, send_due_reminders


class Command(BaseCommand):
    help = "Send each owner one digest of its instruments due for verification soon."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=REMIND_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders(days=options["days"])
        self.stdout.write(f"{sent} reminder(s) sent.")
