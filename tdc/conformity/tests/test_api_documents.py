"""A declaration's dossier files through the API: the page's door and checks, downloads
through the door, and what the API uploads is what the declaration's page shows."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdc.accounts.services import issue_api_token
from tdc.conformity import services
from tdc.conformity.models import DeclarationDocument
from tdc.conformity.tests.factories import PDF, PNG, draft, filed
from tdc.standards.tests.personas import PERSONAS, expect
from tdc.standards.tests.test_api import bearer

pytestmark = pytest.mark.django_db

API = "/api/v1/conformity/declarations"
TOKEN = 401
ALLOWED = 0
# A dossier sent back for more: its readers (the business, the officers and readers of its
# reach); another province's officer does not reach it.
READERS = {
    **expect(404, anonymous=TOKEN),
    "officer": 200,
    "leader": 200,
    "ministry_viewer": 200,
    "admin_user": 200,
    "business_user": 200,
}
WRITES = {**expect(403, anonymous=TOKEN), "business_user": ALLOWED}


@pytest.fixture
def returned(business_user, officer):
    declaration = filed(business_user)
    return services.return_declaration(
        declaration, reasons="Nhãn chưa có dấu CR.", refuse=False, by=officer
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_from_every_document_route(
    client, returned, persona, request
):
    headers: dict[str, str] = {}
    if persona != "anonymous":
        _token, key = issue_api_token(request.getfixturevalue(persona), name="matrix")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    document = returned.documents.first()
    listed = client.get(f"{API}/{returned.pk}/documents", **headers).status_code
    got = client.get(f"{API}/{returned.pk}/documents/{document.pk}", **headers).status_code
    assert (listed, got) == (READERS[persona], READERS[persona])
    if WRITES[persona] == ALLOWED:
        return
    added = client.post(
        f"{API}/{returned.pk}/documents",
        {"kind": "label", "file": SimpleUploadedFile("nhan.png", PNG)},
        **headers,
    ).status_code
    removed = client.delete(f"{API}/{returned.pk}/documents/{document.pk}", **headers).status_code
    assert (added, removed) == (WRITES[persona], WRITES[persona])
    assert returned.documents.count() == 2


def test_the_business_uploads_downloads_and_removes_a_file_and_the_page_follows(
    client, business_user, officer, other_province_officer, returned
):
    added = client.post(
        f"{API}/{returned.pk}/documents",
        {"kind": "test_report", "file": SimpleUploadedFile("Phiếu thử nghiệm.pdf", PDF)},
        **bearer(business_user),
    )
    assert added.status_code == 201
    document = added.json()
    assert (document["kind"], document["original_name"], document["content_type"]) == (
        "test_report",
        "Phiếu thử nghiệm.pdf",
        "application/pdf",
    )
    client.force_login(business_user)
    page = client.get(reverse("conformity:declaration_detail", args=[returned.pk])).content
    assert "Phiếu kết quả thử nghiệm: " in page.decode()
    assert ">Phiếu thử nghiệm.pdf</a>" in page.decode()
    listed = client.get(f"{API}/{returned.pk}/documents", **bearer(officer)).json()
    assert [d["kind"] for d in listed["items"]] == ["certificate", "label", "test_report"]
    url = f"{API}/{returned.pk}/documents/{document['id']}"
    got = client.get(url, **bearer(officer))
    assert (got["Content-Type"], b"".join(got.streaming_content)) == ("application/pdf", PDF)
    assert got["X-Content-Type-Options"] == "nosniff"
    assert client.get(url, **bearer(other_province_officer)).status_code == 404
    assert client.delete(url, **bearer(business_user)).status_code == 204
    page = client.get(reverse("conformity:declaration_detail", args=[returned.pk])).content
    assert "Phiếu thử nghiệm.pdf" not in page.decode()
    assert client.get(url, **bearer(officer)).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tai-lieu.docx", lambda: b"PK\x03\x04rest", "Chỉ nhận tệp PDF hoặc ảnh (JPEG, PNG)."),
        ("gia.pdf", lambda: b"<html>%PDF-", "Chỉ nhận tệp PDF hoặc ảnh (JPEG, PNG)."),
        (
            "lon.pdf",
            lambda: PDF + b"0" * (10 * 1024 * 1024),
            "Tệp quá lớn (10,1 MB). Tối đa 10 MB.",
        ),
    ],
)
def test_a_refused_file_answers_422_in_vietnamese_and_nothing_is_stored(
    client, business_user, returned, name, data, message
):
    response = client.post(
        f"{API}/{returned.pk}/documents",
        {"kind": "other", "file": SimpleUploadedFile(name, data())},
        **bearer(business_user),
    )
    assert (response.status_code, response.json()["detail"]) == (422, [message])
    assert DeclarationDocument.objects.count() == 2


def test_a_dossier_holds_at_most_twelve_files(client, business_user):
    declaration = draft(business_user)
    for _ in range(services.MAX_DOCUMENTS):
        services.add_document(
            declaration, kind="other", data=PDF, filename="a.pdf", by=business_user
        )
    response = client.post(
        f"{API}/{declaration.pk}/documents",
        {"kind": "other", "file": SimpleUploadedFile("b.pdf", PDF)},
        **bearer(business_user),
    )
    assert (response.status_code, response.json()["detail"]) == (
        422,
        ["Mỗi hồ sơ có tối đa 12 tài liệu."],
    )


def test_a_filed_dossier_keeps_its_files(client, business_user):
    declaration = filed(business_user)
    document = declaration.documents.first()
    assert (
        client.post(
            f"{API}/{declaration.pk}/documents",
            {"kind": "other", "file": SimpleUploadedFile("b.pdf", PDF)},
            **bearer(business_user),
        ).status_code
        == 404
    )
    assert (
        client.delete(
            f"{API}/{declaration.pk}/documents/{document.pk}", **bearer(business_user)
        ).status_code
        == 404
    )
    assert declaration.documents.count() == 2
