"""A chunk all new to the register: prepared where it is validated, written with no look-up.

A province's first import, the usual case, holds no instrument the register has. Such a chunk
needs neither the stamp look-up nor the capture of old states: its instruments and
verifications go into the register by binary `COPY`, and the register's unique keys are the
check. If one refuses them (the register holds one of these instruments or stamps), the chunk
is rolled back to its savepoint and takes the general path, which looks everything up
(docs/decisions/0035).

Everything the database does not decide is prepared beforehand, in the validating process
(`prepare`), while the importing process writes the previous chunk: each instrument's latest
state, the rows' binary `COPY` fields, the referenced keys and the roll-ups' deltas. The
importing process then only locks the keys, takes the ids from the sequences and appends them,
with the time and the importer, to the prepared fields (`write`).

The fields are encoded by psycopg's own binary `COPY` row formatter (`format_row_binary`, C),
the one `Copy.write_row` uses: psycopg has no public call that formats a row without sending
it, and encoding field by field in Python costs three times as much (docs/decisions/0035).
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass
from typing import Any

import psycopg.errors
from django.db import transaction
from psycopg import postgres
from psycopg._copy_base import format_row_binary
from psycopg.adapt import PyFormat, Transformer

from tdc.metrology.imports.keys import ReferencedKeys
from tdc.metrology.imports.new_instruments import (
    INSTRUMENT_COLUMNS,
    VERIFICATION_COLUMNS,
    allocate_ids,
    latest_per_instrument,
)
from tdc.metrology.imports.validation import Row
from tdc.metrology.tallies import TallyDelta, TallyUpsert, apply_upserts

# The prepared columns, then those the importing process fills, last in each row.
INSTRUMENT_IDS = ("id", "last_verification_id", "created_at", "updated_at")
INSTRUMENT_PREPARED = tuple(c for c in INSTRUMENT_COLUMNS if c[0] not in INSTRUMENT_IDS)
VERIFICATION_IDS = ("id", "instrument_id", "created_at", "created_by_id")
VERIFICATION_PREPARED = tuple(c for c in VERIFICATION_COLUMNS if c[0] not in VERIFICATION_IDS)

# PostgreSQL's binary COPY format: a signature, rows of (field count, then each field as its
# length and bytes, or -1 for NULL), and a trailer.
SIGNATURE = b"PGCOPY\n\xff\r\n\0" + b"\0\0\0\0" + b"\0\0\0\0"
TRAILER = b"\xff\xff"
NULL = -1
_LENGTH = struct.Struct("!i")
_BIGINT_FIELD = struct.Struct("!iq")


@dataclass
class NewChunk:
    """A chunk's valid rows ready to be written as instruments new to the register."""

    keys: ReferencedKeys
    instruments: list[bytes]  # each instrument's INSTRUMENT_PREPARED fields, encoded
    latest_verification: list[int]  # per instrument: its latest verification's index, or -1
    verifications: list[bytes]  # each verification's VERIFICATION_PREPARED fields, encoded
    verification_instrument: list[int]  # per verification: its instrument's index
    tallies: list[TallyUpsert]


class _Encoder:
    """Values to a binary COPY row without its field count, by psycopg's dumpers."""

    def __init__(self, columns: tuple[tuple[str, str], ...]) -> None:
        self.transformer = Transformer()
        oids = [postgres.types[kind].oid for _, kind in columns]
        self.transformer.set_dumper_types(oids, psycopg.pq.Format.BINARY)
        self.buffer = bytearray()

    def fields(self, values: tuple[Any, ...]) -> bytes:
        buffer = self.buffer
        del buffer[:]
        format_row_binary(values, self.transformer, buffer)
        return bytes(memoryview(buffer)[2:])  # the count is the whole row's, written later


def prepare(rows: list[Row]) -> NewChunk:
    """The chunk's rows as `write` takes them. Touches no database."""
    # Placeholder ids 0, 1, 2 …: each verification's id is its index in the list.
    latest, verifications = latest_per_instrument(rows, list(range(len(rows))), {})
    instrument_fields = _Encoder(INSTRUMENT_PREPARED).fields
    verification_fields = _Encoder(VERIFICATION_PREPARED).fields
    index: dict[tuple[Any, ...], int] = {}
    instruments: list[bytes] = []
    latest_verification: list[int] = []
    states: list[tuple[int, int, int, str, dt.date | None]] = []
    for position, (key, last) in enumerate(latest.items()):
        row, ver = last.row, last.verification
        status = row.status or "in_use"
        index[key] = position
        lasts: tuple[Any, ...] = (
            (ver.verified_on, ver.result, ver.stamp_number, ver.next_due)
            if ver is not None
            else (None, "", "", None)
        )
        # Tuple concatenation: a named tuple star-unpacks by the slow, generic path.
        instruments.append(
            instrument_fields(key + (row.commune_id,) + row.descriptions + (status,) + lasts)
        )
        latest_verification.append(NULL if last.verification_id is None else last.verification_id)
        states.append((key.province_id, row.commune_id, key.type_id, status, lasts[3]))
    delta = TallyDelta()
    delta.arrive(states)
    return NewChunk(
        keys=ReferencedKeys.of(rows),
        instruments=instruments,
        latest_verification=latest_verification,
        # Staging tuples: (index, type, owner, serial, province, then the verification).
        verifications=[verification_fields((v[4],) + v[5:]) for v in verifications],
        verification_instrument=[index[v[1:5]] for v in verifications],
        tallies=delta.upserts(),
    )


def _timestamp_field(moment: dt.datetime) -> bytes:
    dumped = bytes(Transformer().get_dumper(moment, PyFormat.BINARY).dump(moment) or b"")
    return _LENGTH.pack(len(dumped)) + dumped


def _copy(cursor: Any, table: str, columns: list[str], data: bytes) -> None:
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
    with cursor.cursor.copy(statement) as copy:
        copy.write(data)


def write(cursor: Any, new: NewChunk, *, now: dt.datetime, by_id: int | None) -> bool:
    """Write the prepared chunk and move the roll-ups; call inside the chunk's transaction,
    with its keys locked. False, with nothing of it written, if a unique key refused it."""
    instrument_ids = allocate_ids(cursor, "metrology_instrument", len(new.instruments))
    verification_ids = allocate_ids(cursor, "metrology_verification", len(new.verifications))
    stamp = _timestamp_field(now)
    bigint = _BIGINT_FIELD.pack
    null = _LENGTH.pack(NULL)
    count = struct.pack("!h", len(INSTRUMENT_PREPARED) + len(INSTRUMENT_IDS))
    instruments = bytearray(SIGNATURE)
    for fields, instrument_id, latest in zip(
        new.instruments, instrument_ids, new.latest_verification, strict=True
    ):
        last = null if latest == NULL else bigint(8, verification_ids[latest])
        instruments += count + fields + bigint(8, instrument_id) + last + stamp + stamp
    instruments += TRAILER
    count = struct.pack("!h", len(VERIFICATION_PREPARED) + len(VERIFICATION_IDS))
    importer = null if by_id is None else bigint(8, by_id)
    verifications = bytearray(SIGNATURE)
    for fields, verification_id, instrument in zip(
        new.verifications, verification_ids, new.verification_instrument, strict=True
    ):
        verifications += (
            count
            + fields
            + bigint(8, verification_id)
            + bigint(8, instrument_ids[instrument])
            + stamp
            + importer
        )
    verifications += TRAILER
    try:
        with transaction.atomic():  # a savepoint in the chunk's transaction
            _copy(
                cursor,
                "metrology_instrument",
                [*(name for name, _ in INSTRUMENT_PREPARED), *INSTRUMENT_IDS],
                bytes(instruments),
            )
            _copy(
                cursor,
                "metrology_verification",
                [*(name for name, _ in VERIFICATION_PREPARED), *VERIFICATION_IDS],
                bytes(verifications),
            )
            apply_upserts(new.tallies)
    except psycopg.errors.UniqueViolation:
        return False
    return True
