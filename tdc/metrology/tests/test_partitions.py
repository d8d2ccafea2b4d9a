import datetime as dt

import pytest
from django.db import connection

from tdc.metrology import services
from tdc.metrology.models import Instrument, Verification
from tdc.metrology.tests.factories import instrument, verify

pytestmark = pytest.mark.django_db


def _home_table(pk):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tableoid::regclass::text FROM metrology_instrument WHERE id = %s", [pk]
            )
        else:
            cursor.execute(
                "SELECT 'metrology_instrument' FROM metrology_instrument WHERE id = %s", [pk]
            )
        return cursor.fetchone()[0]


def test_instruments_live_in_their_province_partition_and_move_with_their_history(
    business, nha_trang, hue_commune, centre, officer
):
    pump = instrument(business, nha_trang)
    verify(pump, dt.date(2026, 1, 10), stamp="MOVE-1")
    expected = (
        "metrology_instrument_p56" if connection.vendor == "postgresql" else "metrology_instrument"
    )
    assert _home_table(pump.pk) == expected

    services.update_instrument(pump, by=officer, commune=hue_commune)

    moved = Instrument.objects.get(pk=pump.pk)
    assert (moved.province_id, moved.next_due) == (46, dt.date(2027, 1, 10))
    expected = (
        "metrology_instrument_p46" if connection.vendor == "postgresql" else "metrology_instrument"
    )
    assert _home_table(pump.pk) == expected
    assert list(
        Verification.objects.filter(instrument=moved).values_list("province_id", flat=True)
    ) == [46]
    assert Instrument.objects.filter(verifications__stamp_number="MOVE-1").get() == moved


def test_the_register_is_a_partitioned_table_on_postgresql_and_a_plain_one_on_sqlite():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relkind, count(i.inhrelid) FROM pg_class c LEFT JOIN pg_inherits i "
                "ON i.inhparent = c.oid WHERE c.relname = 'metrology_instrument' GROUP BY c.relkind"
            )
            assert cursor.fetchone() == ("p", 35)
        else:
            cursor.execute("SELECT type FROM sqlite_master WHERE name = 'metrology_instrument'")
            assert cursor.fetchone() == ("table",)
