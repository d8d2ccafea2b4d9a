"""Background work of the register: imports and due-date reminders (idempotent, by id)."""

from __future__ import annotations

from django_tasks import task

from tdc.metrology import imports, reminders


@task()
def run_import(*, job_id: int) -> None:
    imports.run(job_id)


@task()
def resume_abandoned_imports() -> int:
    """Imports whose worker died (lease run out) go on here, from their last committed row."""
    return imports.resume_abandoned()


@task()
def send_instrument_reminders() -> int:
    return reminders.send_due_reminders()
