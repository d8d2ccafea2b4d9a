"""The import templates a business fills without reading English docs: the XLSX with example
rows, drop-down lists and Vietnamese instructions; the CSV with an example row. The examples
import as they are."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdc.metrology import services
from tdc.metrology.models import Instrument

pytestmark = pytest.mark.django_db


def _xlsx(client):
    response = client.get(reverse("metrology:import_template_xlsx"))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-phuong-tien-do.xlsx"'
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_xlsx_template_has_examples_lists_and_instructions(
    client, business_user, nha_trang, centre
):
    client.force_login(business_user)
    book = _xlsx(client)

    assert book.sheetnames == ["Phương tiện đo", "Danh sách", "Hướng dẫn"]
    sheet = book["Phương tiện đo"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Loại phương tiện đo", "Số sản xuất", "Nhà sản xuất")
    assert [row[1] for row in rows[1:]] == ["VD-0001", "VD-0002"]
    assert rows[1][6] == "Phường Nha Trang"
    validations = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert validations["A2:A5000"].startswith("'Danh sách'!$A$2:$A$")
    assert validations["I2:I5000"] == "'Danh sách'!$B$2:$B$4"
    lists = list(book["Danh sách"].iter_rows(values_only=True))
    assert lists[0] == ("Loại phương tiện đo", "Trạng thái", "Hình thức kiểm định", "Kết quả")
    assert [row[1] for row in lists[1:4]] == ["Đang sử dụng", "Tạm ngừng sử dụng", "Đã thanh lý"]
    assert [row[3] for row in lists[1:3]] == ["Đạt", "Không đạt"]
    guide = [row[0] for row in book["Hướng dẫn"].iter_rows(values_only=True)]
    assert guide[0] == "Cách điền tệp nhập phương tiện đo nhóm 2"
    assert any("ngày/tháng/năm" in (line or "") for line in guide)


def test_the_examples_of_both_templates_import_as_they_are(
    client, business_user, business, nha_trang, centre, django_capture_on_commit_callbacks
):
    client.force_login(business_user)
    book = _xlsx(client)
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("mau.xlsx", buffer.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_import(upload=upload, by=business_user, owner=business)
    job.refresh_from_db()
    assert (job.status, job.accepted_rows, job.rejected_rows) == ("done", 2, 0)
    assert sorted(Instrument.objects.values_list("serial", flat=True)) == ["VD-0001", "VD-0002"]

    text = client.get(reverse("metrology:import_template")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[1][1] == "VD-0001"
