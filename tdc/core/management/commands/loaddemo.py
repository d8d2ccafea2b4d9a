"""Load the demo province. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo province (Khánh Hòa), its plans and records, and the demo users."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--print-logins", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        for config in apps.get_app_configs():
            if not config.name.startswith("tdc."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name == f"{config.name}.demo":
                    continue
                raise
            module.load(self.stdout)
        if options["print_logins"]:
            from tdc.accounts.demo import print_logins

            print_logins(self.stdout)
