"""Catalogue import: the preview's difference, rejected rows, all-or-nothing apply."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdc.core.models import AuditEvent
from tdc.core.products import notices_token
from tdc.standards.models import CatalogueImport, Standard, StandardChange
from tdc.standards.services import apply_catalogue_import, read_catalogue_file
from tdc.standards.tests.factories import StandardFactory

pytestmark = pytest.mark.django_db

HEADER = "Số hiệu,Tên tiếng Việt,ICS,Trạng thái,Thay thế bằng\n"


def csv(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


def test_preview_shows_new_changed_and_withdrawn_before_anything_changes(officer):
    StandardFactory(number="TCVN 4193:2005", title_vi="Cà phê nhân")
    StandardFactory(number="TCVN 5250:2007", title_vi="Cà phê rang", ics=[])
    StandardFactory(number="TCVN 7000:2010", title_vi="Chè xanh", ics=[])
    data = csv(
        "TCVN 4193:2014,Cà phê nhân,67.140.20,Còn hiệu lực,",
        "TCVN 4193:2005,Cà phê nhân,67.140.20,Đã được thay thế,TCVN 4193:2014",
        "TCVN 5250:2007,Cà phê rang xay,,Còn hiệu lực,",
        "TCVN 7000:2010,Chè xanh,,,",
    )
    preview = read_catalogue_file(data, filename="danh-muc.csv", by=officer)

    assert preview.diff["counts"] == {"new": 1, "changed": 1, "withdrawn": 1, "unchanged": 1}
    assert preview.diff["new"] == ["TCVN 4193:2014"]
    assert preview.diff["changed"] == [
        {"number": "TCVN 5250:2007", "fields": {"title_vi": ["Cà phê rang", "Cà phê rang xay"]}}
    ]
    assert preview.diff["withdrawn"][0]["number"] == "TCVN 4193:2005"
    assert Standard.objects.count() == 3  # nothing applied yet
    token = notices_token()

    counts = apply_catalogue_import(preview, by=officer)

    assert notices_token() != token  # declarations' notices show the standards' numbers

    assert counts == {"new": 1, "changed": 1, "withdrawn": 1}
    old = Standard.objects.get(number="TCVN 4193:2005")
    assert (old.status, old.replaced_by) == ("replaced", "TCVN 4193:2014")
    assert list(old.changes.values_list("kind", flat=True)) == ["replaced"]
    assert Standard.objects.get(number="TCVN 4193:2014").changes.get().kind == "created"
    assert AuditEvent.objects.filter(action="standards.catalogue_applied").count() == 1


def test_rejected_rows_are_named_and_block_the_whole_file(officer):
    data = csv(
        "TCVN 1:2020,Một,67.140.20,,",
        "TCVN 2:2020,Hai,99.999,,",
        "tcvn 1 2020,Một lần nữa,,,",
        "TCVN 3:2020,,,,",
        "TCVN 4:2020,Bốn,,Đang soạn,",
    )
    preview = read_catalogue_file(data, filename="loi.csv", by=officer)

    assert preview.rejected == [
        {"row": 3, "number": "TCVN 2:2020", "reason": "mã ICS không tồn tại: 99.999"},
        {"row": 4, "number": "tcvn 1 2020", "reason": "trùng số hiệu với dòng 2"},
        {"row": 5, "number": "TCVN 3:2020", "reason": "thiếu tên tiếng Việt"},
        {
            "row": 6,
            "number": "TCVN 4:2020",
            "reason": "trạng thái “Đang soạn” không hợp lệ (Còn hiệu lực, Đã được thay thế, Đã hủy bỏ)",
        },
    ]
    with pytest.raises(ValidationError) as error:
        apply_catalogue_import(preview, by=officer)
    assert error.value.messages == [
        "Tệp còn 4 dòng lỗi: hãy sửa các dòng đó rồi nhập lại. Chưa có thay đổi nào được áp dụng."
    ]
    assert Standard.objects.count() == 0


def test_a_utf8_file_with_windows_1258_lines_is_refused_naming_the_lines(officer):
    data = (
        HEADER.encode()
        + "TCVN 1:2020,Cà phê,,,\n".encode()
        + "TCVN 2:2020,Ch\xe8,,,\n".encode("cp1258")
    )
    with pytest.raises(ValidationError) as error:
        read_catalogue_file(data, filename="lan-ma.csv", by=officer)
    assert "dòng 3 dùng mã khác" in error.value.messages[0]
    assert CatalogueImport.objects.count() == 0


def test_a_windows_1258_file_is_read(officer):
    # Headers are matched without accents; "è" is one byte (0xE8) in Windows-1258.
    data = "So hieu,Ten tieng Viet\nTCVN 1:2020,Chè xanh\n".encode("cp1258")
    preview = read_catalogue_file(data, filename="cu.csv", by=officer)
    assert preview.rows[0]["title_vi"] == "Chè xanh"


def test_xlsx_is_read(officer):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Số hiệu", "Tên tiếng Việt", "ICS", "Ngày công bố"])
    sheet.append(["TCVN 13723:2023", "Tổ yến", "67.120.99", "15/03/2023"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = read_catalogue_file(buffer.getvalue(), filename="yen.xlsx", by=officer)
    apply_catalogue_import(preview, by=officer)
    standard = Standard.objects.get()
    assert (standard.number, str(standard.issued_on), standard.ics) == (
        "TCVN 13723:2023",
        "2023-03-15",
        ["67.120.99"],
    )


def test_a_file_without_the_number_column_is_refused(officer):
    with pytest.raises(ValidationError) as error:
        read_catalogue_file(b"Ten\nabc\n", filename="x.csv", by=officer)
    assert error.value.messages == ["Tệp thiếu cột bắt buộc: Số hiệu. Hãy dùng tệp mẫu."]


def test_applying_twice_is_refused(officer):
    preview = read_catalogue_file(csv("TCVN 1:2020,Một,,,"), filename="a.csv", by=officer)
    apply_catalogue_import(preview, by=officer)
    with pytest.raises(ValidationError):
        apply_catalogue_import(preview, by=officer)
    assert StandardChange.objects.count() == 1


def test_the_import_pages(client, officer, business_user):
    client.force_login(officer)
    upload = io.BytesIO(csv("TCVN 1:2020,Một,,,", "TCVN 1:2020,Trùng,,,"))
    upload.name = "a.csv"
    response = client.post(reverse("standards:import_upload"), {"file": upload})
    preview = CatalogueImport.objects.get()
    assert response.status_code == 302
    page = client.get(preview.get_absolute_url()).content.decode()
    assert "trùng số hiệu với dòng 2" in page
    assert "Áp dụng vào danh mục" not in page
    errors = client.get(reverse("standards:import_errors", args=[preview.pk]))
    assert (
        errors.content.decode("utf-8-sig").splitlines()[1]
        == "3,TCVN 1:2020,trùng số hiệu với dòng 2"
    )
    client.force_login(business_user)
    assert client.get(preview.get_absolute_url()).status_code == 403


def test_the_template_reads_back_as_one_valid_row(client, officer):
    client.force_login(officer)
    data = client.get(reverse("standards:import_template")).content
    preview = read_catalogue_file(data, filename="mau.csv", by=officer)
    assert (preview.rejected, preview.diff["new"]) == ([], ["TCVN 4193:2014"])
    assert preview.rows[0]["adoption"] == "MOD"
