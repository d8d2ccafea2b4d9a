"""Register imports through the API (routes of tdc/metrology/api.py): the same door (the
capability; an import is its starter's) and the same service and limits as the import page."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tdc.accounts.services import issue_api_token

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    _token, key = issue_api_token(user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


HEADER = [
    "Loại phương tiện đo", "Số sản xuất", "Nhà sản xuất", "Xã, phường", "Địa chỉ",
    "Ngày kiểm định", "Đơn vị kiểm định", "Kết quả", "Số tem",
]  # fmt: skip


def _csv(rows: list[list[str]]) -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, *rows])
    return SimpleUploadedFile("may-do.csv", text.getvalue().encode("utf-8"))


def test_a_business_imports_and_reads_the_rejected_rows(
    officer, business_user, reporter, django_capture_on_commit_callbacks
):
    api = _api(business_user)
    bad = ["Loại không có", "TK-01", "", "", "", "", "", "", ""]

    with django_capture_on_commit_callbacks(execute=True):  # the worker's run, at once
        started = api.post("/api/v1/metrology/imports", {"file": _csv([bad])})
    job = started.json()
    listed = api.get("/api/v1/metrology/imports").json()
    read = api.get(f"/api/v1/metrology/imports/{job['id']}").json()
    rejected = api.get(f"/api/v1/metrology/imports/{job['id']}/rejected")

    assert started.status_code == 201, job
    assert [j["id"] for j in listed] == [job["id"]]
    assert (read["status"], read["accepted_rows"], read["rejected_rows"]) == ("done", 0, 1), read[
        "error"
    ]
    assert "Lý do" in rejected.content.decode("utf-8-sig").splitlines()[0]
    # An import is its starter's; a persona without the capability is refused.
    assert _api(officer).get(f"/api/v1/metrology/imports/{job['id']}").status_code == 404
    assert _api(reporter).get("/api/v1/metrology/imports").status_code == 403
    assert _api(reporter).post("/api/v1/metrology/imports", {"file": _csv([])}).status_code == 403


def test_a_file_the_page_refuses_the_api_refuses(officer):
    api = _api(officer)
    wrong = SimpleUploadedFile("so-dang-ky.pdf", b"%PDF-1.4")
    empty = SimpleUploadedFile("so-dang-ky.csv", b"")

    assert api.post("/api/v1/metrology/imports", {"file": wrong}).json() == {
        "detail": ["Chỉ nhận tệp CSV hoặc XLSX."]
    }
    assert api.post("/api/v1/metrology/imports", {"file": empty}).status_code == 422
    assert Client().get("/api/v1/metrology/imports").status_code == 401
