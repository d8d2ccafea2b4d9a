"""Bad input raises PlanParseError with a stable code and a Vietnamese message."""

from __future__ import annotations

import io
import unicodedata
import zlib

import pytest

from tdc.plans.ingest import PlanParseError, errors, parse_document, parse_text
from tdc.plans.ingest.readers import MAX_PDF_CONTENT_BYTES, MAX_PDF_PAGES

from .documents import FONT, build_scanned_pdf, build_scanned_pdf_with_stamp


def _error(data: bytes, filename: str) -> PlanParseError:
    with pytest.raises(PlanParseError) as caught:
        parse_document(data, filename)
    error = caught.value
    assert unicodedata.is_normalized("NFC", error.message)
    assert str(error) == error.message
    return error


@pytest.mark.parametrize(
    "filename", ["ke-hoach.txt", "ke-hoach.md", "ke-hoach.docx", "ke-hoach.pdf"]
)
def test_empty_file(filename: str):
    error = _error(b"", filename)
    assert error.code == "empty"
    assert error.message.startswith("Tệp rỗng")


def test_whitespace_only_text_file_is_empty():
    error = _error(b"\xef\xbb\xbf \r\n\t\n", "ke-hoach.txt")
    assert error.code == "empty"
    assert error.message.startswith("Tệp rỗng")


def test_parse_text_of_nothing_is_empty():
    with pytest.raises(PlanParseError) as caught:
        parse_text("   \n\n")
    assert caught.value.code == "empty"


def test_docx_without_any_text_is_empty():
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    error = _error(buffer.getvalue(), "trong.docx")
    assert error.code == "empty"
    assert error.message.startswith("Tệp rỗng")


def test_pdf_without_text_layer_is_reported_as_a_scan():
    error = _error(build_scanned_pdf(), "ban-scan.pdf")
    assert error.code == "pdf_no_text"
    assert "không có lớp văn bản, có thể là bản scan" in error.message


@pytest.mark.skipif(not FONT.is_file(), reason="DejaVu fonts are not installed")
def test_scan_with_a_signature_stamp_is_still_a_scan():
    error = _error(build_scanned_pdf_with_stamp(), "ban-scan-co-chu-ky.pdf")
    assert error.code == "pdf_no_text"


@pytest.mark.parametrize("filename", ["ke-hoach.xlsx", "ke-hoach.odt", "ke-hoach", "anh.png"])
def test_unsupported_extension(filename: str):
    error = _error(b"some bytes", filename)
    assert error.code == "unsupported_format"
    assert "không được hỗ trợ" in error.message
    assert ".docx" in error.message


def test_legacy_word_document():
    error = _error(b"\xd0\xcf\x11\xe0 old word", "ke-hoach.doc")
    assert error.code == "unsupported_format"
    assert "lưu lại dưới dạng .docx" in error.message


@pytest.mark.parametrize("data", [b"not a zip at all", b"PK\x03\x04 broken zip payload"])
def test_corrupt_docx(data: bytes):
    error = _error(data, "hong.docx")
    assert error.code == "corrupt_docx"
    assert "Không đọc được tệp Word" in error.message


@pytest.mark.parametrize("data", [b"hello, not a pdf", b"%PDF-1.7\n garbage without objects"])
def test_corrupt_pdf(data: bytes):
    error = _error(data, "hong.pdf")
    assert error.code == "corrupt_pdf"
    assert "Không đọc được tệp PDF" in error.message


def test_binary_data_in_a_text_file():
    error = _error(b"K\x00\xe1\x00 binary \x00\x01", "ke-hoach.txt")
    assert error.code == "encoding"


def test_a_document_that_is_not_a_plan():
    notice = (
        "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA\n\nTHÔNG BÁO\nVề việc nghỉ Tết Nguyên đán\n\n"
        "Cán bộ, công chức được nghỉ Tết từ ngày 25/01/2025 đến hết ngày 02/02/2025.\n"
    )
    error = _error(notice.encode("utf-8"), "thong-bao.txt")
    assert error.code == "no_tasks"
    assert error.message.startswith("Không tìm thấy phần nhiệm vụ")
    with pytest.raises(PlanParseError) as caught:
        parse_text(notice)
    assert caught.value.code == "no_tasks"


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 stores tones as combining marks after a (possibly accented) base letter."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + "".join(c for c in decomposed if c in tones))
    return "".join(out).encode("cp1258")


def test_windows_1258_text_is_decoded():
    text = "KẾ HOẠCH\nKiểm tra\nI. NHIỆM VỤ\n1. Kiểm tra\n- Kiểm tra đo lường.\n"
    data = _to_cp1258(text)
    plan = parse_document(data, "cu.txt")
    assert [t.content for t in plan.tasks] == ["Kiểm tra đo lường."]


def test_pdf_longer_than_any_plan_is_refused_before_its_pages_are_read():
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(MAX_PDF_PAGES + 1):
        pdf.add_page()

    error = _error(bytes(pdf.output()), "dai.pdf")

    assert error.code == "too_many_pages"
    assert error.message == "Tệp PDF có 301 trang, quá dài để đọc. Tối đa 300 trang."


def _pdf_with_content(stream: bytes) -> bytes:
    """A one-page PDF whose page content is `stream`, Flate-compressed."""
    packed = zlib.compress(stream, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_whose_page_unpacks_to_a_bomb_is_refused_before_it_is_laid_out():
    bomb = _pdf_with_content(b" " * (MAX_PDF_CONTENT_BYTES + 1))
    assert len(bomb) < 100_000

    error = _error(bomb, "bom.pdf")

    assert error.code == "pdf_too_large"
    assert error.message == ("Nội dung các trang của tệp PDF khi giải nén quá lớn. Tối đa 64 MB.")


def test_pdf_with_a_modest_page_is_read_past_the_size_check():
    text = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" * 10
    # No font and no text to speak of: the reader gets past the bound and finds a "scan".
    assert _error(_pdf_with_content(text), "nho.pdf").code == "pdf_no_text"


def test_without_a_task_section_the_numbered_items_are_offered_as_candidate_tasks():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n\nKẾ HOẠCH\nHưởng ứng Ngày Tiêu chuẩn Thế giới\n\n"
        "I. CÁC VIỆC CẦN LÀM\n\n1. Truyền thông\n\na) Đăng tải tin, bài trên cổng thông tin.\n\n"
        "b) Treo băng rôn tại trụ sở.\n"
    )

    plan = parse_text(text)

    assert [(t.group, t.number, t.content) for t in plan.tasks] == [
        ("1", "a", "Đăng tải tin, bài trên cổng thông tin."),
        ("1", "b", "Treo băng rôn tại trụ sở."),
    ]
    assert plan.notes == [errors.CANDIDATE_TASKS]
