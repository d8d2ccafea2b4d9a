"""The daily conformity job: officers reminded once a day of dossiers due; documents."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tdc.conformity import services
from tdc.conformity.jobs import send_conformity_warnings
from tdc.conformity.models import Declaration
from tdc.conformity.tests.factories import PDF, draft, filed

pytestmark = pytest.mark.django_db


def test_officers_are_reminded_once_of_a_dossier_due(business_user, officer):
    officer.email = "canbo@skhcn.vn"
    officer.save()
    declaration = filed(business_user)
    Declaration.objects.filter(pk=declaration.pk).update(due_on=timezone.localdate())
    send_conformity_warnings.enqueue()
    send_conformity_warnings.enqueue()
    assert [m.to for m in mail.outbox] == [["canbo@skhcn.vn"]]
    assert mail.outbox[0].subject == "Hồ sơ công bố sắp đến hạn: Bình nước nóng BX-30"


def test_documents_download_and_removal(client, business_user, officer):
    declaration = draft(business_user)
    document = services.add_document(
        declaration, kind="label", data=PDF, filename="nhãn.pdf", by=business_user
    )
    client.force_login(business_user)
    response = client.get(
        reverse("conformity:document_download", args=[declaration.pk, document.pk])
    )
    assert (response.content, response["Content-Type"]) == (PDF, "application/pdf")
    assert "attachment" in response["Content-Disposition"]
    client.post(reverse("conformity:document_remove", args=[declaration.pk, document.pk]))
    assert declaration.documents.count() == 0
    upload = io.BytesIO(b"GIF89a....")
    upload.name = "nhan.gif"
    page = client.post(
        reverse("conformity:document_add", args=[declaration.pk]), {"kind": "label", "file": upload}
    )
    assert "Chỉ nhận tệp PDF hoặc ảnh (JPEG, PNG)." in page.content.decode()


def test_the_officer_returns_a_dossier_with_reasons_through_the_page(
    client, business_user, officer
):
    declaration = filed(business_user)
    client.force_login(officer)
    page = client.post(
        reverse("conformity:declaration_return", args=[declaration.pk]), {"reasons": "  "}
    )
    assert page.status_code == 200
    client.post(
        reverse("conformity:declaration_return", args=[declaration.pk]),
        {"reasons": "Thiếu nhãn phụ tiếng Việt."},
    )
    declaration.refresh_from_db()
    assert (declaration.status, declaration.officer_message) == (
        "more_info",
        "Thiếu nhãn phụ tiếng Việt.",
    )
    client.force_login(business_user)
    detail = client.get(declaration.get_absolute_url()).content.decode()
    assert "Thiếu nhãn phụ tiếng Việt." in detail
    edit = client.post(
        reverse("conformity:declaration_edit", args=[declaration.pk]),
        {
            "product_name": "Bình BX-30 (mới)",
            "standard_number": "QCVN 4:2009/BKHCN",
            "basis": "certificate",
            "certifying_body": "QUATEST 3",
            "certificate_number": "HQ-2",
        },
    )
    assert edit.status_code == 302
    declaration.refresh_from_db()
    assert declaration.product_name == "Bình BX-30 (mới)"
    missing = client.post(
        reverse("conformity:declaration_create"),
        {"product_name": "X", "standard_number": "TCVN 1:1900", "basis": "certificate"},
    )
    assert "Không tìm thấy TCVN 1:1900 trong danh mục." in missing.content.decode()


def test_gtin_check_digit(business_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        draft(business_user, gtin="8931234567890")
    assert error.value.messages == ["Mã GTIN 8931234567890 sai số kiểm tra."]
    assert services.normalise_gtin("8931234567897") == "08931234567897"
