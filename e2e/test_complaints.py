"""A citizen reports anonymously with a photo and two PDFs, follows up with the receipt and
answers a question; the officer concludes; the citizen sees the conclusion; the statistics
change. The photo loses its EXIF, the PDF its author; the PDF with a script is refused."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from django.core.files.storage import default_storage
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from e2e.helpers import log_in
from tdc.complaints.models import Attachment, Complaint
from tdc.complaints.tests.factories import CommuneFactory
from tdc.complaints.tests.helpers import (
    KEY_A,
    PAGES,
    SECRET_NAME,
    handmade_pdf,
    jpeg_with_gps,
    pdf_by_fpdf,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def commune(province):
    return CommuneFactory(code=22333, name="Phường Nha Trang", province=province)


def _stat(page: Page, live_server, name: str) -> str:
    page.goto(live_server.url + "/phan-anh/thong-ke/")
    return page.get_by_test_id(f"stat-{name}").inner_text().strip()


def test_citizen_reports_follows_up_and_sees_the_officers_conclusion(
    page: Page, browser: Browser, live_server, settings, tmp_path, officer, commune
):
    settings.COMPLAINTS_IDENTITY_KEYS = KEY_A
    photo = tmp_path / "cho-dam.jpg"
    photo.write_bytes(jpeg_with_gps())
    letter = tmp_path / "bien-ban.pdf"
    letter.write_bytes(pdf_by_fpdf(SECRET_NAME))  # a word processor wrote the author's name
    scripted = tmp_path / "hoa-don.pdf"
    scripted.write_bytes(
        handmade_pdf(
            {1: b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>", **PAGES},
            packed={4: b"<</S/J#61vaScript/JS(app.alert(1))>>"},
        )
    )
    assert _stat(page, live_server, "received") == "0"

    # The citizen reports anonymously, with a photo whose EXIF holds a GPS position.
    page.goto(live_server.url + "/phan-anh/gui/")
    expect(page.get_by_role("heading", name=re.compile("Phản ánh vi phạm"))).to_be_visible()
    page.get_by_label("Loại vi phạm").select_option(label="Cân sai, gian lận đo lường")
    page.get_by_label("Nội dung phản ánh").fill(
        "Sạp cá cô Ba ở chợ Đầm cân thiếu khoảng 150 gam mỗi ki-lô-gam, cân không có tem."
    )
    expect(page.get_by_label("Tỉnh, thành phố")).to_have_value(str(commune.province_id))
    page.get_by_label("Xã, phường, đặc khu").select_option(label="Phường Nha Trang")
    page.get_by_label("Tên cơ sở, cửa hàng, người bán").fill("Sạp cá cô Ba")
    expect(page.get_by_label("Họ và tên")).to_be_hidden()  # anonymous: no identity fields
    page.get_by_label("Ảnh, tài liệu kèm theo").set_input_files(
        [str(photo), str(letter), str(scripted)]
    )
    page.get_by_role("button", name="Gửi phản ánh").click()

    expect(page.get_by_role("heading", name="Đã gửi phản ánh")).to_be_visible()
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"([0-9A-Z]{4}-){6}[0-9A-Z]{4}", code)
    expect(page.get_by_text(re.compile("^1 tệp không lưu được"))).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Mã tiếp nhận đã được hiển thị")).to_be_visible()

    complaint = Complaint.objects.get()
    assert complaint.is_anonymous
    image, pdf, refused = Attachment.objects.filter(complaint=complaint).order_by("id")
    with default_storage.open(image.file.name, "rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.getexif().get_ifd(0x8825) == {}  # no GPS
    assert dict(stored.getexif()) == {}
    with default_storage.open(pdf.file.name, "rb") as handle, pikepdf.open(handle) as document:
        assert "/Info" not in document.trailer  # no Author, Creator, Producer
        assert "/Metadata" not in document.Root  # no XMP
    assert (refused.status, refused.failure_reason.startswith("Tệp PDF có mã lệnh tự chạy")) == (
        "failed",
        True,
    )
    assert _stat(page, live_server, "received") == "1"
    assert _stat(page, live_server, "handled") == "0"

    # The officer accepts, assigns and asks a question.
    officer_context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    desk = officer_context.new_page()
    log_in(desk, live_server, officer)
    desk.goto(live_server.url + "/phan-anh/")
    desk.get_by_role("link", name=complaint.reference).click()
    desk.locator("#action-accept summary").click()
    desk.locator("#action-accept").get_by_role("button", name="Thụ lý").click()
    expect(desk.get_by_text("Đã thụ lý hồ sơ.")).to_be_visible()
    desk.locator("#action-assign summary").click()
    desk.locator("#action-assign").get_by_label("Cán bộ xử lý").select_option(str(officer.pk))
    desk.locator("#action-assign").get_by_role("button", name="Giao").click()
    expect(desk.get_by_text("Đã giao cán bộ xử lý.")).to_be_visible()
    desk.locator("#action-message summary").click()
    desk.locator("#action-message").get_by_label("Nội dung").fill("Bạn mua hàng vào ngày, giờ nào?")
    desk.locator("#action-message").get_by_role("button", name="Lưu").click()
    expect(desk.get_by_text("Đã lưu trao đổi.")).to_be_visible()

    # The citizen follows up with the receipt and answers the question.
    page.goto(live_server.url + "/phan-anh/theo-doi/")
    page.get_by_label("Mã tiếp nhận").fill(code.lower())
    page.get_by_role("button", name="Xem hồ sơ").click()
    expect(page.get_by_role("heading", name=f"Hồ sơ {complaint.reference}")).to_be_visible()
    expect(page.get_by_test_id("question")).to_contain_text("Bạn mua hàng vào ngày, giờ nào?")
    expect(
        page.get_by_text("đã lưu (đã xóa tên tác giả và thông tin mô tả của tệp)")
    ).to_be_visible()
    expect(page.get_by_text("không lưu được: Tệp PDF có mã lệnh tự chạy")).to_be_visible()
    page.get_by_label("Nội dung trả lời, bổ sung").fill("Khoảng 7 giờ sáng thứ Hai, 5/1.")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_text("Đã gửi nội dung bổ sung. Cảm ơn bạn.")).to_be_visible()
    expect(page.get_by_test_id("question")).to_have_count(0)

    # The officer reads the answer, verifies and concludes.
    desk.reload()
    expect(desk.get_by_text("Khoảng 7 giờ sáng thứ Hai, 5/1.")).to_be_visible()
    desk.locator("#action-verify summary").click()
    desk.locator("#action-verify").get_by_role("button", name="Bắt đầu xác minh").click()
    desk.locator("#action-conclude summary").click()
    desk.locator("#action-conclude").get_by_label("Kết quả xác minh").select_option(
        "violation_confirmed"
    )
    desk.locator("#action-conclude").get_by_label("Kết luận (người phản ánh đọc được)").fill(
        "Cân sai số vượt mức cho phép; cơ sở đã bị xử phạt và phải kiểm định lại cân."
    )
    desk.locator("#action-conclude").get_by_role("button", name="Ghi kết luận").click()
    expect(desk.get_by_test_id("staff-status")).to_have_text("Đã có kết luận")
    officer_context.close()

    # The citizen sees the conclusion; the statistics have changed.
    page.goto(live_server.url + "/phan-anh/theo-doi/ho-so/")
    expect(page.get_by_test_id("public-status")).to_have_text("Đã có kết luận")
    expect(page.get_by_test_id("conclusion")).to_contain_text("Có vi phạm")
    expect(page.get_by_test_id("conclusion")).to_contain_text("cơ sở đã bị xử phạt")
    assert _stat(page, live_server, "handled") == "1"
    assert _stat(page, live_server, "on-time") == "1"
