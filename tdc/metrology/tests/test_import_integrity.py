"""How the import keeps key integrity (keys locked per chunk), validates in a second process,
and how the register's integrity is proved afterwards."""

import datetime as dt
import multiprocessing
import signal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tdc.accounts.tests.factories import UserFactory
from tdc.metrology import imports
from tdc.metrology.imports import integrity, overlap
from tdc.metrology.imports.keys import lock_referenced_keys
from tdc.metrology.imports.reading import ImportFileError
from tdc.metrology.imports.validation import (
    Descriptions,
    InstrumentKey,
    Row,
    VerificationValues,
)
from tdc.metrology.models import ImportJob, Instrument, InstrumentTally, Verification
from tdc.metrology.tallies import rebuild_tallies, tally_snapshot
from tdc.metrology.tests.factories import FUEL, instrument, kind, verify
from tdc.metrology.tests.test_imports import _csv

pytestmark = pytest.mark.django_db


def _row(number, *, type_id, owner_id, province_id, commune_id, verifier_id):
    return Row(
        number,
        InstrumentKey(type_id, owner_id, f"S-{number}", province_id),
        commune_id,
        Descriptions("", "", "", "", ""),
        "",
        [f"cell {number}"],
        VerificationValues(
            dt.date(2026, 3, 1), "dinh_ky", verifier_id, "TT", "pass", f"T-{number}", "", None
        ),
    )


def test_rows_whose_keys_were_deleted_meanwhile_are_refused_with_the_reason(
    business, nha_trang, centre, province
):
    good = {
        "type_id": kind(FUEL).pk,
        "owner_id": business.pk,
        "province_id": province.pk,
        "commune_id": nha_trang.pk,
        "verifier_id": centre.pk,
    }
    rows = [
        _row(2, **good),
        _row(3, **(good | {"type_id": 999_999})),
        _row(4, **(good | {"owner_id": 999_998})),
        _row(5, **(good | {"commune_id": 999_997})),
        _row(6, **(good | {"verifier_id": 999_996})),
        _row(7, **good),
    ]
    user = UserFactory()

    locked = lock_referenced_keys(rows, by_id=user.pk)

    assert [r.number for r in locked.rows] == [2, 7]
    assert [(r.number, reason) for r, reason in locked.refused] == [
        (3, "Loại phương tiện đo vừa bị xóa khỏi danh mục trong khi nhập"),
        (4, "Chủ sở hữu vừa bị xóa khỏi hệ thống trong khi nhập"),
        (5, "Xã, phường vừa bị xóa khỏi danh mục trong khi nhập"),
        (6, "Đơn vị kiểm định vừa bị xóa khỏi hệ thống trong khi nhập"),
    ]
    assert locked.by_id == user.pk
    # An importing user deleted meanwhile: the verifications keep no author (SET NULL).
    assert lock_referenced_keys(rows[:1], by_id=987_654).by_id is None
    assert lock_referenced_keys([], by_id=None).rows == []


def _file_job(user, owner, rows):
    return ImportJob.objects.create(
        created_by=user,
        organisation=owner,
        owner=owner,
        original_name="lon.csv",
        file_format="csv",
        file=SimpleUploadedFile("lon.csv", _csv(rows)),
    )


def _rows(count, *, bad_row=12, prefix="S"):
    rows = [
        [
            "Cột đo xăng dầu",
            f"{prefix}-{n:03}",
            "",
            "Phường Nha Trang",
            "",
            "01/03/2026",
            "Trung tâm TĐC",
            "Đạt",
            f"{prefix}K-{n:03}",
        ]
        for n in range(count)
    ]
    rows[bad_row][5] = "hôm qua"
    return rows


def _state():
    return (
        sorted(Instrument.objects.values_list("serial", "next_due", "last_stamp_number")),
        sorted(Verification.objects.values_list("stamp_number", "verified_on")),
    )


@pytest.mark.skipif(not overlap.can_fork(), reason="validation in a child needs fork")
def test_validating_in_a_second_process_imports_exactly_what_one_process_does(
    business_user, business, nha_trang, cam_ranh, centre
):
    job = _file_job(business_user, business, _rows(25))

    stopped = imports.run(job.pk, max_chunks=2, chunk_size=10, overlap=True)
    assert (stopped.processed_rows, stopped.accepted_rows, stopped.rejected_rows) == (20, 19, 1)
    stopped.lease_expires_at = None  # the "dead" worker's lease is over
    stopped.save(update_fields=["lease_expires_at"])
    finished = imports.run(job.pk, chunk_size=10, overlap=True)

    assert (finished.status, finished.processed_rows, finished.accepted_rows) == ("done", 25, 24)
    assert list(finished.rejections.values_list("row_number", flat=True)) == [14]
    in_child = _state()
    Verification.objects.all().delete()
    Instrument.objects.all().delete()
    rebuild_tallies()
    alone = imports.run(_file_job(business_user, business, _rows(25)).pk, chunk_size=10)
    assert (alone.status, alone.accepted_rows) == ("done", 24)
    assert _state() == in_child
    assert integrity.problems() == []


@pytest.mark.skipif(not overlap.can_fork(), reason="validation in a child needs fork")
def test_a_broken_file_found_by_the_second_process_fails_the_job_with_the_reason(
    business_user, business, nha_trang, cam_ranh, centre
):
    rows = _rows(25)
    rows[20][2] = "x" * 200_000  # larger than the CSV reader's field limit
    job = _file_job(business_user, business, rows)

    failed = imports.run(job.pk, chunk_size=10, overlap=True)

    assert failed.status == "failed"
    assert failed.error == "Dòng 22: tệp CSV hỏng (field larger than field limit (131072))."
    assert (failed.processed_rows, failed.accepted_rows) == (20, 19)


def _numbers(count):
    yield from range(count)


def _fails():
    yield 1
    raise ValueError("validation bug")


def _file_fails():
    raise ImportFileError("Tệp hỏng")
    yield  # a generator


@pytest.mark.skipif(not overlap.can_fork(), reason="validation in a child needs fork")
def test_the_second_process_hands_over_its_items_its_errors_and_stops_when_closed():
    assert list(overlap.in_child(_numbers, 5)) == [0, 1, 2, 3, 4]
    items = overlap.in_child(_fails)
    assert next(items) == 1
    with pytest.raises(overlap.ChildFailed, match="ValueError: validation bug"):
        next(items)
    with pytest.raises(ImportFileError, match="Tệp hỏng"):
        list(overlap.in_child(_file_fails))
    endless = overlap.in_child(_numbers, 10**9)
    assert next(endless) == 0
    endless.close()
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not overlap.can_fork(), reason="validation in a child needs fork")
def test_closing_stops_the_second_process_even_where_sigterm_is_handled():
    # A worker that stops gracefully on SIGTERM passes its handler on to the child it forks.
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        endless = overlap.in_child(_numbers, 10**9)
        assert next(endless) == 0
        endless.close()
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert multiprocessing.active_children() == []


def test_the_child_side_sends_items_then_the_end_or_the_error():
    receiver, sender = multiprocessing.Pipe(duplex=False)
    overlap._child(sender, _numbers, (2,), {})
    assert [receiver.recv() for _ in range(3)] == [("item", 0), ("item", 1), ("end", None)]
    receiver, sender = multiprocessing.Pipe(duplex=False)
    overlap._child(sender, _file_fails, (), {})
    assert receiver.recv() == ("file_error", "Tệp hỏng")
    receiver, sender = multiprocessing.Pipe(duplex=False)
    overlap._child(sender, _fails, (), {})
    assert receiver.recv() == ("item", 1)
    kind_, message = receiver.recv()
    assert kind_ == "error"
    assert "ValueError: validation bug" in message
    receiver, sender = multiprocessing.Pipe(duplex=False)
    receiver.close()
    overlap._child(sender, _numbers, (3,), {})  # nobody reads any more: it just ends


def _execute(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_integrity_check_finds_orphans_and_roll_ups_that_differ_from_a_recount(
    business_user, business, nha_trang, cam_ranh, centre
):
    imports.run(_file_job(business_user, business, _rows(15)).pk, chunk_size=10)
    assert integrity.problems() == []
    before = tally_snapshot()

    tally = InstrumentTally.objects.get(commune_id=nha_trang.pk, status="in_use")
    tally.n += 1
    tally.save()
    _execute(
        "INSERT INTO metrology_verification (instrument_id, province_id, verified_on, form, "
        "verifier_name, result, stamp_number, certificate_number, created_at) "
        "VALUES (%s, %s, %s, 'dinh_ky', 'TT', 'pass', '', '', %s)",
        [987_654, nha_trang.province_id, dt.date(2026, 3, 1), dt.datetime.now(tz=dt.UTC)],
    )
    pump = Instrument.objects.first()
    _execute("UPDATE metrology_instrument SET commune_id = %s WHERE id = %s", [999_999, pump.pk])

    assert integrity.problems() == [
        "metrology_instrument.commune_id: 1 rows reference no accounts_commune row",
        "metrology_verification: 1 rows reference no instrument",
        "metrology_instrumenttally: 2 counts differ from a recount of the register",
        "metrology_duemonthtally: 2 counts differ from a recount of the register",
        "metrology_duedaytally: 2 counts differ from a recount of the register",
    ]
    _execute(
        "UPDATE metrology_instrument SET commune_id = %s WHERE id = %s", [nha_trang.pk, pump.pk]
    )
    Verification.objects.filter(instrument_id=987_654).delete()
    rebuild_tallies()
    assert tally_snapshot() == before
    assert integrity.problems() == []


@pytest.mark.skipif(not overlap.can_fork(), reason="validation in a child needs fork")
def test_a_stamp_taken_meanwhile_is_refused_with_the_rows_cells_read_again(
    business_user, business, nha_trang, cam_ranh, centre
):
    other = instrument(business, nha_trang, serial="OLD-1")
    verify(other, dt.date(2026, 1, 5), stamp="SK-013")
    rows = _rows(25)
    job = _file_job(business_user, business, rows)

    finished = imports.run(job.pk, chunk_size=10, overlap=True)

    assert (finished.status, finished.accepted_rows, finished.rejected_rows) == ("done", 23, 2)
    refused = finished.rejections.get(row_number=15)
    assert refused.reason == "Số tem SK-013 đã được dùng cho một phương tiện đo khác"
    assert refused.cells == rows[13]
    assert finished.rejections.get(row_number=14).reason.startswith("Ngày kiểm định «hôm qua»")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL triggers")
def test_the_tables_an_import_writes_without_row_triggers_have_no_trigger_of_their_own():
    # The chunk's writes may run with session_replication_role = replica (imports.keys), which
    # silences ordinary triggers too: a trigger added to these tables must be ENABLE ALWAYS.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgenabled <> 'A' AND tgrelid::regclass::text LIKE 'metrology\\_%%'"
        )
        assert cursor.fetchall() == []


def test_a_chunk_crosses_to_the_other_process_as_flat_rows_without_cells():
    import pickle

    from tdc.metrology.imports.chunks import Chunk
    from tdc.metrology.imports.validation import Rejection

    row = _row(2, type_id=1, owner_id=2, province_id=56, commune_id=22366, verifier_id=3)
    bare = _row(3, type_id=1, owner_id=2, province_id=56, commune_id=22366, verifier_id=3)
    bare.verification = None
    chunk = Chunk([row, bare], [Rejection(4, ["x"], "Thiếu số sản xuất")], 3, 4, final=True)

    back = pickle.loads(pickle.dumps(chunk))  # noqa: S301 — our own bytes

    assert (back.processed, back.last_row, back.final, back.cells_dropped) == (3, 4, True, True)
    assert back.rejected == chunk.rejected
    assert [(r.number, r.key, r.commune_id, r.descriptions, r.verification) for r in back.rows] == [
        (r.number, r.key, r.commune_id, r.descriptions, r.verification) for r in chunk.rows
    ]
    assert back.rows[0].key.province_id == 56
    assert back.rows[0].cells == []


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the COPY path is PostgreSQL's"
)


@postgres_only
def test_new_instruments_refused_by_a_unique_key_leave_nothing_written(
    business, nha_trang, centre, province
):
    """Another import inserted one of the chunk's keys after the capture: the COPY is refused
    as a whole, and the chunk's transaction goes on without any of it."""
    from django.db import transaction
    from django.utils import timezone

    from tdc.metrology.imports.new_instruments import Latest, copy_new

    keys = {
        "type_id": kind(FUEL).pk,
        "owner_id": business.pk,
        "province_id": province.pk,
        "commune_id": nha_trang.pk,
        "verifier_id": centre.pk,
    }
    rows = [_row(n, **keys) for n in (2, 3)]
    latest = {r.key: Latest(r, r.verification, None) for r in rows}
    with transaction.atomic(), connection.cursor() as cursor:
        imports.sql._ensure_stage(cursor, "postgresql")
        taken = instrument(owner=business, commune=nha_trang, serial="S-3")
        before = (Instrument.objects.count(), Verification.objects.count())

        assert not copy_new(cursor, latest, [], now=timezone.now(), by_id=None)

        assert (Instrument.objects.count(), Verification.objects.count()) == before
        cursor.execute("SELECT count(*) FROM metrology_stage_new")
        assert cursor.fetchone()[0] == 0
        assert Instrument.objects.get(pk=taken.pk).serial == "S-3"
        assert copy_new(cursor, dict(list(latest.items())[:1]), [], now=timezone.now(), by_id=None)
        assert Instrument.objects.filter(serial="S-2", owner=business).exists()


def test_a_file_of_new_and_registered_instruments_writes_each_once_and_keeps_the_roll_ups(
    business, business_user, centre, nha_trang
):
    """Half the file's instruments are in the register (written by COPY on PostgreSQL, the
    others by the upsert): each is written once, every verification once, roll-ups = recount."""
    first = _rows(20, bad_row=19)
    imports.run(_file_job(business_user, business, first[:10]).pk, chunk_size=10)
    later = [row[:5] + ["02/03/2026"] + row[6:8] + [row[8] + "B"] for row in first]

    job = imports.run(_file_job(business_user, business, later).pk, chunk_size=8)

    assert list(job.rejections.values_list("reason", flat=True)) == []
    assert (job.status, job.accepted_rows, job.rejected_rows) == ("done", 20, 0)
    serials, stamps = _state()
    assert len(serials) == 20
    assert len({s for s, _, _ in serials}) == 20
    assert all(stamp.endswith("B") for _, _, stamp in serials)
    assert len(stamps) == 10 + 20
    assert integrity.problems() == []
    snapshot = tally_snapshot()
    rebuild_tallies()
    assert tally_snapshot() == snapshot
