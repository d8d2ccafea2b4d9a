"""Bulk import of instruments and their verifications from CSV or XLSX.

- `columns`: the columns a file may have and the words its cells may use;
- `reading`: upload limits, encodings, CSV and XLSX rows, which column is which;
- `validation`: one row → a `Row` (named fields) or the reasons, in Vietnamese, it is refused;
- `chunks`: the file's rows validated and cut into chunks, duplicates within the file refused;
- `overlap`: that validation in a second process while this one writes;
- `keys`: every key a chunk references locked once (per-row key checks off when allowed);
- `sql`: a chunk of rows into the register through staging tables, roll-ups included;
- `job`: the job itself — chunks committed exactly once under a worker's lease, resumed after
  a crash, and the rejected rows given back;
- `integrity`: the register checked set-based (no orphan key, roll-ups equal to a recount).
"""

from tdc.metrology.imports.columns import COLUMNS, REASON_HEADER, template_headers
from tdc.metrology.imports.job import (
    CHUNK_SIZE,
    LEASE_SECONDS,
    abandoned_jobs,
    rejected_rows,
    resume_abandoned,
    run,
)
from tdc.metrology.imports.reading import ImportFileError, import_limits, map_headers, open_table
from tdc.metrology.imports.validation import parse_date, validate_row

__all__ = [
    "CHUNK_SIZE",
    "COLUMNS",
    "LEASE_SECONDS",
    "REASON_HEADER",
    "ImportFileError",
    "abandoned_jobs",
    "import_limits",
    "map_headers",
    "open_table",
    "parse_date",
    "rejected_rows",
    "resume_abandoned",
    "run",
    "template_headers",
    "validate_row",
]
