"""Checking and cleaning citizens' files before they are stored.

Images are decoded and re-encoded from their pixels alone, so no EXIF (GPS position, camera
serial number, owner name), XMP, IPTC, ICC profile or comment survives; the picture is first
turned upright by its EXIF orientation. PDFs are parsed with pikepdf (qpdf), so names written
with `#xx` escapes and objects packed in compressed object streams are seen as a viewer sees
them; a PDF with scripts, launch or other active actions, automatic actions (`/AA`,
`/OpenAction` scripts) or embedded files is refused, one that cannot be parsed too, and the one
stored is rewritten without its information dictionary (Author, Creator, Producer, Title, …)
and without XMP metadata. Anything else is refused with a reason.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import Any

import pikepdf
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_UPLOAD = 5
MAX_FILES_PER_COMPLAINT = 30
MAX_PIXELS = 40_000_000
ACCEPT = "image/jpeg,image/png,image/webp,image/gif,application/pdf,.jpg,.jpeg,.png,.webp,.gif,.pdf"

_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}


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


# Action types that run code, start programs, pull in or send out data: never in a stored PDF.
_ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/GoToE",
        "/GoToR",  # opens another file, e.g. on a network share (leaks the reader's credentials)
        "/Rendition",
        "/RichMediaExecute",
    }
)
# Keys that hold scripts, automatic actions, interactive XFA forms or embedded files.
_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"}
)
# Keys that carry document metadata (the author's name travelled in these), removed everywhere.
_METADATA_KEYS = ("/Metadata", "/PieceInfo")
MAX_PDF_OBJECTS = 200_000
MAX_PDF_NESTING = 64


def _has_active_content(obj: object, depth: int = 0) -> bool:
    """Does this object, or a direct object inside it, carry active content?

    Indirect objects are each visited on their own (`Pdf.objects` lists every one, including
    those packed into compressed object streams), so references are not followed here. Names
    come decoded from the parser: `/J#61vaScript` is `/JavaScript`.
    """
    if depth > MAX_PDF_NESTING:  # no honest document nests so deep: refuse, do not recurse on
        raise AttachmentRejected(_("Tệp PDF quá phức tạp để kiểm tra."))
    if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
        keys = set(obj.keys())
        if keys & _ACTIVE_KEYS:
            return True
        if str(obj.get("/S", "")) in _ACTIVE_ACTIONS:
            return True
        if str(obj.get("/Type", "")) == "/EmbeddedFile":
            return True
        opening = obj.get("/OpenAction")
        if isinstance(opening, pikepdf.Dictionary) and str(opening.get("/S", "")) != "/GoTo":
            return True
        children: list[object] = list(obj.values())
    elif isinstance(obj, pikepdf.Array):
        children = list(obj)
    else:
        return False
    return any(
        _has_active_content(child, depth + 1)
        for child in children
        if isinstance(child, pikepdf.Object) and not child.is_indirect
    )


def _strip_metadata(pdf: pikepdf.Pdf) -> None:
    """Remove the document information dictionary and every XMP packet."""
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
            for key in _METADATA_KEYS:
                if key in obj:
                    del obj[key]


def clean_pdf(data: bytes) -> CleanFile:
    """Parse the PDF, refuse active content, and store a rewritten copy without metadata."""
    if not data.startswith(b"%PDF-"):
        raise AttachmentRejected(_("Không phải tệp PDF hợp lệ."))
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            objects = list(pdf.objects)
            if len(objects) > MAX_PDF_OBJECTS:
                raise AttachmentRejected(_("Tệp PDF quá phức tạp để kiểm tra."))
            if _has_active_content(pdf.trailer) or any(map(_has_active_content, objects)):
                raise AttachmentRejected(
                    _(
                        "Tệp PDF có mã lệnh tự chạy (JavaScript, mở chương trình, hành động tự "
                        "động) hoặc tệp nhúng bên trong nên không được nhận. Hãy gửi ảnh chụp "
                        "hoặc in lại thành PDF thường."
                    )
                )
            _strip_metadata(pdf)
            output = io.BytesIO()
            pdf.save(output, fix_metadata_version=False, deterministic_id=True)
    except pikepdf.PasswordError:
        raise AttachmentRejected(
            _("Tệp PDF có mật khẩu nên không kiểm tra được. Hãy gửi bản không đặt mật khẩu.")
        ) from None
    except (pikepdf.PdfError, ValueError, RuntimeError, RecursionError):
        raise AttachmentRejected(
            _("Không đọc được tệp PDF (tệp bị hỏng hoặc không đúng định dạng).")
        ) from None
    return CleanFile(
        kind="pdf", content=output.getvalue(), content_type="application/pdf", extension="pdf"
    )


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
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow refuses to open an image of more pixels than it considers safe: too large.
        raise AttachmentRejected(_("Ảnh quá lớn (tối đa 40 megapixel).")) from None
    except UnidentifiedImageError:
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
