"""The capacity demo loads after the others, links the demo plan's targets, and a second run
changes nothing."""

from __future__ import annotations

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


def test_the_demo_plans_forum_and_equipment_targets_compute_from_capacity(db):
    from tdc.plans.models import Indicator

    call_command("loaddemo", stdout=StringIO())

    linked = dict(
        Indicator.objects.filter(metric_key__startswith="capacity.").values_list(
            "metric_key", "unit"
        )
    )
    # The plans import links them by wording; the demo links whatever it left unlinked.
    assert linked["capacity.forums_held"] == "diễn đàn"
    assert linked["capacity.equipment_bought"] in {"thiết bị", "trang thiết bị"}
