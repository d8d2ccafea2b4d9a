"""Catalogue imports through the API: upload (bounded like the page), preview and rejected
rows, apply all or nothing, discard — and the catalogue pages show what the API applied."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdc.standards.models import CatalogueImport, Standard
from tdc.standards.tests.factories import StandardFactory
from tdc.standards.tests.test_api import bearer
from tdc.standards.tests.test_api_projects import zip_claiming

pytestmark = pytest.mark.django_db

API = "/api/v1/standards/imports"
HEADER = "Số hiệu,Tên tiếng Việt,Trạng thái\n"


def upload(client, user, name: str, data: bytes):
    return client.post(API, {"file": SimpleUploadedFile(name, data)}, **bearer(user))


def test_an_import_with_rejected_rows_is_previewed_and_cannot_be_applied(client, officer):
    StandardFactory(number="TCVN 5250:2015", title_vi="Cà phê rang", ics=[])
    data = (
        HEADER
        + "TCVN 4193:2014,Cà phê nhân,Còn hiệu lực\n"
        + "TCVN 5250:2015,Cà phê rang,Đã hủy bỏ\n"
        + ",Không có số hiệu,\n"
        + "TCVN 4193:2014,Trùng,\n"
    ).encode()
    created = upload(client, officer, "danh-muc.csv", data)
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["valid_rows"], body["rejected_rows"]) == ("preview", 2, 2)
    assert body["counts"] == {"new": 1, "changed": 0, "withdrawn": 1, "unchanged": 0}
    assert body["new"] == ["TCVN 4193:2014"]
    assert body["withdrawn"] == [
        {
            "number": "TCVN 5250:2015",
            "status": "withdrawn",
            "fields": {"status": ["in_force", "withdrawn"]},
        }
    ]
    pk = body["id"]
    rejected = client.get(f"{API}/{pk}/rejected", **bearer(officer)).json()
    assert rejected["items"] == [
        {"row": 4, "number": "", "reason": "thiếu số hiệu"},
        {"row": 5, "number": "TCVN 4193:2014", "reason": "trùng số hiệu với dòng 2"},
    ]
    refused = client.post(f"{API}/{pk}/apply", **bearer(officer))
    assert (refused.status_code, refused.json()["detail"]) == (
        422,
        [
            "Tệp còn 2 dòng lỗi: hãy sửa các dòng đó rồi nhập lại. Chưa có thay đổi nào được "
            "áp dụng."
        ],
    )
    assert list(Standard.objects.values_list("number", "status")) == [
        ("TCVN 5250:2015", "in_force")
    ]
    discarded = client.post(f"{API}/{pk}/discard", **bearer(officer))
    assert discarded.json()["status"] == "discarded"
    listed = client.get(API, {"status": "discarded"}, **bearer(officer)).json()
    assert [i["id"] for i in listed["items"]] == [pk]
    assert client.get(API, {"status": "preview"}, **bearer(officer)).json()["count"] == 0


def test_a_clean_import_is_applied_once_and_the_catalogue_page_shows_it(client, officer):
    created = upload(
        client, officer, "danh-muc.csv", (HEADER + "TCVN 4193:2014,Cà phê nhân,\n").encode()
    )
    pk = created.json()["id"]
    client.force_login(officer)
    preview = client.get(reverse("standards:import_detail", args=[pk])).content.decode()
    assert "danh-muc.csv" in preview
    applied = client.post(f"{API}/{pk}/apply", **bearer(officer))
    assert applied.json() == {"id": pk, "status": "applied", "new": 1, "changed": 0, "withdrawn": 0}
    again = client.post(f"{API}/{pk}/apply", **bearer(officer))
    assert (again.status_code, again.json()["detail"]) == (
        422,
        ["Lượt nhập này đã được áp dụng hoặc đã hủy."],
    )
    standard = Standard.objects.get()
    page = client.get(reverse("standards:standard_detail", args=[standard.pk])).content.decode()
    assert "TCVN 4193:2014" in page
    assert "Cà phê nhân" in page
    detail = client.get(f"{API}/{pk}", **bearer(officer)).json()
    assert (detail["status"], detail["applied_at"] is not None) == ("applied", True)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("danh-muc.pdf", lambda: b"%PDF-1.4", "Chỉ nhận tệp CSV, XLSX hoặc JSON."),
        ("rong.csv", lambda: HEADER.encode(), "Tệp không có dòng dữ liệu nào."),
        (
            "thieu-cot.csv",
            lambda: "Tên tiếng Việt\nCà phê\n".encode(),
            "Tệp thiếu cột bắt buộc: Số hiệu. Hãy dùng tệp mẫu.",
        ),
        (
            "lon.csv",
            lambda: HEADER.encode() + b"x" * (30 * 1024 * 1024),
            "Tệp quá lớn (30,1 MB). Tối đa 30 MB.",
        ),
        (
            "bom.xlsx",
            lambda: zip_claiming(301 * 1024 * 1024, "xl/worksheets/sheet1.xml"),
            "Nội dung tệp khi giải nén quá lớn (301 MB). Tối đa 300 MB.",
        ),
    ],
)
def test_a_refused_file_answers_422_in_vietnamese_and_nothing_is_stored(
    client, officer, name, data, message
):
    response = upload(client, officer, name, data())
    assert (response.status_code, response.json()["detail"]) == (422, [message])
    assert CatalogueImport.objects.count() == 0


def test_another_provinces_officer_neither_lists_nor_reaches_an_import(
    client, officer, other_province_officer, business_user
):
    pk = upload(client, officer, "a.csv", (HEADER + "TCVN 1:2020,Một,\n").encode()).json()["id"]
    assert client.get(API, **bearer(other_province_officer)).json()["count"] == 0
    assert client.get(f"{API}/{pk}", **bearer(other_province_officer)).status_code == 404
    assert client.post(f"{API}/{pk}/apply", **bearer(other_province_officer)).status_code == 404
    assert upload(client, business_user, "a.csv", b"x").status_code == 403
    assert CatalogueImport.objects.get().status == "preview"
