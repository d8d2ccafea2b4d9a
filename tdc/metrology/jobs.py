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


@task()
def announce_overdue_instruments(*, on: str = "") -> int:
    """Announce, per province, the in-use instruments that fell overdue on `on` (today by
    default: their due date was yesterday) as `metrology.instruments_overdue`. The event key
    (province and day) makes a second run announce nothing new."""
    import datetime as dt

    from django.db.models import Count
    from django.utils import timezone

    from tdc.core.events import publish
    from tdc.metrology.models import Instrument

    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    fell_due = Instrument.objects.filter(
        status=Instrument.Status.IN_USE, next_due=day - dt.timedelta(days=1)
    )
    counts = fell_due.values("province_id").annotate(n=Count("pk")).order_by("province_id")
    for row in counts:
        ids = list(
            fell_due.filter(province_id=row["province_id"])
            .order_by("pk")
            .values_list("pk", flat=True)[:1000]
        )
        publish(
            "metrology.instruments_overdue",
            {
                "event_key": f"{row['province_id']}:{day.isoformat()}",
                "province_id": row["province_id"],
                "date": day.isoformat(),
                "count": row["n"],
                "instrument_ids": list(ids),
            },
        )
    return len(counts)
