"""Chunks all new to the register (`imports.all_new`): prepared where they are validated, written
with no look-up, and handed to the general path when the register holds some of them."""

import datetime as dt
import pickle

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from tdc.metrology import imports
from tdc.metrology.imports import all_new, integrity, overlap
from tdc.metrology.imports.chunks import Chunk, validated_chunks
from tdc.metrology.imports.reading import map_headers, open_table
from tdc.metrology.imports.validation import Context
from tdc.metrology.models import Instrument, Verification
from tdc.metrology.tallies import rebuild_tallies, tally_snapshot
from tdc.metrology.tests.factories import FUEL, instrument, kind
from tdc.metrology.tests.test_import_integrity import _file_job, _row, _rows, _state

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="chunks are prepared as all new on PostgreSQL"
)


class _Switch:
    def __init__(self, value: int) -> None:
        self.value = value


def _keys(business, nha_trang, centre, province):
    return {
        "type_id": kind(FUEL).pk,
        "owner_id": business.pk,
        "province_id": province.pk,
        "commune_id": nha_trang.pk,
        "verifier_id": centre.pk,
    }


@postgres_only
def test_a_prepared_chunk_refused_by_a_unique_key_leaves_nothing_written(
    business, nha_trang, centre, province
):
    """The register holds one of the chunk's instruments: the COPY is refused as a whole, and
    the chunk's transaction goes on without any of it."""
    rows = [_row(n, **_keys(business, nha_trang, centre, province)) for n in (2, 3)]
    with transaction.atomic(), connection.cursor() as cursor:
        taken = instrument(owner=business, commune=nha_trang, serial="S-3")
        before = (Instrument.objects.count(), Verification.objects.count(), tally_snapshot())

        assert not all_new.write(cursor, all_new.prepare(rows), now=timezone.now(), by_id=None)

        assert (Instrument.objects.count(), Verification.objects.count(), tally_snapshot()) == (
            before
        )
        assert Instrument.objects.get(pk=taken.pk).serial == "S-3"
        assert all_new.write(cursor, all_new.prepare(rows[:1]), now=timezone.now(), by_id=None)
        written = Instrument.objects.get(serial="S-2", owner=business)
        latest = Verification.objects.get(instrument=written)
        assert (written.last_stamp_number, written.last_verification_id) == ("T-2", latest.pk)


@pytest.mark.parametrize("in_child", [False, True])
def test_new_then_registered_then_new_chunks_write_each_instrument_once(
    in_child, business, business_user, centre, nha_trang
):
    """Chunks of 8: the first new, the second holding instruments of the register (some with a
    later verification, some unchanged), the third new again. Each instrument is written once,
    the unchanged ones are not touched, and the roll-ups equal a recount."""
    if in_child and not overlap.can_fork():
        pytest.skip("validation in a child needs fork")
    registered = _rows(24, bad_row=23)[8:16]
    imports.run(_file_job(business_user, business, registered).pk, chunk_size=8)
    untouched = dict(Instrument.objects.values_list("serial", "updated_at"))
    rows = _rows(24, bad_row=23)
    for row in rows[8:12]:  # a later verification, with a new stamp
        row[5], row[8] = "02/03/2026", row[8] + "B"

    with time_machine.travel(timezone.now() + dt.timedelta(hours=1), tick=False):
        job = imports.run(
            _file_job(business_user, business, rows).pk, chunk_size=8, overlap=in_child
        )

    assert (job.status, job.accepted_rows, job.rejected_rows) == ("done", 23, 1)
    serials, stamps = _state()
    assert len(serials) == len({serial for serial, _, _ in serials}) == 23
    assert len(stamps) == 8 + 4 + 15  # the registered ones, their new ones, the new instruments
    after = dict(Instrument.objects.values_list("serial", "updated_at"))
    assert [s for s in untouched if after[s] == untouched[s]] == [
        f"S-{n:03}" for n in range(12, 16)
    ]
    assert Instrument.objects.get(serial="S-008").last_verified_on == dt.date(2026, 3, 2)
    assert integrity.problems() == []
    snapshot = tally_snapshot()
    rebuild_tallies()
    assert tally_snapshot() == snapshot


def test_chunks_are_prepared_only_while_the_switch_is_on(
    business, business_user, centre, nha_trang
):
    job = _file_job(business_user, business, _rows(30, bad_row=29))
    table = open_table(job)
    switch = _Switch(1)

    prepared = []
    for chunk in validated_chunks(
        table,
        map_headers(table.headers),
        Context.load(job),
        committed_row=0,
        chunk_size=10,
        prepare_new=switch,
    ):
        assert chunk is not None
        prepared.append((chunk.valid, chunk.new is not None))
        switch.value = 0 if len(prepared) == 1 else 1

    # The last, empty chunk says the file has ended; with no rows there is nothing to prepare.
    assert prepared == [(10, True), (10, False), (9, True), (0, False)]


def test_a_prepared_chunk_crosses_to_the_other_process_with_its_rows_decoded_on_demand(
    business, nha_trang, centre, province
):
    rows = [_row(n, **_keys(business, nha_trang, centre, province)) for n in (2, 3)]
    chunk = Chunk(rows, [], 2, 3, final=True, new=all_new.prepare(rows))

    back = pickle.loads(pickle.dumps(chunk))  # noqa: S301 — our own bytes

    assert back.valid == 2
    assert back.new == chunk.new
    assert [(r.number, r.key, r.verification) for r in back.rows] == [
        (r.number, r.key, r.verification) for r in rows
    ]
    assert back.cells_dropped
