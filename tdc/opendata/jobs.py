"""Background work of open data: regenerate every dataset (periodic, every six hours)."""

from __future__ import annotations

from django_tasks import task

from tdc.opendata import services


@task()
def regenerate_open_data() -> int:
    return services.regenerate_all()
