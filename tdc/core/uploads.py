"""One check for uploaded files: a size limit, and for zip-based formats (DOCX, XLSX) the
uncompressed size, compression ratio and member count read from the zip directory.

Call `check_upload` where a file comes in (form or service) and again where it is parsed (the
worker), before any parser opens it. The zip check reads only the central directory, never a
member: it costs a few kilobytes of reading whatever the archive claims to hold. The sizes in
the directory are what Python's `zipfile` (and so openpyxl and python-docx) will decompress at
most: it stops a member at its stated size and fails the CRC if the data goes on, so an archive
cannot lie its way past the check.

Every refusal is a `ValidationError` whose Vietnamese message states the limit.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024


@dataclass(frozen=True)
class UploadLimits:
    """What one kind of upload may be. `zip_based`: DOCX, XLSX and other Office Open XML."""

    max_bytes: int
    zip_based: bool = False
    max_uncompressed_bytes: int = 200 * MB
    max_members: int = 1000
    # Office files compress 5–20 times; a bomb, hundreds or thousands of times. Applied only
    # when the content is large enough to hurt (above `ratio_floor` bytes uncompressed).
    max_ratio: int = 100
    ratio_floor: int = 10 * MB


def megabytes(size: int, *, round_up: bool = False) -> str:
    """20971520 → "20 MB"; 1572864 → "1,5 MB" (Vietnamese decimal comma). A file's own size
    is rounded up (`round_up`), so that one byte over "20 MB" reads "20,1 MB"."""
    tenths = -(-size * 10 // MB) if round_up else round(size * 10 / MB)
    whole, tenth = divmod(tenths, 10)
    return f"{whole},{tenth} MB" if tenth else f"{whole} MB"


def check_size(size: int, limits: UploadLimits) -> None:
    if size > limits.max_bytes:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s). Tối đa %(limit)s.")
            % {"size": megabytes(size, round_up=True), "limit": megabytes(limits.max_bytes)},
            code="too_large",
        )


def check_zip(handle: IO[bytes], limits: UploadLimits) -> None:
    """Refuse an archive whose directory announces too many members or too much content."""
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ValidationError(
            _("Tệp hỏng hoặc không đúng định dạng (tệp DOCX, XLSX phải là tệp nén ZIP)."),
            code="not_zip",
        ) from None
    if len(members) > limits.max_members:
        raise ValidationError(
            _("Tệp có quá nhiều thành phần bên trong (%(count)s). Tối đa %(limit)s.")
            % {"count": len(members), "limit": limits.max_members},
            code="too_many_members",
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_uncompressed_bytes:
        raise ValidationError(
            _("Nội dung tệp khi giải nén quá lớn (%(size)s). Tối đa %(limit)s.")
            % {
                "size": megabytes(unpacked, round_up=True),
                "limit": megabytes(limits.max_uncompressed_bytes),
            },
            code="too_large_unpacked",
        )
    packed = max(1, sum(member.compress_size for member in members))
    if unpacked > limits.ratio_floor and unpacked > packed * limits.max_ratio:
        raise ValidationError(
            _(
                "Tệp nén bất thường: nội dung giải nén lớn gấp %(ratio)s lần tệp. "
                "Tối đa %(limit)s lần."
            )
            % {"ratio": unpacked // packed, "limit": limits.max_ratio},
            code="zip_ratio",
        )


def check_upload(upload: Any, limits: UploadLimits) -> None:
    """Check an uploaded file (Django `UploadedFile`/`File`), raw bytes, or a binary stream.

    A stream is read from its current position and put back there afterwards.
    """
    if isinstance(upload, bytes | bytearray | memoryview):
        data = bytes(upload)
        check_size(len(data), limits)
        if limits.zip_based:
            check_zip(io.BytesIO(data), limits)
        return
    size = getattr(upload, "size", None)
    handle: IO[bytes] = getattr(upload, "file", upload)
    start = handle.tell() if handle.seekable() else 0
    if size is None:
        handle.seek(0, io.SEEK_END)
        size = handle.tell() - start
        handle.seek(start)
    check_size(int(size), limits)
    if limits.zip_based:
        try:
            check_zip(handle, limits)
        finally:
            handle.seek(start)
