"""The complaints export: pasted control characters never break it, formulas stay text."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from tdc.complaints.models import Complaint

REPORT_URL = "/phan-anh/gui/"
EXPORT_URL = "/phan-anh/xuat/"
BUSINESS = 7  # column of "Cơ sở bị phản ánh" in the export
ADDRESS = 6


def _form(province, commune, **extra):
    return {
        "category": "measurement_fraud",
        "province": province.pk,
        "commune": commune.pk,
        "address": "Chợ Đầm, sạp 12",
        "business_name": "Sạp cá cô Ba",
        "occurred_on": "2026-01-05",
        "description": "Cân điện tử cân thiếu khoảng 100 gam mỗi ki-lô-gam.",
        "identity_mode": "anonymous",
        "website": "",
        **extra,
    }


def _xlsx_rows(client):
    response = client.get(EXPORT_URL, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(min_row=2))


def _csv_rows(client):
    response = client.get(EXPORT_URL, {"format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))[1:]


def test_a_public_report_is_stored_without_invisible_or_control_characters(
    client, province, commune, dost, officer
):
    response = client.post(
        REPORT_URL,
        _form(
            province,
            commune,
            business_name="Cửa hàng\u202e xăng\u200b dầu\x0c số 7",
            address="Quốc lộ\x0b 1A",
            description="Cột bơm\x00 số 2 bơm thiếu\u200b khoảng 4%.\nĐã đo lại.",
        ),
    )

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.business_name == "Cửa hàng xăng dầu số 7"
    assert complaint.address == "Quốc lộ 1A"
    assert complaint.description == "Cột bơm số 2 bơm thiếu khoảng 4%.\nĐã đo lại."
    client.force_login(officer)
    (row,) = _xlsx_rows(client)
    assert (row[BUSINESS].value, row[ADDRESS].value) == ("Cửa hàng xăng dầu số 7", "Quốc lộ 1A")


def test_a_complaint_stored_with_control_characters_before_the_fix_still_exports(
    client, submit, officer
):
    submit(business_name="Sạp\x0c cá\x0b cô\x1b Ba", address="Chợ\x08 Đầm")
    client.force_login(officer)

    (row,) = _xlsx_rows(client)
    assert (row[BUSINESS].value, row[ADDRESS].value) == ("Sạp cá cô Ba", "Chợ Đầm")
    (line,) = _csv_rows(client)
    assert (line[BUSINESS], line[ADDRESS]) == ("Sạp cá cô Ba", "Chợ Đầm")


def test_a_business_name_that_looks_like_a_formula_is_text_in_both_exports(client, submit, officer):
    submit(business_name='=HYPERLINK("http://x","Bấm")', address="+84 Chợ Đầm")
    client.force_login(officer)

    (row,) = _xlsx_rows(client)
    business, address = row[BUSINESS], row[ADDRESS]
    assert (business.value, business.data_type) == ('=HYPERLINK("http://x","Bấm")', "s")
    assert (address.value, address.data_type) == ("+84 Chợ Đầm", "s")
    assert (business.quotePrefix, address.quotePrefix) == (True, True)
    (line,) = _csv_rows(client)
    assert (line[BUSINESS], line[ADDRESS]) == ('\'=HYPERLINK("http://x","Bấm")', "'+84 Chợ Đầm")
