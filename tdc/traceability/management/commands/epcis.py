"""`tdc epcis check FILE…`: validate EPCIS documents offline exactly as the capture endpoint does.

One line per file, `<file>: OK <n> events` or `<file>: REJECTED: <reason>; <reason>…`; the exit
status is 0 only when every file is OK.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdc.traceability.epcis import MAX_DOCUMENT_BYTES, check_document
from tdc.traceability.epcis.reading import too_large


class Command(BaseCommand):
    help = "Kiểm tra tài liệu EPCIS 2.0 (JSON-LD) như khi gửi vào hệ thống."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="kiểm tra các tệp EPCIS")
        check.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        failed = 0
        for path in options["files"]:
            line, ok = _check_file(path)
            self.stdout.write(f"{path}: {line}")
            failed += not ok
        if failed:
            raise CommandError(f"{failed} tệp bị từ chối", returncode=1)


def _check_file(path: Path) -> tuple[str, bool]:
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            return "REJECTED: " + too_large(size, MAX_DOCUMENT_BYTES), False
        raw = path.read_bytes()
    except OSError as exc:
        return f"REJECTED: không đọc được tệp ({exc.strerror})", False
    result = check_document(raw)
    if result.accepted:
        return f"OK {len(result.events)} events", True
    return "REJECTED: " + "; ".join(result.reasons), False
