"""The one upload check: sizes, and zip-based files judged by their directory before parsing."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdc.core.uploads import MB, UploadLimits, check_upload, megabytes

XLSX = UploadLimits(max_bytes=20 * MB, zip_based=True, max_uncompressed_bytes=200 * MB)


def zip_bomb(unpacked_mb: int) -> bytes:
    """A real XLSX-shaped bomb: a tiny file whose shared strings unpack to `unpacked_mb` MB."""
    buffer = io.BytesIO()
    block = b"<si><t>x</t></si>" * (MB // 17)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for _ in range(unpacked_mb):
                member.write(block)
            member.write(b"</sst>")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb_300mb() -> bytes:
    return zip_bomb(300)


def _refusal(upload, limits) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        check_upload(upload, limits)
    return refused.value.messages


def test_a_small_zip_with_300_mb_of_xml_is_refused_from_its_directory(bomb_300mb):
    assert len(bomb_300mb) < 2 * MB  # small on the wire

    assert _refusal(SimpleUploadedFile("bomb.xlsx", bomb_300mb), XLSX) == [
        "Nội dung tệp khi giải nén quá lớn (300 MB). Tối đa 200 MB."
    ]


def test_a_bomb_under_the_total_is_refused_for_its_compression_ratio():
    bomb = zip_bomb(30)
    members = zipfile.ZipFile(io.BytesIO(bomb)).infolist()
    ratio = sum(m.file_size for m in members) // sum(m.compress_size for m in members)
    assert ratio > 100

    assert _refusal(bomb, XLSX) == [
        f"Tệp nén bất thường: nội dung giải nén lớn gấp {ratio} lần tệp. Tối đa 100 lần."
    ]


def test_too_many_members_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(1001):
            archive.writestr(f"xl/m{n}.xml", "<a/>")

    assert _refusal(buffer.getvalue(), XLSX) == [
        "Tệp có quá nhiều thành phần bên trong (1001). Tối đa 1000."
    ]


def test_a_file_that_is_not_a_zip_is_refused():
    assert _refusal(b"Loai,So\n", XLSX) == [
        "Tệp hỏng hoặc không đúng định dạng (tệp DOCX, XLSX phải là tệp nén ZIP)."
    ]


def test_the_stated_size_is_the_enforced_size():
    limits = UploadLimits(max_bytes=20 * MB)
    check_upload(SimpleUploadedFile("ok.csv", b"x" * (20 * MB)), limits)

    assert _refusal(SimpleUploadedFile("big.csv", b"x" * (20 * MB + 1)), limits) == [
        "Tệp quá lớn (20,1 MB). Tối đa 20 MB."
    ]


def test_a_real_workbook_passes_and_the_stream_is_put_back():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Loại phương tiện đo", "Số sản xuất"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("ok.xlsx", buffer.getvalue())

    check_upload(upload, XLSX)

    assert upload.file.tell() == 0
    assert openpyxl.load_workbook(upload).active["A1"].value == "Loại phương tiện đo"


def test_sizes_read_in_vietnamese():
    assert (megabytes(20 * MB), megabytes(3 * MB // 2), megabytes(20 * MB + 1, round_up=True)) == (
        "20 MB",
        "1,5 MB",
        "20,1 MB",
    )
