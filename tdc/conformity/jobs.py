"""Background jobs: thin and idempotent (each warning is recorded once; a reminder once a day)."""

from __future__ import annotations

from django_tasks import task

from tdc.conformity import services


@task()
def send_conformity_warnings() -> dict[str, int]:
    return {
        "warnings": services.send_declaration_warnings(),
        "reminders": services.send_processing_reminders(),
    }
