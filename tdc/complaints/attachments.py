"""Checking and cleaning citizens' files before they are stored.

Images are decoded and re-encoded from their pixels alone, so no EXIF (GPS position, camera
serial number, owner name), XMP, IPTC, ICC profile or comment survives; the picture is first
turned upright by its EXIF orientation. PDFs are recognised by their magic bytes, and refused
when they carry active content. Anything else is refused with a reason.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_UPLOAD = 5
MAX_FILES_PER_COMPLAINT = 30
MAX_PIXELS = 40_000_000
ACCEPT = "image/jpeg,image/png,image/webp,image/gif,application/pdf,.jpg,.jpeg,.png,.webp,.gif,.pdf"

_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}
_PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/EmbeddedFile")


class AttachmentRejected(Exception):
    """The file was refused; `reason` is shown to the citizen and the handler."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CleanFile:
    kind: str  # Attachment.Kind value
    content: bytes
    content_type: str
    extension: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _read(upload: UploadedFile[Any]) -> bytes:
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise AttachmentRejected(_("Tệp lớn hơn 10 MB."))
    upload.seek(0)
    data: bytes = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise AttachmentRejected(_("Tệp lớn hơn 10 MB."))
    if not data:
        raise AttachmentRejected(_("Tệp rỗng."))
    return data


def clean_pdf(data: bytes) -> CleanFile:
    if not data.startswith(b"%PDF-"):
        raise AttachmentRejected(_("Không phải tệp PDF hợp lệ."))
    if any(marker in data for marker in _PDF_ACTIVE_CONTENT):
        raise AttachmentRejected(_("Tệp PDF có mã thực thi hoặc tệp nhúng nên không được nhận."))
    return CleanFile(kind="pdf", content=data, content_type="application/pdf", extension="pdf")


def clean_image(data: bytes) -> CleanFile:
    """Decode, turn upright, and re-encode from pixels only (no metadata of any kind)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                if opened.format not in _IMAGE_FORMATS:
                    raise AttachmentRejected(
                        _("Định dạng ảnh không được hỗ trợ (chỉ nhận JPEG, PNG, WebP, GIF).")
                    )
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    raise AttachmentRejected(_("Ảnh quá lớn (tối đa 40 megapixel)."))
                source_format = opened.format
                opened.load()
                upright = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentRejected(_("Không đọc được tệp ảnh hoặc tệp không phải ảnh.")) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise AttachmentRejected(_("Tệp ảnh bị hỏng hoặc không đọc được.")) from None

    keep_alpha = source_format in ("PNG", "GIF") and (
        upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    )
    if source_format in ("PNG", "GIF"):
        mode, image_format, content_type, extension = (
            ("RGBA" if keep_alpha else "RGB"),
            "PNG",
            "image/png",
            "png",
        )
    else:
        mode, image_format, content_type, extension = "RGB", "JPEG", "image/jpeg", "jpg"
    converted = upright.convert(mode)
    # A new image built from the pixel bytes alone: nothing from the original's info travels.
    pixels_only = Image.frombytes(converted.mode, converted.size, converted.tobytes())
    output = io.BytesIO()
    if image_format == "JPEG":
        pixels_only.save(output, format="JPEG", quality=88, optimize=True)
    else:
        pixels_only.save(output, format="PNG", optimize=True)
    return CleanFile(
        kind="image", content=output.getvalue(), content_type=content_type, extension=extension
    )


def clean_upload(upload: UploadedFile[Any]) -> CleanFile:
    """A cleaned copy of an upload, or AttachmentRejected with the reason."""
    data = _read(upload)
    if data.startswith(b"%PDF-"):
        return clean_pdf(data)
    return clean_image(data)
