"""Shared test helpers: keys, a planted identity and its leak check, files with metadata."""

from __future__ import annotations

import base64
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tdc.complaints.crypto import Identity

KEY_A = base64.urlsafe_b64encode(b"A" * 32).decode()
KEY_B = base64.urlsafe_b64encode(b"B" * 32).decode()

# Identity planted in reports so that tests can prove it never comes out where it must not.
SECRET_NAME = "Phạm Thị Bí Mật"
SECRET_PHONE = "0912345678"
SECRET_EMAIL = "bimat.nguoibaotin@example.vn"
SECRET_CITIZEN_ID = "079123456789"
SECRETS = (SECRET_NAME, SECRET_PHONE, SECRET_EMAIL, SECRET_CITIZEN_ID)
SECRET_FRAGMENTS = (*SECRETS, "Bí Mật", "912345678", "bimat.nguoibaotin", "123456789")
PLANTED = Identity(
    name=SECRET_NAME, phone=SECRET_PHONE, email=SECRET_EMAIL, citizen_id=SECRET_CITIZEN_ID
)


def assert_no_identity(text: str | bytes) -> None:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    leaked = [fragment for fragment in SECRET_FRAGMENTS if fragment in text]
    assert leaked == []


def jpeg_with_gps(size: tuple[int, int] = (64, 48)) -> bytes:
    """A small JPEG whose EXIF holds a GPS position, a camera serial and an owner name."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Test Camera"  # Make
    exif[0xA431] = "SERIAL-1234567"  # BodySerialNumber
    exif[0xA430] = "Nguyen Van Chu May"  # CameraOwnerName
    exif[0x0112] = 1  # Orientation
    gps = {1: "N", 2: (12.0, 14.0, 30.0), 3: "E", 4: (109.0, 11.0, 45.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
