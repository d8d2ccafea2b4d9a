"""Shared test helpers: keys, a planted identity and its leak check, files with metadata."""

from __future__ import annotations

import base64
import contextlib
import html
import io
import json
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator

import pikepdf
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase
from openpyxl import load_workbook
from PIL import Image

from tdc.complaints.crypto import Identity
from tdc.core.text import fold

KEY_A = base64.urlsafe_b64encode(b"A" * 32).decode()
KEY_B = base64.urlsafe_b64encode(b"B" * 32).decode()

# Identity planted in reports so that tests can prove it never comes out where it must not.
# Every field of `Identity` is planted (a test checks that none is left empty).
SECRET_NAME = "Phạm Thị Bí Mật"
SECRET_PHONE = "0912345678"
SECRET_EMAIL = "bimat.nguoibaotin@example.vn"
SECRET_CITIZEN_ID = "079123456789"
SECRETS = (SECRET_NAME, SECRET_PHONE, SECRET_EMAIL, SECRET_CITIZEN_ID)
SECRET_FRAGMENTS = (*SECRETS, "Bí Mật", "912345678", "bimat.nguoibaotin", "123456789")
PLANTED = Identity(
    name=SECRET_NAME, phone=SECRET_PHONE, email=SECRET_EMAIL, citizen_id=SECRET_CITIZEN_ID
)

_ESCAPED = re.compile(r"\\u([0-9a-fA-F]{4})")


def _strings(value: object) -> Iterator[str]:
    """Every key and scalar of a decoded JSON document, as text."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def _zip_text(data: bytes) -> list[str]:
    """An XLSX (or any zip): every cell's value, and every member's XML unescaped."""
    texts: list[str] = []
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # noqa: S110 (not a workbook: its members below still count)
        pass
    else:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                texts.extend(str(cell) for cell in row if cell is not None)
        workbook.close()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            texts.append(html.unescape(archive.read(member).decode("utf-8", errors="replace")))
    return texts


def _pdf_text(data: bytes) -> list[str]:
    """A PDF's information dictionary and XMP: where a word processor writes the author."""
    texts: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        texts.extend(f"{key} {value}" for key, value in pdf.docinfo.items())
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and "/Metadata" in str(obj.get("/Type", "")):
                texts.append(obj.read_bytes().decode("utf-8", errors="replace"))
    return texts


def readable(output: object) -> str:
    """Everything a reader of `output` can see, decoded as they would read it.

    A leak check must not be fooled by encoding: a JSON API writes "Phạm" as "Ph\\u1ea1m", an
    HTML page may write "&#7841;", an XLSX keeps text in zipped XML, a PDF keeps its author in
    UTF-16. `output` is a response (by its content type), an e-mail, bytes or text.
    """
    if isinstance(output, EmailMessage):
        parts = [" ".join(output.to), output.subject, output.body]
        if isinstance(output, EmailMultiAlternatives):
            parts += [readable(str(content)) for content, _type in output.alternatives]
        for attachment in output.attachments:
            if isinstance(attachment, tuple):
                name, content, _mimetype = attachment
                parts += [str(name), readable(content)]
            else:
                parts.append(readable(attachment.get_payload(decode=True)))
        return "\n".join(parts)
    if isinstance(output, HttpResponseBase):
        if isinstance(output, StreamingHttpResponse):
            data = b"".join(output.streaming_content)
        else:
            data = output.content
        return readable(data)
    if isinstance(output, bytes):
        if output.startswith(b"PK"):
            return "\n".join(_zip_text(output))
        if output.startswith(b"%PDF-"):
            return "\n".join([*_pdf_text(output), output.decode("latin-1")])
        output = output.decode("utf-8-sig", errors="replace")
    text = str(output)
    variants = [text, html.unescape(text), _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text)]
    with contextlib.suppress(ValueError):
        variants.extend(_strings(json.loads(text)))
    return unicodedata.normalize("NFC", "\n".join(variants))


def leaked_identity(output: object) -> list[str]:
    """The planted identity's fragments found in `output`: exact, and case- and accent-folded
    for the whole values (a name upper-cased in a heading, or folded into a search key)."""
    text = readable(output)
    found = [fragment for fragment in SECRET_FRAGMENTS if fragment in text]
    folded = fold(text)
    found += [f"~{value}" for value in SECRETS if fold(value) in folded]
    return found


def assert_no_identity(output: object) -> None:
    leaked = leaked_identity(output)
    if leaked:
        raise AssertionError(f"the planted identity leaked: {leaked}")


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


def handmade_pdf(objects: dict[int, bytes], *, packed: dict[int, bytes] | None = None) -> bytes:
    """A PDF written object by object, as an attacker would, with a real cross-reference stream.

    `objects` are written plainly; `packed` ones go into one Flate-compressed object stream,
    where a byte search cannot see them. Object 1 must be the catalogue.
    """
    packed = packed or {}
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    stream_number = max([*objects, *packed]) + 1
    in_stream: dict[int, int] = {}
    if packed:
        header, payload = bytearray(), bytearray()
        for index, (number, body) in enumerate(packed.items()):
            in_stream[number] = index
            header += b"%d %d " % (number, len(payload))
            payload += body + b"\n"
        data = zlib.compress(bytes(header + payload))
        offsets[stream_number] = len(out)
        out += (
            b"%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\nstream\n"
            % (stream_number, len(packed), len(header), len(data))
            + data
            + b"\nendstream\nendobj\n"
        )
    xref_number = stream_number + 1
    offsets[xref_number] = len(out)
    rows = bytearray(b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big"))
    for number in range(1, xref_number + 1):
        if number in in_stream:
            rows += (
                b"\x02" + stream_number.to_bytes(4, "big") + in_stream[number].to_bytes(2, "big")
            )
        elif number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + (0).to_bytes(2, "big")
        else:
            rows += b"\x00" + (0).to_bytes(4, "big") + (0).to_bytes(2, "big")
    out += (
        b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root 1 0 R/Length %d>>\nstream\n"
        % (xref_number, xref_number + 1, len(rows))
        + bytes(rows)
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    )
    return bytes(out)


PAGES = {
    2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
}

MINIMAL_PDF = handmade_pdf({1: b"<</Type/Catalog/Pages 2 0 R>>", **PAGES})


def pdf_by_fpdf(author: str) -> bytes:
    """An ordinary PDF as a word processor would write it, with the author in Info and XMP."""
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Bien ban lam viec")
    document.set_author(author)
    document.set_creator("Microsoft Word")
    document.set_title("Bien ban")
    document.set_subject("Phan anh")
    document.set_keywords("can thieu")
    document.set_xmp_metadata(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{author}</dc:creator>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    return bytes(document.output())
