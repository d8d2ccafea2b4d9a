"""Recount the register's roll-ups from scratch (a repair tool; writes keep them current)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tdc.metrology.tallies import rebuild_tallies


class Command(BaseCommand):
    help = "Recount the instrument roll-ups (counts by status and due-date buckets)."

    def handle(self, *args: Any, **options: Any) -> None:
        rebuild_tallies()
        self.stdout.write("Instrument roll-ups rebuilt.")
