"""A producer's write shows on the next scan in every process, not only in the one that made
it: the resolver's cache is per process, the version its keys carry is read from the database
on every request (`tdc.core.changes`)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdc.traceability.services import record_step, update_product
from tdc.traceability.tests.factories import PlaceFactory, ProductFactory

pytestmark = pytest.mark.django_db
VIETNAM = dt.timezone(dt.timedelta(hours=7))
PAGE = "/01/08934588063060/10/L2611"


@contextlib.contextmanager
def another_process() -> Iterator[None]:
    """What runs inside runs in another process: the database is shared, but whatever it did
    to this process's memory (the local cache) is undone when it ends."""
    memory = vars(caches["default"])
    kept, expiry = dict(memory["_cache"]), dict(memory["_expire_info"])
    yield
    memory["_cache"].clear()
    memory["_cache"].update(kept)
    memory["_expire_info"].clear()
    memory["_expire_info"].update(expiry)


@pytest.fixture
def lot(business_user):
    mango = ProductFactory(owner=business_user.organisation)
    farm = PlaceFactory(owner=business_user.organisation, code="vuon", name="Vườn Cam Lâm")
    record_step(
        business_user,
        step="harvest",
        product=mango,
        lot_number="L2611",
        place=farm,
        when=dt.datetime(2026, 11, 20, 8, 0, tzinfo=VIETNAM),
    )
    return mango


def test_a_producers_edit_in_another_process_shows_on_the_next_scan(client, business_user, lot):
    first, cached = client.get(PAGE).content.decode(), client.get(PAGE).content.decode()
    with another_process():
        update_product(lot, by=business_user, name="Xoài cát Hòa Lộc loại 1")

    after = client.get(PAGE).content.decode()

    assert first == cached  # the second scan was served from this process's cache
    assert "Xoài cát Hòa Lộc loại 1" not in cached
    assert "Xoài cát Hòa Lộc loại 1" in after


def test_a_step_recorded_in_another_process_shows_on_the_next_scan(client, business_user, lot):
    client.get(PAGE)
    with another_process():
        record_step(
            business_user,
            step="pack",
            product=lot,
            lot_number="L2611",
            place=PlaceFactory(owner=business_user.organisation, code="kho", name="Kho Ninh Hòa"),
            when=dt.datetime(2026, 11, 21, 8, 0, tzinfo=VIETNAM),
        )

    assert "Kho Ninh Hòa" in client.get(PAGE).content.decode()


def test_without_a_write_the_next_scan_is_served_from_the_cache(client, lot):
    """The cache keeps its benefit: only the change tokens are read, not the page data."""
    client.get(PAGE)

    with CaptureQueriesContext(connection) as queries:
        client.get(PAGE)

    read = [q["sql"] for q in queries.captured_queries]
    assert [sql for sql in read if "traceability_" in sql and "pagescan" not in sql] == []
    assert len([sql for sql in read if "core_changetoken" in sql]) == 1
