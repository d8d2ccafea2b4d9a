"""Load the demo province. Idempotent: running it twice changes nothing."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from tdc.core.registry import run_demo


class Command(BaseCommand):
    help = "Load the demo province (Khánh Hòa), its plans and records, and the demo users."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--print-logins", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        # Each app registers its part, and its order, in AppConfig.ready() (register_demo).
        run_demo(self.stdout, print_logins=options["print_logins"])
