"""Check and clean the PDFs stored before PDFs were parsed (metadata out, active content refused).

Run it once after upgrading; running it again changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tdc.complaints.services import reclean_stored_pdfs


class Command(BaseCommand):
    help = "Re-check stored complaint PDFs: rewrite without metadata, refuse active content."

    def handle(self, *args: Any, **options: Any) -> None:
        run = reclean_stored_pdfs()
        self.stdout.write(
            f"{run.checked} PDF(s) checked, {run.rewritten} rewritten without metadata, "
            f"{run.refused} refused."
        )
