"""Journeys through the pages: forms, messages a user reads, files opened."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from tdc.accounts.models import Organisation
from tdc.surveillance.models import (
    ConsumerWarning,
    Establishment,
    Inspection,
    InspectionPlan,
    Product,
    Sample,
    SurveyProgramme,
)
from tdc.surveillance.tests.factories import (
    EstablishmentFactory,
    SampleFactory,
    category,
    criterion,
)


def test_a_product_with_a_wrong_barcode_is_refused_with_the_input_kept(client, officer):
    client.force_login(officer)

    response = client.post(
        reverse("surveillance:product_create"),
        {
            "name": "Xe đẩy",
            "gtin": "8934567000049",
            "category": category().pk,
            "risk_class": "high",
        },
    )

    assert response.status_code == 200
    assert (
        "Mã GTIN 8934567000049 sai số kiểm tra: hãy đọc lại mã vạch." in response.content.decode()
    )
    assert response.context["form"]["name"].value() == "Xe đẩy"
    assert not Product.objects.exists()


def test_a_sample_creates_its_seller_on_the_fly_and_spots_a_duplicate(client, officer, world):
    client.force_login(officer)
    programme = world["programme"]
    url = reverse("surveillance:sample_create", args=[programme.pk])
    data = {
        "code": "KS-002",
        "product": world["product"].pk,
        "new_establishment": "Sạp đồ chơi Cô Lan",
        "new_tax_code": "",
        "sampled_on": "2026-06-01",
    }

    response = client.post(url, data)
    assert response.status_code == 302
    seller = Establishment.objects.get(organisation__name="Sạp đồ chơi Cô Lan")
    assert seller.organisation.kind == Organisation.Kind.BUSINESS

    again = client.post(url, {**data, "code": "KS-003", "new_establishment": "sap do choi co lan"})
    assert again.status_code == 200
    assert (
        "Đã có cơ sở tên “Sạp đồ chơi Cô Lan”. Chọn cơ sở đó, hoặc xác nhận đây là một cơ sở khác."
        in again.content.decode()
    )
    assert not Sample.objects.filter(code="KS-003").exists()
    duplicate_code = client.post(url, {**data, "new_establishment": "Sạp mới tinh"})
    assert "Mã mẫu KS-002 đã có trong chương trình." in duplicate_code.content.decode()
    assert not Organisation.objects.filter(name="Sạp mới tinh").exists()  # rolled back


def test_a_result_typed_on_the_page_is_judged(client, officer, world):
    client.force_login(officer)
    sample = SampleFactory(programme=world["programme"], product=world["product"])

    client.post(
        reverse("surveillance:result_create", args=[sample.pk]),
        {"criterion": criterion("Hàm lượng cadimi (Cd)").pk, "measured": "<5", "unit": "mg/kg"},
        follow=True,
    )
    refused = client.post(
        reverse("surveillance:result_create", args=[sample.pk]),
        {
            "criterion": criterion("Hàm lượng chì (Pb) trong lớp phủ").pk,
            "measured": "3",
            "unit": "%",
        },
    )

    sample.refresh_from_db()
    assert sample.verdict == Sample.Verdict.CONFORMING
    assert "Đơn vị % không khớp với đơn vị của chỉ tiêu (mg/kg)." in refused.content.decode()


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã mẫu", "Chỉ tiêu", "Kết quả", "Đơn vị"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("ketqua.xlsx", buffer.getvalue())


def test_a_rejected_import_lists_the_rows_and_offers_the_error_file(client, officer, world):
    client.force_login(officer)
    programme = world["programme"]
    url = reverse("surveillance:results_import", args=[programme.pk])

    response = client.post(url, {"file": _xlsx([["KS-001", "Hàm lượng cadimi (Cd)", "KPH", "%"]])})

    page = response.content.decode()
    assert "1 dòng bị từ chối; chưa ghi dòng nào." in page
    assert "Đơn vị % không khớp với đơn vị của chỉ tiêu (mg/kg)." in page
    errors = client.get(reverse("surveillance:results_import_errors", args=[programme.pk]))
    assert errors.content.decode("utf-8-sig").splitlines()[1].startswith("2,KS-001,")

    ok = client.post(url, {"file": _xlsx([["KS-001", "Hàm lượng cadimi (Cd)", "KPH", "mg/kg"]])})
    assert ok.status_code == 302


def test_the_warning_journey_through_the_pages(client, officer, second_officer, world):
    sample = world["sample"]
    client.force_login(officer)
    response = client.post(
        reverse("surveillance:warning_from_sample", args=[sample.pk]),
        {"hazard": "Lớp sơn chứa chì 1.250 mg/kg.", "measures": "Tạm dừng lưu thông."},
    )
    warning = ConsumerWarning.objects.exclude(pk=world["warning"].pk).get()
    assert response.url == warning.get_absolute_url()
    detail = client.get(warning.get_absolute_url()).content.decode()
    assert "Chờ một cán bộ khác duyệt." in detail

    client.force_login(second_officer)
    client.post(reverse("surveillance:warning_approve", args=[warning.pk]))
    client.force_login(officer)
    client.post(reverse("surveillance:warning_publish", args=[warning.pk]))

    warning.refresh_from_db()
    assert warning.status == ConsumerWarning.Status.PUBLISHED
    assert client.get(warning.get_public_url()).status_code == 200


def test_an_officer_cannot_approve_their_own_warning_by_posting(client, officer, world):
    sample = world["sample"]
    client.force_login(officer)
    client.post(reverse("surveillance:warning_from_sample", args=[sample.pk]), {"hazard": "Chì."})
    warning = ConsumerWarning.objects.exclude(pk=world["warning"].pk).get()

    response = client.post(reverse("surveillance:warning_approve", args=[warning.pk]), follow=True)

    assert "Người lập dự thảo không tự duyệt cảnh báo của mình." in response.content.decode()
    warning.refresh_from_db()
    assert warning.status == ConsumerWarning.Status.DRAFT


def test_a_risk_assessment_from_the_page(client, officer, world):
    client.force_login(officer)
    response = client.post(
        reverse("surveillance:assessment_create", args=[world["sample"].pk]),
        {
            "hazard": "Chì trong lớp sơn",
            "severity": "4",
            "steps": "Trẻ ngậm đồ chơi | 1/2\nChì được nuốt | 0,2\nNhiễm độc | 10%",
        },
        follow=True,
    )

    assert "Mức rủi ro: Nghiêm trọng." in response.content.decode()
    bad = client.post(
        reverse("surveillance:assessment_create", args=[world["sample"].pk]),
        {"hazard": "x", "severity": "2", "steps": "Không có xác suất"},
    )
    assert "Dòng 1 cần có dạng “mô tả | xác suất”." in bad.content.decode()


def test_the_establishment_page_explains_its_score(client, officer, world):
    client.force_login(officer)
    client.post(reverse("surveillance:rescore"))

    page = client.get(world["establishment"].get_absolute_url()).content.decode()

    assert "Mối nguy của hàng hóa kinh doanh" in page
    assert "Nhóm rủi ro cao nhất của hàng hóa: cao." in page
    assert "Bán sản phẩm có rủi ro nghiêm trọng trên địa bàn tỉnh." in page


def test_a_business_sees_only_its_own_establishment(client, business_user, world, province):
    other = EstablishmentFactory(organisation__province=province, organisation__name="Sạp khác")
    other_sample = SampleFactory(programme=world["programme"], establishment=other)
    client.force_login(business_user)

    assert (
        client.get(reverse("surveillance:overview")).url
        == world["establishment"].get_absolute_url()
    )
    listed = client.get(reverse("surveillance:establishment_list")).context["page"]
    assert list(listed) == [world["establishment"]]
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(other_sample.get_absolute_url()).status_code == 404
    own = client.get(world["sample"].get_absolute_url()).content.decode()
    assert "Lập dự thảo cảnh báo" not in own  # no officer's buttons


def test_the_plan_is_reviewed_approved_and_exported(client, officer, second_officer, world):
    client.force_login(officer)
    client.post(
        reverse("surveillance:plan_list"),
        {"year": "2027", "budget": "3", "random_share": "0.15", "seed": "99"},
    )
    plan = InspectionPlan.objects.get(year=2027)
    assert plan.seed == 99
    client.force_login(second_officer)
    client.post(reverse("surveillance:plan_review", args=[plan.pk]))
    client.force_login(officer)
    client.post(reverse("surveillance:plan_approve", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == InspectionPlan.Status.APPROVED

    docx = client.get(reverse("surveillance:plan_docx", args=[plan.pk]))
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "KẾ HOẠCH" in text
    assert "Kiểm tra chất lượng sản phẩm, hàng hóa và đo lường năm 2027" in text
    assert "bằng hạt giống 99" in text
    assert "Tổng số 1 cơ sở (kinh phí cho 3 cuộc kiểm tra)" in text
    header = document.tables[0].rows[0].cells[0].text
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in header.upper()

    xlsx = client.get(reverse("surveillance:plan_xlsx", args=[plan.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "DANH SÁCH CƠ SỞ KIỂM TRA NĂM 2027"
    assert [c.value for c in sheet[5]] == [
        "STT",
        "Cơ sở",
        "Mã số thuế",
        "Địa chỉ",
        "Hạng",
        "Điểm",
        "Lý do chọn",
        "Ghi chú",
    ]
    assert sheet["B6"].value == world["establishment"].organisation.name


def test_an_approved_plan_change_needs_a_reason_on_the_page(client, officer, second_officer, world):
    plan = world["plan"]
    client.force_login(second_officer)
    client.post(reverse("surveillance:plan_review", args=[plan.pk]))
    client.force_login(officer)
    item = world["item"]

    response = client.post(
        reverse("surveillance:plan_remove", args=[plan.pk, item.pk]), {"reason": ""}, follow=True
    )

    assert "Kế hoạch đã thẩm định: nêu lý do thay đổi." in response.content.decode()


def test_an_inspection_is_recorded_with_a_violation_and_the_hit_rate_drawn(client, officer, world):
    client.force_login(officer)
    inspection = world["inspection"]
    client.post(
        reverse("surveillance:inspection_record", args=[inspection.pk]),
        {
            "findings": "Hàng không dấu hợp quy.",
            "checked_labels": "on",
            "follow_up_on": "2026-11-01",
        },
    )
    client.post(
        reverse("surveillance:violation_create", args=[inspection.pk]),
        {
            "description": "Kinh doanh đồ chơi không có dấu hợp quy",
            "legal_basis": "Khoản 2 Điều 21 Nghị định 119/2017/NĐ-CP",
            "fine_amount": "5000000",
            "decision_number": "01/QĐ-XPHC",
        },
    )
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.DONE
    assert inspection.violations.get().decision_number == "01/QĐ-XPHC"

    page = client.get(reverse("surveillance:hit_rate"))
    assert page.context["chart"].rows == [["2026", "—", "100 %", "—", "—"]]


def test_next_year_categories_from_the_priority_formula(client, officer, world):
    client.force_login(officer)
    page = client.get(reverse("surveillance:priorities"))
    rows = page.context["rows"]
    form = page.context["form"]
    assert len(rows) == 8

    refused = client.post(
        reverse("surveillance:priorities"),
        {
            "year": "2027",
            "top": "3",
            "extra_random": "1",
            "seed": "5",
            "categories": [rows[-1].category_id],
            "planned_samples": "20",
        },
    )
    assert "Đã sửa danh sách đề xuất: nêu lý do." in refused.content.decode()

    client.post(
        reverse("surveillance:priorities"),
        {
            "year": "2027",
            "top": "3",
            "extra_random": "1",
            "seed": "5",
            "categories": [rows[-1].category_id],
            "planned_samples": "20",
            "reason": "Chỉ đạo của UBND tỉnh",
        },
    )
    programme = SurveyProgramme.objects.get(year=2027)
    assert programme.selection["reason"] == "Chỉ đạo của UBND tỉnh"
    assert programme.selection["seed"] == 5
    assert form.initial["top"] == 3
