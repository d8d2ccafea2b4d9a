"""What surveillance accepts as files: laboratory reports (PDF, DOCX), the laboratory's XLSX of
results, photos. Each bounded in size (and a zip's uncompressed size) by `tdc.core.uploads`."""

from __future__ import annotations

import io
import uuid
import warnings
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tdc.core.uploads import MB, UploadLimits, check_upload

REPORT_LIMITS = UploadLimits(max_bytes=10 * MB)
DOCX_LIMITS = UploadLimits(max_bytes=10 * MB, zip_based=True)
XLSX_LIMITS = UploadLimits(max_bytes=5 * MB, zip_based=True, max_uncompressed_bytes=50 * MB)
MAX_IMPORT_ROWS = 5000


def _suffix(upload: Any) -> str:
    return PurePath(getattr(upload, "name", "") or "").suffix.lower()


def check_lab_report(upload: Any) -> None:
    suffix = _suffix(upload)
    if suffix not in {".pdf", ".docx"}:
        raise ValidationError(_("Phiếu kết quả thử nghiệm phải là tệp PDF hoặc DOCX."))
    head = upload.read(5)
    upload.seek(0)
    if suffix == ".pdf" and head[:5] != b"%PDF-":
        raise ValidationError(_("Tệp không phải là PDF."))
    if suffix == ".docx" and head[:2] != b"PK":
        raise ValidationError(_("Tệp không phải là DOCX."))
    check_upload(upload, DOCX_LIMITS if suffix == ".docx" else REPORT_LIMITS)


def check_results_workbook(upload: Any) -> None:
    if _suffix(upload) != ".xlsx":
        raise ValidationError(_("Kết quả của phòng thử nghiệm phải là tệp Excel .xlsx."))
    check_upload(upload, XLSX_LIMITS)


# --- Photos ---------------------------------------------------------------------------------

PHOTO_LIMITS = UploadLimits(max_bytes=8 * MB)
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
# A photo is stored at most this wide or high; a camera's 6000 × 4000 becomes 1600 × 1067.
PHOTO_MAX_SIDE = 1600
# Pixels Pillow may decode: a small file announcing a huge image (a decompression bomb) is
# refused before it is decoded.
PHOTO_MAX_PIXELS = 50_000_000
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"


def clean_photo(upload: Any) -> ContentFile[bytes]:
    """`check_photo`, its refusal put on the form's `photo` field."""
    try:
        return check_photo(upload)
    except ValidationError as error:
        raise ValidationError({"photo": error.error_list}) from None


def check_photo(upload: Any) -> ContentFile[bytes]:
    """An uploaded photo, checked and re-encoded: what comes back is a new JPEG with no
    metadata at all (no EXIF, so no GPS position, camera serial or date), turned upright
    first by its EXIF orientation and reduced to `PHOTO_MAX_SIDE`.

    The name is only a first filter: the content is opened by Pillow, whose format must be
    JPEG, PNG or WebP (an HTML page renamed .jpg is refused), and fully decoded.
    """
    if _suffix(upload) not in PHOTO_SUFFIXES:
        raise ValidationError(_("Ảnh phải là tệp JPEG, PNG hoặc WebP."), code="photo_type")
    check_upload(upload, PHOTO_LIMITS)
    handle = getattr(upload, "file", upload)
    handle.seek(0)
    data = handle.read()
    handle.seek(0)
    too_many_pixels = ValidationError(
        _("Ảnh có quá nhiều điểm ảnh (tối đa 50 triệu điểm ảnh)."), code="photo_pixels"
    )
    not_a_photo = ValidationError(
        _("Tệp không phải là ảnh JPEG, PNG hoặc WebP (nội dung tệp không phải ảnh)."),
        code="not_a_photo",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in PHOTO_FORMATS:
                    raise not_a_photo
                if probe.width * probe.height > PHOTO_MAX_PIXELS:
                    raise too_many_pixels
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
                upright.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
                if upright.mode not in ("RGB", "L"):
                    background = Image.new("RGB", upright.size, "white")
                    rgba = upright.convert("RGBA")
                    background.paste(rgba, mask=rgba.getchannel("A"))
                    upright = background
                out = io.BytesIO()
                # No exif=, no icc_profile=: Pillow writes none of the original's metadata.
                upright.save(out, format="JPEG", quality=85, optimize=True)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except UnidentifiedImageError:
        raise not_a_photo from None
    except (OSError, ValueError, SyntaxError, EOFError):  # truncated or corrupt image data
        raise not_a_photo from None
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
