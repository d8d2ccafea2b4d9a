"""The capacity demo loads after the others, its figures computed for the demo plan's targets,
and a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command

from tdc.capacity.models import Course, Event, MeasurementStandard
from tdc.core.models import AuditEvent


def test_the_demo_loads_once(db):
    call_command("loaddemo", stdout=StringIO())
    counts = (Course.objects.count(), Event.objects.count(), AuditEvent.objects.count())

    call_command("loaddemo", stdout=StringIO())

    assert (Course.objects.count(), Event.objects.count(), AuditEvent.objects.count()) == counts
    assert counts[0] == 5
    chain = MeasurementStandard.objects.get(name="Bộ quả cân chuẩn cấp chính xác F1")
    assert chain.traced_to.traced_to.level == MeasurementStandard.Level.NATIONAL


def test_the_demo_plans_forum_and_equipment_targets_compute(db, time_machine):
    """Their values come from the capacity records: two forums and 4 + 2 + 1 units of
    equipment bought in 2026."""
    from tdc.plans.models import IndicatorValue

    time_machine.move_to(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False)
    call_command("loaddemo", stdout=StringIO())

    values = dict(
        IndicatorValue.objects.filter(
            indicator__metric_key__in=["capacity.forums_held", "capacity.equipment_bought"],
            period_end=dt.date(2026, 12, 31),
        ).values_list("indicator__metric_key", "value")
    )
    assert values == {"capacity.forums_held": 2, "capacity.equipment_bought": 7}
