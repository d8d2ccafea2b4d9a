"""The file's rows validated and cut into chunks, in file order, touching no database.

`validated_chunks` reads the table, validates each row (`validation`), refuses duplicates of
an earlier row of the file (`Seen`), and yields `Chunk`s; it may run in a second process
(`overlap`), whence a chunk comes back as flat tuples without its valid rows' cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tdc.core.text import clean_text
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


@dataclass
class Chunk:
    rows: list[Row] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    processed: int = 0
    last_row: int = 0
    final: bool = False  # the file's last chunk
    # Sent from the validating process without the valid rows' cells (they double the cost of
    # the hand-over, and are needed only for a row refused at writing): read them again then.
    cells_dropped: bool = False

    def __reduce__(self) -> tuple[Any, ...]:
        flat = [
            (r.number, *r.key, r.commune_id, *r.descriptions, r.status, *(r.verification or ()))
            for r in self.rows
        ]
        return (_rebuilt_chunk, (flat, self.rejected, self.processed, self.last_row, self.final))


_new = tuple.__new__


def _rebuilt_chunk(
    flat: list[tuple[Any, ...]],
    rejected: list[Rejection],
    processed: int,
    last_row: int,
    final: bool,
) -> Chunk:
    rows = [
        Row(
            x[0],
            _new(InstrumentKey, x[1:5]),
            x[5],
            _new(Descriptions, x[6:11]),
            x[11],
            [],
            _new(VerificationValues, x[12:]) if len(x) > 12 else None,
        )
        for x in flat
    ]
    return Chunk(rows, rejected, processed, last_row, final, cells_dropped=True)


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
) -> Iterator[Chunk | None]:
    """The file's rows validated, in chunks of `chunk_size` rows in file order; the last chunk
    (perhaps empty) says `final`. With `first_chunk_size` the chunks start at that size and
    double up to `chunk_size`: while the database writes one chunk, the next is being validated
    (`overlap`), and it is ready in time only if it is not much larger. Rows up to `committed_row` were committed by an earlier run:
    only their keys matter now, and a None now and then while skipping them is the time to
    renew the lease. Touches no database, so it may run in another process."""
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
            yield chunk
            chunk = Chunk(last_row=chunk.last_row)
            size = min(chunk_size, size * 2)
    chunk.final = True
    yield chunk
