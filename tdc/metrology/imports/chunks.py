"""The file's rows validated and cut into chunks, in file order, touching no database.

`validated_chunks` reads the table, validates each row (`validation`), refuses duplicates of
an earlier row of the file (`Seen`), and yields `Chunk`s; it may run in a second process
(`overlap`), whence a chunk comes back as flat tuples without its valid rows' cells.
"""

from __future__ import annotations

import datetime as dt
import marshal
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.translation import gettext as _

from tdc.core.text import clean_text
from tdc.metrology.imports import all_new
from tdc.metrology.imports.all_new import NewChunk
from tdc.metrology.imports.reading import Table
from tdc.metrology.imports.validation import (
    Context,
    Descriptions,
    InstrumentKey,
    Rejection,
    Row,
    VerificationValues,
    validate_row,
)


@dataclass
class Seen:
    """Keys and stamps met so far in the file, to reject duplicates with the first row's number."""

    keys: dict[tuple[InstrumentKey, dt.date | None], int] = field(default_factory=dict)
    stamps: dict[str, int] = field(default_factory=dict)

    def check(self, row: Row) -> str:
        key = (row.key, row.verified_on)
        first = self.keys.get(key)
        if first is not None:
            return _(
                "Trùng với dòng %(row)s (cùng loại, chủ sở hữu, số sản xuất và ngày kiểm định)"
            ) % {"row": first}
        stamp = row.stamp_number
        if stamp and stamp in self.stamps:
            return _("Số tem %(stamp)s trùng với dòng %(row)s") % {
                "stamp": stamp,
                "row": self.stamps[stamp],
            }
        self.keys[key] = row.number
        if stamp:
            self.stamps[stamp] = row.number
        return ""


class Chunk:
    """Rows of the file in order: the valid ones, the rejected ones, and where the chunk ends.

    From the validating process the valid rows come as one blob, turned back into `Row`s only
    if they are asked for: a chunk all new to the register is written from `new`, prepared
    there (`all_new.prepare`), and never needs them."""

    def __init__(
        self,
        rows: list[Row] | None = None,
        rejected: list[Rejection] | None = None,
        processed: int = 0,
        last_row: int = 0,
        final: bool = False,  # the file's last chunk
        *,
        new: NewChunk | None = None,
        rows_blob: bytes | None = None,
        valid: int | None = None,
    ) -> None:
        if rows is None and rows_blob is None:
            rows = []
        self._rows = rows  # None until the blob is decoded
        self._rows_blob = rows_blob or b""
        self.rejected = rejected if rejected is not None else []
        self.processed = processed
        self.last_row = last_row
        self.final = final
        self.new = new
        self._valid = valid
        # Sent from the validating process without the valid rows' cells (they double the cost
        # of the hand-over, and are needed only for a row refused at writing): read them again.
        self.cells_dropped = rows_blob is not None

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            self._rows = _decoded_rows(self._rows_blob)
        return self._rows

    @property
    def valid(self) -> int:
        """How many valid rows the chunk has."""
        return len(self._rows) if self._rows is not None else self._valid or 0

    def __reduce__(self) -> tuple[Any, ...]:
        # The valid rows as one `marshal` blob of flat tuples, dates as day numbers: pickling
        # them row by row (dates are objects to pickle) costs ten times as much, on the side that
        # also validates. Both sides are the same interpreter (a fork), as `marshal` requires.
        flat = [
            (r.number, *r.key, r.commune_id, *r.descriptions, r.status, *_verification_out(r))
            for r in self.rows
        ]
        return (
            _rebuilt_chunk,
            (
                marshal.dumps(flat),
                self.rejected,
                self.processed,
                self.last_row,
                self.final,
                self.new,
                len(flat),
            ),
        )


def _verification_out(row: Row) -> tuple[Any, ...]:
    v = row.verification
    if v is None:
        return ()
    due = v.next_due.toordinal() if v.next_due is not None else None
    return (v.verified_on.toordinal(), *v[1:7], due)


_new = tuple.__new__
_day = dt.date.fromordinal


def _rebuilt_chunk(
    rows_blob: bytes,
    rejected: list[Rejection],
    processed: int,
    last_row: int,
    final: bool,
    new: NewChunk | None,
    valid: int,
) -> Chunk:
    return Chunk(
        None, rejected, processed, last_row, final, new=new, rows_blob=rows_blob, valid=valid
    )


def _decoded_rows(rows_blob: bytes) -> list[Row]:
    return [
        Row(
            x[0],
            _new(InstrumentKey, x[1:5]),
            x[5],
            _new(Descriptions, x[6:11]),
            x[11],
            [],
            _new(
                VerificationValues,
                (_day(x[12]), *x[13:19], None if x[19] is None else _day(x[19])),
            )
            if len(x) > 12
            else None,
        )
        for x in marshal.loads(rows_blob)  # noqa: S302 — our own bytes, from our own fork
    ]


class Switch(Protocol):
    """On or off, seen by both processes (a `multiprocessing.Value`)."""

    value: int


def plain_cell(value: Any) -> str:
    """A cell as kept with a rejected row (and given back in the rejected-rows file)."""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return text if text.isascii() and text.isprintable() else clean_text(text)


def validated_chunks(
    table: Table,
    positions: dict[str, int],
    ctx: Context,
    *,
    committed_row: int,
    chunk_size: int,
    first_chunk_size: int | None = None,
    prepare_new: Switch | None = None,
) -> Iterator[Chunk | None]:
    """The file's rows validated, in chunks of `chunk_size` rows in file order; the last chunk
    (perhaps empty) says `final`. With `first_chunk_size` the chunks start at that size and
    double up to `chunk_size`: while the database writes one chunk, the next is being validated
    (`overlap`), and it is ready in time only if it is not much larger. Rows up to
    `committed_row` were committed by an earlier run: only their keys matter now, and a None
    now and then while skipping them is the time to renew the lease. While `prepare_new` is on,
    each chunk's valid rows are also prepared to be written as new to the register (`all_new`);
    the importing process turns it off while the chunks are not. Touches no database, so it may
    run in another process."""
    seen = Seen()
    chunk = Chunk(last_row=committed_row)
    size = first_chunk_size or chunk_size
    skipped = 0
    for number, cells in table.rows:
        if not any(str(c).strip() for c in cells):
            continue  # a blank row
        row, reasons = validate_row(ctx, positions, number, cells)
        if row is not None:
            duplicate = seen.check(row)
            if duplicate:
                row, reasons = None, [duplicate]
        if number <= committed_row:
            skipped += 1
            if skipped % chunk_size == 0:
                yield None
            continue
        chunk.processed += 1
        chunk.last_row = number
        if row is None:
            chunk.rejected.append(
                Rejection(number, [plain_cell(c) for c in cells], "; ".join(reasons))
            )
        else:
            chunk.rows.append(row)
        if chunk.processed >= size:
            if prepare_new is not None and prepare_new.value and chunk.rows:
                chunk.new = all_new.prepare(chunk.rows)
            yield chunk
            chunk = Chunk(last_row=chunk.last_row)
            size = min(chunk_size, size * 2)
    chunk.final = True
    if prepare_new is not None and prepare_new.value and chunk.rows:
        chunk.new = all_new.prepare(chunk.rows)
    yield chunk
