"""Background work: the yearly days of this year and next, and calibration reminders. Both
are safe to run twice."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from tdc.capacity import services


@task()
def create_yearly_days() -> int:
    """This year's days (and, from October, next January's Metrology Day) for every
    province: created once, however often the job runs."""
    today = timezone.localdate()
    created = services.create_yearly_days(year=today.year)
    if today.month >= 10:
        created += services.create_yearly_days(year=today.year + 1)
    return created


@task()
def send_calibration_reminders() -> dict[str, int]:
    run = services.send_calibration_reminders(today=timezone.localdate())
    return {"equipment": run.equipment, "standards": run.standards}
