"""Reads that must stay indexed on both engines."""

import pytest
from django.db import connection

from tdc.metrology.queries import STAMP_SQL

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")
def test_the_public_stamp_lookup_searches_an_index_on_sqlite():
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + STAMP_SQL, ["KH-1"])
        plan = [str(row[-1]) for row in cursor.fetchall()]

    assert plan == [
        "SEARCH metrology_verification USING INDEX verification_stamp_lookup (stamp_number=?)"
    ]
