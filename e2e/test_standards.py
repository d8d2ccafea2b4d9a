"""A business subscribes to alerts → the officer imports a matching TBT notification → the
daily digest runs → the business sees the alert → files a conformity declaration with its
documents → the officer accepts it → the public register shows it."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.helpers import log_in
from tdc.conformity.tests.factories import PDF, PNG, regulation
from tdc.standards.jobs import send_daily_digests

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EPING = (
    "Symbol,Member,Title,Products,HS codes,ICS codes,Final date for comments\n"
    "G/TBT/N/KOR/1230,Republic of Korea,Safety certification of electric water heaters,"
    "Electric water heaters,8516.10,29.020,{deadline}\n"
)


def test_business_alert_to_declaration_to_public_register(
    page: Page, browser: Browser, live_server, tmp_path, business_user, officer
):
    regulation()
    # The business subscribes to water heaters (HS 8516 covers 851610).
    log_in(page, live_server, business_user)
    page.goto(live_server.url + "/tieu-chuan/dang-ky/moi/")
    page.get_by_label("Tên gợi nhớ").fill("Bình nước nóng xuất khẩu")
    page.get_by_label(re.compile("^Mã HS")).fill("8516")
    page.get_by_label(re.compile("^Thị trường")).fill("KOR")
    page.get_by_role("button", name="Lưu đăng ký").click()
    expect(page.get_by_text("Đã đăng ký nhận cảnh báo.")).to_be_visible()

    # The officer imports an ePing export with a matching notification.
    deadline = (timezone.localdate() + timezone.timedelta(days=30)).isoformat()
    export = tmp_path / "eping.csv"
    export.write_text(EPING.format(deadline=deadline), encoding="utf-8")
    officer_context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    desk = officer_context.new_page()
    log_in(desk, live_server, officer)
    desk.goto(live_server.url + "/tieu-chuan/tbt/nhap/")
    desk.get_by_label("Tệp (CSV, XLSX hoặc JSON)").set_input_files(str(export))
    desk.get_by_role("button", name="Nhập").click()
    expect(desk.get_by_text("Đã nhập 1 thông báo mới, cập nhật 0 thông báo.")).to_be_visible()

    # The daily job builds the digest; the business sees the alert in the app.
    send_daily_digests.enqueue()
    page.goto(live_server.url + "/tieu-chuan/canh-bao/")
    expect(page.get_by_role("link", name="G/TBT/N/KOR/1230")).to_be_visible()
    page.get_by_role("link", name="G/TBT/N/KOR/1230").click()
    expect(page.get_by_test_id("countdown")).to_have_text("Còn 30 ngày")

    # It files a declaration against QCVN 4:2009/BKHCN with its certificate and label.
    page.goto(live_server.url + "/cong-bo/ho-so/moi/")
    page.get_by_label("Tên sản phẩm, hàng hóa").fill("Bình nước nóng Biển Xanh BX-30")
    page.get_by_label("Mã số mã vạch (GTIN)").fill("8931234567897")
    page.get_by_label("Số hiệu tiêu chuẩn, quy chuẩn công bố").fill("QCVN 4:2009/BKHCN")
    page.get_by_label("Tổ chức chứng nhận").fill("QUATEST 3")
    page.get_by_label("Số giấy chứng nhận").fill("HQ-2026-0412")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    expect(page.get_by_text("Đã lưu bản nháp.", exact=False)).to_be_visible()
    certificate = tmp_path / "giay-chung-nhan.pdf"
    certificate.write_bytes(PDF)
    label = tmp_path / "nhan.png"
    label.write_bytes(PNG)
    fake = tmp_path / "nhan.pdf"
    fake.write_bytes(b"MZ not a pdf")
    page.get_by_label("Loại tài liệu").select_option(label="Nhãn hàng hóa")
    page.get_by_label(re.compile("^Tệp")).set_input_files(str(fake))
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_text("Chỉ nhận tệp PDF hoặc ảnh (JPEG, PNG).")).to_be_visible()
    for kind, path in (
        ("Giấy chứng nhận hợp chuẩn, hợp quy", certificate),
        ("Nhãn hàng hóa", label),
    ):
        page.get_by_label("Loại tài liệu").select_option(label=kind)
        page.get_by_label(re.compile("^Tệp")).set_input_files(str(path))
        page.get_by_role("button", name="Đính kèm").click()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_test_id("declaration-status")).to_have_text("Chờ xử lý")
    detail_url = page.url

    # Before the officer decides, the public register does not show it.
    public = browser.new_context(locale="vi-VN").new_page()
    public.goto(live_server.url + "/cong-bo/?q=8931234567897")
    expect(public.get_by_text("Không có công bố nào khớp với tìm kiếm.")).to_be_visible()

    # The officer accepts it.
    desk.goto(detail_url)
    desk.get_by_role("button", name="Tiếp nhận và cấp thông báo").click()
    year = timezone.localdate().year
    expect(desk.get_by_test_id("receipt-number")).to_contain_text(f"01/{year}/TNCB")
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Tải thông báo tiếp nhận (DOCX)").click()
    assert download.value.suggested_filename.endswith(".docx")

    # The public register shows it, found by GTIN.
    public.goto(live_server.url + "/cong-bo/?q=8931234567897")
    expect(public.get_by_role("link", name=f"01/{year}/TNCB")).to_be_visible()
    expect(public.get_by_text("Bình nước nóng Biển Xanh BX-30")).to_be_visible()
