"""The API's keyset feeds read their own index: `(updated_at, id)` for instruments,
`(created_at, id)` for verifications (migration 0008). The query each feed really runs is
captured and explained: a page is one index range that stops after `limit` rows, not a scan and
sort of everything visible. On PostgreSQL the tables here are tiny, so scans and sorts are
priced out (`enable_seqscan`, `enable_sort` off) to ask whether the index can serve the order at
all; without it the plan must still sort. The import benchmark explains the same queries
unchanged on a register of a million instruments (`bench/metrology_import.py`, `feed_plans`;
docs/decisions/0021)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tdc.accounts.services import issue_api_token
from tdc.metrology.models import Verification
from tdc.metrology.queries import instruments_visible_to, verifications_visible_to
from tdc.metrology.tests.factories import instrument, verify

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


def _auth(user):
    _token, key = issue_api_token(user, name="feed")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _page_query(client, url, user, table: str) -> str:
    """The SQL of the feed's page query (the one ordered by the feed's key)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"limit": 2}, **_auth(user))
    assert response.status_code == 200
    pages = [
        q["sql"]
        for q in queries.captured_queries
        if f'FROM "{table}"' in q["sql"] and "ORDER BY" in q["sql"] and "LIMIT" in q["sql"]
    ]
    assert len(pages) == 1, [q["sql"] for q in queries.captured_queries]
    return pages[0]


def index_names(index: str) -> set[str]:
    """The index and, on PostgreSQL, its partitions' indexes (one per province partition)."""
    if connection.vendor != "postgresql":
        return {index}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass",
            [index],
        )
        return {index} | {name for (name,) in cursor.fetchall()}


def reads(explained: str, index: str) -> bool:
    """Whether the plan reads `index` (or one of its partitions' indexes)."""
    used = set(re.findall(r"(?:using|USING INDEX) (\w+)", explained))
    return bool(used & index_names(index))


def sorts(explained: str) -> bool:
    """A Sort node in a PostgreSQL plan (a Merge Append's "Sort Key" merges index-ordered
    partitions and sorts nothing)."""
    return re.search(r"(?m)^\s*(->\s+)?(Incremental )?Sort\s+\(", explained) is not None


def plan(sql: str) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute("EXPLAIN " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.fixture
def register(business, nha_trang, centre):
    for n in range(6):
        verify(
            instrument(business, nha_trang, serial=f"F{n}"), TODAY, stamp=f"FT{n}", verifier=centre
        )


def test_the_instrument_feed_reads_its_index_for_an_officer_and_the_ministry(
    client, register, officer, ministry_viewer
):
    for user in (officer, ministry_viewer):
        sql = _page_query(
            client, "/api/v1/metrology/instruments/feed", user, "metrology_instrument"
        )
        explained = plan(sql)
        assert reads(explained, "instrument_feed"), explained
        if connection.vendor == "postgresql":
            assert not sorts(explained), explained
        else:
            assert "USE TEMP B-TREE FOR ORDER BY" not in explained, explained


def test_the_verification_feed_reads_its_index_for_an_officer_and_the_ministry(
    client, register, officer, ministry_viewer
):
    for user in (officer, ministry_viewer):
        sql = _page_query(client, "/api/v1/metrology/verifications", user, "metrology_verification")
        explained = plan(sql)
        assert reads(explained, "verification_feed"), explained
        if connection.vendor == "postgresql":
            assert not sorts(explained), explained
        else:
            assert "USE TEMP B-TREE FOR ORDER BY" not in explained, explained


def test_the_verifications_visible_are_those_of_the_instruments_visible(
    register,
    business,
    officer,
    ministry_viewer,
    business_user,
    commune_officer,
    other_province_officer,
    cam_ranh,
    hue_commune,
    centre,
):
    from tdc.accounts.tests.factories import OrganisationFactory

    other = OrganisationFactory(name="Cơ sở khác", province=hue_commune.province)
    verify(instrument(other, hue_commune, serial="H1"), TODAY, stamp="H1", verifier=centre)
    verify(instrument(other, cam_ranh, serial="C1"), TODAY, stamp="C1", verifier=centre)
    committee = commune_officer.organisation
    committee.commune_id = 22366  # Phường Nha Trang: the register fixture's commune
    committee.save()
    for user in (officer, ministry_viewer, business_user, commune_officer, other_province_officer):
        user = type(user).objects.select_related("organisation").get(pk=user.pk)
        expected = Verification.objects.filter(
            instrument__in=instruments_visible_to(user).values("pk")
        )
        seen = sorted(verifications_visible_to(user).values_list("stamp_number", flat=True))
        assert seen == sorted(expected.values_list("stamp_number", flat=True)), user
    assert len(verifications_visible_to(ministry_viewer)) == 8
    assert sorted(
        verifications_visible_to(other_province_officer).values_list("stamp_number", flat=True)
    ) == ["H1"]
