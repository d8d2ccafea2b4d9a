"""What a citizen's file must not carry into the office: active PDF content, metadata, bombs.

The malicious PDFs are written object by object, as an attacker writes them: names spelled
with `#xx` escapes and scripts packed into a compressed object stream, which a byte search
cannot see.
"""

from __future__ import annotations

import hashlib
import io

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from tdc.complaints import services
from tdc.complaints.attachments import AttachmentRejected, clean_image, clean_pdf
from tdc.complaints.models import Attachment
from tdc.complaints.tests.helpers import (
    MINIMAL_PDF,
    PAGES,
    SECRET_NAME,
    handmade_pdf,
    pdf_by_fpdf,
    upload,
)
from tdc.core.models import AuditEvent

ACTIVE = (
    "Tệp PDF có mã lệnh tự chạy (JavaScript, mở chương trình, hành động tự động) hoặc tệp "
    "nhúng bên trong nên không được nhận. Hãy gửi ảnh chụp hoặc in lại thành PDF thường."
)
UNREADABLE = "Không đọc được tệp PDF (tệp bị hỏng hoặc không đúng định dạng)."
TOO_LARGE = "Ảnh quá lớn (tối đa 40 megapixel)."
CATALOG = b"<</Type/Catalog/Pages 2 0 R>>"


def _with_page(page: bytes, catalog: bytes = CATALOG) -> dict[int, bytes]:
    return {1: catalog, 2: PAGES[2], 3: page}


LINK = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Annots[<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A %s>>]>>"

MALICIOUS = {
    "javascript open action, name escaped": handmade_pdf(
        {
            1: b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>",
            **PAGES,
            4: b"<</S/J#61vaScript/J#53(app.alert(1))>>",
        }
    ),
    "javascript in a compressed object stream": handmade_pdf(
        {1: b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>", **PAGES},
        packed={4: b"<</S/JavaScript/JS(app.alert(1))>>"},
    ),
    "document-level javascript name tree, packed": handmade_pdf(
        {1: b"<</Type/Catalog/Pages 2 0 R/Names 4 0 R>>", **PAGES},
        packed={4: b"<</JavaScript<</Names[(a) 5 0 R]>>>>", 5: b"<</S/JavaScript/JS(x)>>"},
    ),
    "launch action, name escaped": handmade_pdf(_with_page(LINK % b"<</S/L#61unch/F(cmd.exe)>>")),
    "launch action, packed": handmade_pdf(
        _with_page(LINK % b"5 0 R"), packed={5: b"<</S/Launch/Win<</F(calc.exe)>>>>"}
    ),
    "additional actions on a page, key escaped": handmade_pdf(
        _with_page(
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/#41A<</O<</S/GoTo/D[3 0 R/Fit]>>>>>>"
        )
    ),
    "additional actions on the catalogue": handmade_pdf(
        {1: b"<</Type/Catalog/Pages 2 0 R/AA<</WC<</S/URI/URI(http://x)>>>>>>", **PAGES}
    ),
    "embedded file, packed": handmade_pdf(
        {1: b"<</Type/Catalog/Pages 2 0 R/Names<</Embedd#65dFiles 4 0 R>>>>", **PAGES},
        packed={4: b"<</Names[(a.exe) 5 0 R]>>", 5: b"<</Type/Filespec/F(a.exe)/EF<</F 6 0 R>>>>"},
    ),
    "embedded file stream alone": handmade_pdf(
        {1: CATALOG, **PAGES, 4: b"<</Type/EmbeddedFile/Length 2>>\nstream\nMZ\nendstream"}
    ),
    "submit form action": handmade_pdf(_with_page(LINK % b"<</S/SubmitForm/F(http://x)>>")),
    "remote go-to a network share": handmade_pdf(
        _with_page(LINK % b"<</S/GoToR/F(//10.0.0.1/chia-se/x.pdf)/D[0/Fit]>>")
    ),
    "open action that is not a page": handmade_pdf(
        {1: b"<</Type/Catalog/Pages 2 0 R/OpenAction<</S/ImportData/F(x.fdf)>>>>", **PAGES}
    ),
}


@pytest.mark.parametrize("name", list(MALICIOUS))
def test_a_pdf_with_active_content_is_refused(name):
    data = MALICIOUS[name]
    with pikepdf.open(io.BytesIO(data)):  # a well-formed PDF: refused for what it holds
        pass

    with pytest.raises(AttachmentRejected) as refused:
        clean_pdf(data)

    assert refused.value.reason == ACTIVE


def test_a_pdf_that_opens_on_its_first_page_and_has_links_is_accepted():
    data = handmade_pdf(
        _with_page(
            LINK % b"<</S/URI/URI(https://example.vn)>>",
            catalog=b"<</Type/Catalog/Pages 2 0 R/OpenAction[3 0 R/Fit]>>",
        )
    )

    cleaned = clean_pdf(data)

    with pikepdf.open(io.BytesIO(cleaned.content)) as pdf:
        assert len(pdf.pages) == 1
        assert str(pdf.Root.OpenAction[1]) == "/Fit"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4 /JavaScript (app.alert(1))",
        b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
        MINIMAL_PDF[: len(MINIMAL_PDF) // 2],
    ],
    ids=["garbage", "no pages", "cut in half"],
)
def test_a_pdf_that_cannot_be_parsed_is_refused(data):
    with pytest.raises(AttachmentRejected) as refused:
        clean_pdf(data)

    assert refused.value.reason == UNREADABLE


TOO_COMPLEX = "Tệp PDF quá phức tạp để kiểm tra."


def test_a_pdf_nested_deeper_than_any_document_needs_is_refused():
    deep = b"[" * 80 + b"]" * 80
    data = handmade_pdf(
        _with_page(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/X %s>>" % deep)
    )

    with pytest.raises(AttachmentRejected) as refused:
        clean_pdf(data)

    assert refused.value.reason == TOO_COMPLEX


def test_a_pdf_of_more_objects_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr("tdc.complaints.attachments.MAX_PDF_OBJECTS", 2)

    with pytest.raises(AttachmentRejected) as refused:
        clean_pdf(MINIMAL_PDF)

    assert refused.value.reason == TOO_COMPLEX


def test_a_password_protected_pdf_is_refused():
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(MINIMAL_PDF)) as pdf:
        pdf.save(buffer, encryption=pikepdf.Encryption(user="mat-khau", owner="chu"))

    with pytest.raises(AttachmentRejected) as refused:
        clean_pdf(buffer.getvalue())

    assert refused.value.reason == (
        "Tệp PDF có mật khẩu nên không kiểm tra được. Hãy gửi bản không đặt mật khẩu."
    )


def test_a_stored_pdf_has_no_author_no_other_metadata_and_no_xmp(submit):
    original = pdf_by_fpdf(SECRET_NAME)
    with pikepdf.open(io.BytesIO(original)) as pdf:  # the reporter's name is there to leak
        assert str(pdf.docinfo["/Author"]) == SECRET_NAME
        assert "/Metadata" in pdf.Root

    submitted = submit(files=[upload("bien-ban.pdf", original, "application/pdf")])

    attachment = submitted.complaint.attachments.get()
    assert (attachment.kind, attachment.status) == ("pdf", "stored")
    with default_storage.open(attachment.file.name, "rb") as handle:
        stored = handle.read()
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == 1
        assert "/Info" not in pdf.trailer
        assert all(
            "/Metadata" not in obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream)
        )
    for fragment in (b"Author", b"Creator", b"Producer", b"xmpmeta", b"Microsoft Word"):
        assert fragment not in stored
    assert "Bí Mật".encode() not in stored
    assert "Bí Mật".encode("utf-16-be") not in stored


def test_a_refused_pdf_reaches_the_handler_as_a_failed_file_with_the_reason(submit):
    data = MALICIOUS["javascript in a compressed object stream"]

    submitted = submit(files=[upload("bien-ban.pdf", data, "application/pdf")])

    attachment = submitted.complaint.attachments.get()
    assert (attachment.status, attachment.failure_reason, attachment.file.name) == (
        "failed",
        ACTIVE,
        "",
    )


# --- Images -------------------------------------------------------------------------------------


def _png(size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "size",
    [(8000, 6000), (10000, 10000), (20000, 10000)],
    ids=["48 megapixels", "100 megapixels (Pillow warns)", "200 megapixels (Pillow refuses)"],
)
def test_an_image_of_too_many_pixels_is_too_large_not_not_an_image(size):
    with pytest.raises(AttachmentRejected) as refused:
        clean_image(_png(size))

    assert refused.value.reason == TOO_LARGE


def test_a_stored_image_keeps_no_metadata_of_any_kind():
    buffer = io.BytesIO()
    image = Image.new("RGB", (40, 30), (10, 200, 10))
    exif = Image.Exif()
    exif[0x013B] = SECRET_NAME  # Artist
    image.save(buffer, format="WEBP", exif=exif.tobytes(), icc_profile=b"ICC-PROFILE-X")

    cleaned = clean_image(buffer.getvalue())

    stored = Image.open(io.BytesIO(cleaned.content))
    assert (stored.format, stored.size) == ("JPEG", (40, 30))
    assert dict(stored.getexif()) == {}
    assert "icc_profile" not in stored.info
    assert b"ICC-PROFILE-X" not in cleaned.content


# --- PDFs stored before they were parsed ----------------------------------------------------------


def _stored_pdf(complaint, data: bytes) -> Attachment:
    attachment = Attachment(
        complaint=complaint, kind="pdf", status="stored", content_type="application/pdf"
    )
    attachment.file.save("upload.pdf", ContentFile(data), save=False)
    attachment.size = len(data)
    attachment.save()
    return attachment


def test_pdfs_stored_before_are_cleaned_or_refused_once(submit, django_capture_on_commit_callbacks):
    complaint = submit().complaint
    authored = _stored_pdf(complaint, pdf_by_fpdf(SECRET_NAME))
    scripted = _stored_pdf(complaint, MALICIOUS["javascript in a compressed object stream"])
    old_names = (authored.file.name, scripted.file.name)
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("recleanstoredpdfs", stdout=out)
        again = services.reclean_stored_pdfs()

    assert out.getvalue() == "2 PDF(s) checked, 1 rewritten without metadata, 1 refused.\n"
    assert again == services.RecleanRun(checked=1, rewritten=0, refused=0)
    authored.refresh_from_db()
    scripted.refresh_from_db()
    with default_storage.open(authored.file.name, "rb") as handle:
        stored = handle.read()
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert "/Info" not in pdf.trailer
        assert "/Metadata" not in pdf.Root
    assert (authored.size, authored.sha256) == (len(stored), hashlib.sha256(stored).hexdigest())
    assert (scripted.status, scripted.failure_reason, scripted.file.name) == ("failed", ACTIVE, "")
    assert [default_storage.exists(name) for name in old_names] == [False, False]
    assert sorted(
        e.data["result"] for e in AuditEvent.objects.filter(action="complaint.attachment_recleaned")
    ) == ["refused", "rewritten"]
