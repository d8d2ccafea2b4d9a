from typing import Any

from django.core.management.base import BaseCommand

from tdc.accounts.geography import sync_administrative_units


class Command(BaseCommand):
    help = "Load or refresh Vietnam's provinces and communes from the vietnam-provinces package."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sync_administrative_units()
        self.stdout.write(
            f"Provinces: +{result.provinces_created} ~{result.provinces_updated}; "
            f"communes: +{result.communes_created} ~{result.communes_updated} "
            f"({result.communes_total} in all)."
        )
