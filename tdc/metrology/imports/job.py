"""The import job: read the file, validate rows in chunks, commit each chunk exactly once.

A worker first claims the job: it takes a lease (`lease_token`, `lease_expires_at`) and renews
it after every chunk, its heartbeat. Each chunk commits its rows, its rejections and the job's
counters in one transaction that first checks, on the job's row, that this worker still holds
the lease and that the job is still at the row where the chunk began: a chunk is therefore
counted once, whichever worker commits it, and a worker that lost its lease rolls back.

A worker that dies leaves its lease to run out; then the scheduler (`resume_abandoned`, every
minute) or the user's "resume" hands the job to another worker, which goes on after
`last_committed_row`. While a lease is live, nobody else may run the job.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import record
from tdc.core.text import fold
from tdc.metrology.imports.all_new import NewChunk
from tdc.metrology.imports.chunks import Chunk, plain_cell, validated_chunks
from tdc.metrology.imports.columns import REASON_HEADER
from tdc.metrology.imports.keys import importer, lock_keys, lock_referenced_keys
from tdc.metrology.imports.overlap import can_fork, in_child
from tdc.metrology.imports.reading import ImportFileError, map_headers, open_table
from tdc.metrology.imports.sql import stamp_conflicts, write_new_rows, write_rows
from tdc.metrology.imports.validation import Context, Rejection, Row
from tdc.metrology.models import ImportJob, ImportRejection

# Chunks of 50,000 rows: larger ones cost a little more per row (bigger sorts); smaller ones
# repeat the per-chunk statements and locks more often (10,000: 5-8 % slower).
CHUNK_SIZE = 50_000
# A chunk takes a few seconds; a worker silent for two minutes is dead.
LEASE_SECONDS = 120
# Below this many rows to go, validating in a second process costs more than it saves.
OVERLAP_MIN_ROWS = 20_000
# With validation in a second process the chunks start small and double (`validated_chunks`):
# until the first is validated the database has nothing to write.
FIRST_CHUNK_SIZE = 5_000


class LeaseLost(Exception):
    """Another worker holds the job now: this one must stop without writing."""


@dataclass
class Lease:
    """This worker's hold on a job, and the job's last committed row as this worker knows it."""

    job_id: int
    token: str
    seconds: int
    committed_row: int

    def _expiry(self) -> dt.datetime:
        return timezone.now() + dt.timedelta(seconds=self.seconds)

    def _mine(self) -> QuerySet[ImportJob]:
        return ImportJob.objects.filter(pk=self.job_id, lease_token=self.token)

    @classmethod
    def claim(cls, job_id: int, *, seconds: int) -> Lease | None:
        """Take the job if it is waiting or running and no live worker holds it."""
        now = timezone.now()
        token = uuid.uuid4().hex
        claimed = (
            ImportJob.objects.filter(
                pk=job_id, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
            )
            .filter(Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lte=now))
            .update(
                status=ImportJob.Status.RUNNING,
                lease_token=token,
                lease_expires_at=now + dt.timedelta(seconds=seconds),
                error="",
                updated_at=now,
            )
        )
        if not claimed:
            return None
        ImportJob.objects.filter(pk=job_id, started_at__isnull=True).update(started_at=now)
        committed = ImportJob.objects.values_list("last_committed_row", flat=True).get(pk=job_id)
        return cls(job_id=job_id, token=token, seconds=seconds, committed_row=committed)

    def renew(self, **values: Any) -> None:
        """The heartbeat (with any other values to set on the job)."""
        if not self._mine().update(lease_expires_at=self._expiry(), **values):
            raise LeaseLost

    def commit(self, *, last_row: int, processed: int, accepted: int, rejected: int) -> None:
        """Count a chunk; call inside the chunk's transaction, before writing its rows."""
        counted = (
            self._mine()
            .filter(last_committed_row=self.committed_row)
            .update(
                processed_rows=F("processed_rows") + processed,
                accepted_rows=F("accepted_rows") + accepted,
                rejected_rows=F("rejected_rows") + rejected,
                last_committed_row=last_row,
                lease_expires_at=self._expiry(),
                updated_at=timezone.now(),
            )
        )
        if not counted:
            raise LeaseLost
        self.committed_row = last_row

    def finish(self, status: str, *, error: str = "", **values: Any) -> None:
        """Give the job back, done or failed."""
        self._mine().update(
            status=status,
            error=error,
            finished_at=timezone.now(),
            lease_token="",
            lease_expires_at=None,
            **values,
        )


def _cells_again(job: ImportJob, numbers: set[int]) -> dict[int, list[Any]]:
    """The cells of these rows, read from the file again."""
    found: dict[int, list[Any]] = {}
    for number, cells in open_table(job).rows:
        if number in numbers:
            found[number] = cells
            if len(found) == len(numbers):
                break
    return found


def _refusals(job: ImportJob, chunk: Chunk, refused: list[tuple[Row, str]]) -> list[Rejection]:
    cells = _cells_again(job, {r.number for r, _ in refused}) if chunk.cells_dropped else {}
    return [
        Rejection(row.number, [plain_cell(c) for c in cells.get(row.number, row.cells)], reason)
        for row, reason in refused
    ]


def _record_rejections(lease: Lease, rejected: list[Rejection]) -> None:
    if rejected:
        ImportRejection.objects.bulk_create(
            [
                ImportRejection(job_id=lease.job_id, row_number=n, cells=cells, reason=reason)
                for n, cells, reason in rejected
            ],
            ignore_conflicts=True,
        )


class _NotAllNew(Exception):
    """The chunk is not all new to the register (or a key it references has gone)."""


def _commit_new_chunk(lease: Lease, chunk: Chunk, new: NewChunk, job: ImportJob) -> bool:
    """Commit a chunk as instruments the register does not hold yet, looking nothing up first
    (`all_new`). False, with nothing written or counted, if that is not so."""
    counted = lease.committed_row
    try:
        with transaction.atomic():
            # Every key the rows reference, locked once for the chunk (see imports.keys).
            if not lock_keys(new.keys).cover(new.keys):
                raise _NotAllNew  # a key has gone: the general path says which rows it refuses
            lease.commit(
                last_row=chunk.last_row,
                processed=chunk.processed,
                accepted=chunk.valid,
                rejected=len(chunk.rejected),
            )
            if not write_new_rows(new, by_id=importer(job.created_by_id)):
                raise _NotAllNew
            _record_rejections(lease, chunk.rejected)
    except _NotAllNew:
        lease.committed_row = counted
        return False
    return True


def _commit_chunk(lease: Lease, chunk: Chunk, job: ImportJob) -> bool:
    """Commit a chunk: its rows, its rejections and the job's counters. True if the register
    held none of its instruments and none of its stamps (PostgreSQL): the next chunk may then
    be tried as all new."""
    conflicts = stamp_conflicts(chunk.rows)
    accepted: list[Row] = []
    taken: list[tuple[Row, str]] = []
    recorded: dict[str, int] = {}  # stamps whose verification is this row's, already written
    for row in chunk.rows:
        holder = conflicts.get(row.stamp_number) if row.stamp_number else None
        if holder is None:
            accepted.append(row)
        elif (holder.key, holder.verified_on) == (row.key, row.verified_on):
            recorded[row.stamp_number] = holder.verification_id
            accepted.append(row)
        else:
            reason = _("Số tem %(stamp)s đã được dùng cho một phương tiện đo khác")
            taken.append((row, reason % {"stamp": row.stamp_number}))
    rejected = chunk.rejected + _refusals(job, chunk, taken) if taken else list(chunk.rejected)
    with transaction.atomic():
        # Every key the rows reference, locked once for the chunk (see imports.keys).
        locked = lock_referenced_keys(accepted, by_id=job.created_by_id)
        if locked.refused:
            rejected.extend(_refusals(job, chunk, locked.refused))
        # Then the job's row: it locks the job, and fails if this chunk is not ours to count.
        lease.commit(
            last_row=chunk.last_row,
            processed=chunk.processed,
            accepted=len(locked.rows),
            rejected=len(rejected),
        )
        none_held = write_rows(locked.rows, by_id=locked.by_id, recorded=recorded)
        _record_rejections(lease, rejected)
    return none_held and not conflicts


def _import(
    lease: Lease, job: ImportJob, *, max_chunks: int | None, chunk_size: int, overlap: bool | None
) -> ImportJob | None:
    """Run the claimed job to its end (None), or leave off after `max_chunks` (the job)."""
    try:
        table = open_table(job)
        positions = map_headers(table.headers)
    except ImportFileError as error:
        lease.finish(ImportJob.Status.FAILED, error=str(error))
        return None
    lease.renew(headers=table.headers, total_rows=max(table.estimated_rows, job.processed_rows))
    ctx = Context.load(job)
    if overlap is None:
        overlap = table.estimated_rows - lease.committed_row >= OVERLAP_MIN_ROWS
    committed, size = lease.committed_row, chunk_size
    # On PostgreSQL each chunk is prepared to be written as all new to the register, while
    # the chunks are (the switch is shared with the validating process).
    postgres = connection.vendor == "postgresql"
    prepare = multiprocessing.get_context("fork" if can_fork() else None).Value("b", postgres)
    chunks: Iterator[Chunk | None] = (
        in_child(
            validated_chunks,
            table,
            positions,
            ctx,
            committed_row=committed,
            chunk_size=size,
            first_chunk_size=min(size, FIRST_CHUNK_SIZE),
            prepare_new=prepare,
        )
        if overlap and can_fork()
        else validated_chunks(
            table, positions, ctx, committed_row=committed, chunk_size=size, prepare_new=prepare
        )
    )
    done = 0
    # A prepared chunk is first tried as all new to the register, which needs no look-up;
    # after a chunk that was not, the next ones look up, until one finds nothing held.
    all_new = postgres
    try:
        for chunk in chunks:
            if chunk is None:
                lease.renew()
                continue
            new = chunk.new if all_new else None
            if new is None or not _commit_new_chunk(lease, chunk, new, job):
                none_held = _commit_chunk(lease, chunk, job)
                all_new = none_held if chunk.valid else all_new
                prepare.value = all_new
            if chunk.final:
                break
            done += 1
            if max_chunks is not None and done >= max_chunks:
                return ImportJob.objects.get(pk=job.pk)
    except ImportFileError as error:
        lease.finish(ImportJob.Status.FAILED, error=str(error))
        return None
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()  # the validating process, if any, is stopped
    processed = ImportJob.objects.values_list("processed_rows", flat=True).get(pk=job.pk)
    if not processed:
        lease.finish(ImportJob.Status.FAILED, error=_("Tệp không có dòng dữ liệu nào."))
    else:
        lease.finish(ImportJob.Status.DONE, total_rows=processed)
    return None


def run(
    job_id: int,
    *,
    max_chunks: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    lease_seconds: int = LEASE_SECONDS,
    overlap: bool | None = None,
) -> ImportJob:
    """Import (or go on importing) a job's file, if no live worker holds it. Safe to call any
    number of times. With `max_chunks` the run leaves off after that many chunks as a worker
    that died would, keeping its lease until it runs out (for tests). `overlap`: validate in a
    second process while this one writes (None: when the file has `OVERLAP_MIN_ROWS` rows or
    more to go)."""
    lease = Lease.claim(job_id, seconds=lease_seconds)
    job = ImportJob.objects.select_related("owner", "province").get(pk=job_id)
    if lease is None:
        return job
    collecting = gc.isenabled()
    # An import makes millions of small objects and no cycles: the cyclic collector would walk
    # them again and again (a third of the validation's time). It runs again afterwards.
    gc.disable()
    try:
        stopped = _import(lease, job, max_chunks=max_chunks, chunk_size=chunk_size, overlap=overlap)
    except LeaseLost:
        pass  # another worker took over; it counts what this one did not commit
    except Exception:
        lease.finish(
            ImportJob.Status.FAILED,
            error=_("Lỗi hệ thống khi nhập tệp. Bấm «Chạy lại» để đi tiếp từ dòng đã ghi."),
        )
        raise
    else:
        if stopped is not None:
            return stopped
    finally:
        if collecting:
            gc.enable()
    job.refresh_from_db()
    return job


def abandoned_jobs() -> QuerySet[ImportJob]:
    """Running jobs whose worker's lease ran out: that worker died."""
    return ImportJob.objects.filter(
        status=ImportJob.Status.RUNNING, lease_expires_at__lte=timezone.now()
    ).order_by("pk")


def resume_abandoned() -> int:
    """Take over every abandoned job, one after the other (the scheduler's task)."""
    resumed = 0
    for job in abandoned_jobs():
        record(
            actor=None,
            action="instrument_import.picked_up",
            target=job,
            data={"from_row": job.last_committed_row},
            organisation_id=job.organisation_id,
        )
        run(job.pk)
        resumed += 1
    return resumed


def rejected_rows(job: ImportJob) -> tuple[list[str], list[list[str]]]:
    """The rejected rows with the file's own columns, plus "Lý do"."""
    headers = [h for h in job.headers if fold(h) != fold(REASON_HEADER)]
    reason_at = [i for i, h in enumerate(job.headers) if fold(h) == fold(REASON_HEADER)]
    rows = []
    for rejection in job.rejections.order_by("row_number"):
        cells = [c for i, c in enumerate(rejection.cells) if i not in reason_at]
        cells = (cells + [""] * len(headers))[: len(headers)]
        rows.append([*cells, rejection.reason])
    return [*headers, REASON_HEADER], rows
