"""A declaration's life: draft → filed → accepted (receipt notice DOCX) / more info / refused;
uploads; warnings; the public register never shows what is not accepted."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from tdc.conformity import services
from tdc.conformity.models import Declaration, DeclarationWarning
from tdc.conformity.queries import notices_for_gtin
from tdc.conformity.receipts import receipt_docx
from tdc.conformity.tests.factories import PDF, draft, filed, regulation
from tdc.core.models import AuditEvent
from tdc.core.workdays import add_working_days
from tdc.standards.models import Standard

pytestmark = pytest.mark.django_db


def test_a_dossier_must_be_complete_to_be_filed(business_user):
    declaration = draft(business_user)
    with pytest.raises(ValidationError) as error:
        services.submit_declaration(declaration, by=business_user)
    assert error.value.messages == ["Hồ sơ còn thiếu: bản sao giấy chứng nhận; mẫu nhãn hàng hóa."]


def test_uploads_must_be_pdf_or_images_and_bounded(business_user):
    declaration = draft(business_user)
    with pytest.raises(ValidationError) as error:
        services.add_document(
            declaration,
            kind="label",
            data=b"MZ\x90\x00 not a pdf",
            filename="nhan.pdf",
            by=business_user,
        )
    assert error.value.messages == ["Chỉ nhận tệp PDF hoặc ảnh (JPEG, PNG)."]
    with pytest.raises(ValidationError) as error:
        services.add_document(
            declaration,
            kind="label",
            data=PDF + b"0" * (10 * 1024 * 1024),
            filename="to.pdf",
            by=business_user,
        )
    assert error.value.messages == ["Tệp quá lớn (10,1 MB). Tối đa 10 MB."]
    assert declaration.documents.count() == 0


def test_filing_sets_the_deadline_in_working_days(business_user):
    declaration = filed(business_user)
    today = timezone.localdate()
    assert (declaration.status, declaration.submitted_on) == ("submitted", today)
    assert declaration.due_on == add_working_days(today, 5)


def test_accepting_issues_a_numbered_receipt_notice_in_decree_30_form(
    business_user, officer, province
):
    first = filed(business_user)
    second = filed(business_user, product_name="Ấm siêu tốc BX-17", gtin="")
    services.accept_declaration(first, by=officer)
    accepted = services.accept_declaration(second, by=officer)
    year = timezone.localdate().year
    first.refresh_from_db()
    assert (first.receipt_number, accepted.receipt_number) == (f"01/{year}/TNCB", f"02/{year}/TNCB")

    document = Document(io.BytesIO(receipt_docx(first)))
    text = "\n".join(p.text for p in document.paragraphs)
    header = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "THÔNG BÁO" in text
    assert "Tiếp nhận hồ sơ công bố hợp quy" in text
    assert (
        "cho sản phẩm, hàng hóa: Bình nước nóng BX-30 (mã GTIN 08931234567897), phù hợp QCVN 4:2009/BKHCN"
        in text
    )
    assert "Căn cứ công bố: giấy chứng nhận số HQ-1 của QUATEST 3." in text
    assert text.rstrip().endswith("./.") or "./." in text
    assert f"Số: 01/{year}/TNCB" in header
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header
    assert AuditEvent.objects.filter(action="conformity.declaration_accepted").count() == 2


def test_asking_for_more_returns_the_dossier_to_the_business(business_user, officer):
    declaration = filed(business_user)
    with pytest.raises(ValidationError):
        services.return_declaration(declaration, reasons=" ", refuse=False, by=officer)
    services.return_declaration(
        declaration, reasons="Nhãn chưa có dấu hợp quy CR.", refuse=False, by=officer
    )
    assert declaration.status == "more_info"
    services.add_document(
        declaration, kind="label", data=PDF, filename="nhan-moi.pdf", by=business_user
    )
    services.submit_declaration(declaration, by=business_user)
    assert (declaration.status, declaration.officer_message) == ("submitted", "")
    services.return_declaration(
        declaration, reasons="Sản phẩm không thuộc phạm vi QCVN.", refuse=True, by=officer
    )
    assert declaration.status == "refused"
    with pytest.raises(ValidationError):
        services.accept_declaration(declaration, by=officer)


def test_a_replaced_standard_cannot_be_declared(business_user):
    old = regulation(number="QCVN 4:2005/BKHCN", status=Standard.Status.REPLACED)
    with pytest.raises(ValidationError) as error:
        draft(business_user, standard=old)
    assert error.value.messages == [
        "QCVN 4:2005/BKHCN không còn hiệu lực: hãy chọn tiêu chuẩn, quy chuẩn đang có hiệu lực."
    ]


def test_warnings_when_the_standard_is_replaced_and_on_expiry_sent_once(business_user, officer):
    declaration = services.accept_declaration(
        filed(business_user, certificate_expires_on=timezone.localdate() + dt.timedelta(days=20)),
        by=officer,
    )
    standard = declaration.standard
    standard.status = Standard.Status.REPLACED
    standard.replaced_by = "QCVN 4:2024/BKHCN"
    standard.status_changed_on = dt.date(2026, 11, 2)
    standard.save()

    assert services.send_declaration_warnings() == 2
    assert services.send_declaration_warnings() == 0
    messages = set(DeclarationWarning.objects.values_list("message", flat=True))
    assert (
        "Hồ sơ của bạn viện dẫn QCVN 4:2009/BKHCN, đã được thay thế ngày 02/11/2026 bằng "
        "QCVN 4:2024/BKHCN. Hãy công bố lại theo tiêu chuẩn mới."
    ) in messages
    assert len(messages) == 2


def test_the_public_register_shows_accepted_declarations_only(client, business_user, officer):
    draft(business_user, product_name="Nồi cơm nháp")
    filed(business_user, product_name="Quạt chờ xử lý", gtin="")
    accepted = services.accept_declaration(
        filed(business_user, product_name="Bình nước nóng"), by=officer
    )

    page = client.get(reverse("conformity:register_list")).content.decode()
    assert "Bình nước nóng" in page
    assert "Nồi cơm nháp" not in page
    assert "Quạt chờ xử lý" not in page
    for query in ["binh nuoc", "Biển Xanh", "8931234567897", accepted.receipt_number]:
        found = client.get(reverse("conformity:register_list"), {"q": query}).content.decode()
        assert accepted.receipt_number in found, query
    others = Declaration.objects.exclude(pk=accepted.pk)
    for other in others:
        assert client.get(reverse("conformity:register_detail", args=[other.pk])).status_code == 404
    assert [n.title for n in notices_for_gtin("08931234567897")] == [
        f"Công bố hợp quy QCVN 4:2009/BKHCN — số {accepted.receipt_number}"
    ]


def test_drafts_are_the_business_own(client, business_user, officer, leader):
    declaration = draft(business_user)
    url = reverse("conformity:declaration_detail", args=[declaration.pk])
    client.force_login(officer)
    assert client.get(url).status_code == 404
    client.force_login(leader)
    assert client.get(url).status_code == 404
    client.force_login(business_user)
    assert client.get(url).status_code == 200


def test_the_business_and_the_officer_through_the_pages(client, business_user, officer):
    regulation()
    client.force_login(business_user)
    response = client.post(
        reverse("conformity:declaration_create"),
        {
            "product_name": "Bình BX-30",
            "standard_number": "qcvn 4 2009 bkhcn",
            "basis": "certificate",
            "certifying_body": "QUATEST 3",
            "certificate_number": "HQ-1",
        },
    )
    declaration = Declaration.objects.get()
    assert response.url == declaration.get_absolute_url()
    for kind, name in (("certificate", "gcn.pdf"), ("label", "nhan.pdf")):
        upload = io.BytesIO(PDF)
        upload.name = name
        client.post(
            reverse("conformity:document_add", args=[declaration.pk]),
            {"kind": kind, "file": upload},
        )
    client.post(reverse("conformity:declaration_submit", args=[declaration.pk]))
    client.force_login(officer)
    client.post(reverse("conformity:declaration_accept", args=[declaration.pk]))
    declaration.refresh_from_db()
    assert declaration.status == "accepted"
    docx = client.get(reverse("conformity:receipt_download", args=[declaration.pk]))
    assert (
        docx["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    client.force_login(business_user)
    assert (
        client.post(reverse("conformity:declaration_accept", args=[declaration.pk])).status_code
        == 403
    )
