"""A feed page starts from the index on (timestamp, id): an import gives a whole chunk one
timestamp, so the rows that share it must still come once each, in id order."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tdc.core.cursor import keyset_page
from tdc.metrology.models import Instrument
from tdc.metrology.tests.factories import instrument

pytestmark = pytest.mark.django_db


def test_rows_sharing_one_timestamp_come_once_each_across_pages(business, nha_trang, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    made = [instrument(business, nha_trang, serial=f"S{i}").pk for i in range(7)]
    seen: list[int] = []
    cursor = None
    while True:
        page = keyset_page(
            Instrument.objects.all(), order=("updated_at", "pk"), cursor=cursor, limit=3
        )
        seen += [row.pk for row in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == sorted(made)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row comparison")
def test_the_page_after_a_cursor_is_asked_as_a_row_comparison(business, nha_trang):
    for i in range(3):
        instrument(business, nha_trang, serial=f"S{i}")
    first = keyset_page(Instrument.objects.all(), order=("updated_at", "pk"), cursor=None, limit=1)
    with CaptureQueriesContext(connection) as queries:
        keyset_page(
            Instrument.objects.all(), order=("updated_at", "pk"), cursor=first.next_cursor, limit=1
        )
    sql = queries.captured_queries[-1]["sql"]
    assert '("metrology_instrument"."updated_at", "metrology_instrument"."id") >' in sql
