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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_on_postgresql_the_stamp_is_read_through_its_unique_index_the_only_one():
    """Migration 0009 drops the duplicate stamp index on PostgreSQL: the look-up and the
    import's conflict check say `stamp_number <> ''`, which the unique partial index serves
    even in a generic plan (a parameter, not a literal)."""
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'metrology_verification' "
            "AND indexdef LIKE '%%(stamp_number)%%' ORDER BY indexname"
        )
        assert [r[0] for r in cursor.fetchall()] == ["verification_stamp_unique"]
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute(
            "PREPARE stamp_probe(varchar) AS " + STAMP_SQL.replace("%s", "$1"),
        )
        cursor.execute("EXPLAIN EXECUTE stamp_probe('KH-1')")
        plan = "\n".join(r[0] for r in cursor.fetchall())
        cursor.execute("DEALLOCATE stamp_probe")
    assert "verification_stamp_unique" in plan, plan
    assert "$1" in plan, plan  # a generic plan indeed
