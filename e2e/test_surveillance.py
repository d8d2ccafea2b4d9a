"""Market surveillance, end to end: a survey finds a failing toy, its risk is assessed, a
warning is published and found by barcode on the public page, the seller's score rises, and
next year's inspection plan includes the seller."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import log_in, open_menu_entry
from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.surveillance import services
from tdc.surveillance.models import Establishment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _switch(page: Page, live_server, user) -> None:
    page.context.clear_cookies()
    if user is not None:
        log_in(page, live_server, user)


def _score(page: Page) -> int:
    text = page.locator("#score").inner_text()
    found = re.search(r"Điểm (\d+)/100", text)
    assert found, text
    return int(found.group(1))


def test_a_failing_sample_becomes_a_public_warning_and_next_year_plan(
    page: Page, live_server, officer, dost, province
):
    services.load_categories()  # browser tests empty every table, the migrated ones too
    second = UserFactory(username="kiemtra.tdc", organisation=dost, roles=[Role.TDC_OFFICER])
    for n in range(6):
        services.register_establishment(
            province=province, by=officer, name=f"Sạp tạp hóa số {n + 1}", channels=["stall"]
        )
    year = timezone.localdate().year

    # A survey programme, a product with its barcode, a sample bought from a new seller.
    log_in(page, live_server, officer)
    open_menu_entry(page, "Chất lượng", "Giám sát thị trường")
    page.get_by_role("link", name="Lập chương trình khảo sát").first.click()
    page.get_by_label("Năm").fill(str(year))
    page.get_by_label("Tên chương trình").fill(f"Khảo sát đồ chơi trẻ em {year}")
    page.get_by_label("Đồ chơi trẻ em").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lập chương trình khảo sát.")).to_be_visible()
    programme_url = page.url

    page.get_by_role("link", name="Sản phẩm", exact=True).click()
    page.get_by_role("link", name="Thêm sản phẩm").click()
    page.get_by_label("Tên sản phẩm").fill("Xe đẩy đồ chơi sơn đỏ")
    page.get_by_label("Nhãn hiệu").fill("Bé Vui")
    page.get_by_label("Mã GTIN (mã vạch)").fill("8934567000049")
    page.get_by_label("Nhóm sản phẩm").select_option(label="Đồ chơi trẻ em")
    page.get_by_role("button", name="Lưu").click()
    expect(
        page.get_by_text("Mã GTIN 8934567000049 sai số kiểm tra: hãy đọc lại mã vạch.")
    ).to_be_visible()
    page.get_by_label("Mã GTIN (mã vạch)").fill("8934567000048")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi nhận sản phẩm.")).to_be_visible()

    page.goto(programme_url)
    page.get_by_role("link", name="Ghi mẫu").click()
    page.get_by_label("Mã mẫu").fill("KS-001")
    page.get_by_label("Sản phẩm").select_option(label="Xe đẩy đồ chơi sơn đỏ (Bé Vui)")
    page.get_by_label("… hoặc tên cơ sở mới").fill("Cửa hàng Đồ chơi Hoa Sen")
    page.get_by_label("Ngày lấy mẫu").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi nhận mẫu KS-001.")).to_be_visible()
    sample_url = page.url

    # The seller's score before the result.
    seller = Establishment.objects.get(organisation__name="Cửa hàng Đồ chơi Hoa Sen")
    page.get_by_role("link", name="Cơ sở", exact=True).click()
    page.get_by_role("button", name="Chấm điểm rủi ro lại tất cả cơ sở").click()
    page.goto(live_server.url + seller.get_absolute_url())
    before = _score(page)

    # The laboratory's result: lead 1.250 mg/kg against 90 → non-conforming, computed.
    page.goto(sample_url)
    page.get_by_label("Chỉ tiêu").select_option(
        label="Hàm lượng chì (Pb) trong lớp phủ (QCVN 3:2019/BKHCN)"
    )
    page.locator("#id_measured").fill("1.250")
    page.get_by_label("Đơn vị").fill("mg/kg")
    page.get_by_role("button", name="Ghi kết quả").click()
    expect(page.locator("#verdict")).to_have_text("Không đạt")

    # The risk, by the EU method.
    page.get_by_role("link", name="Đánh giá rủi ro").click()
    page.get_by_label("Mối nguy").fill("Chì trong lớp sơn")
    page.get_by_label("Mức độ nghiêm trọng của thương tích").select_option("4")
    page.get_by_label("Các bước của kịch bản (mỗi dòng: mô tả | xác suất)").fill(
        "Trẻ ngậm, gặm phần sơn | 1/2\nChì bong ra được nuốt | 1/5\nNhiễm độc chì | 1/10"
    )
    page.get_by_role("button", name="Đánh giá").click()
    expect(page.locator("#risk-level")).to_have_text("Nghiêm trọng")

    # The warning: drafted, approved by a second officer, published.
    page.goto(sample_url)
    page.get_by_role("link", name="Lập dự thảo cảnh báo").click()
    page.get_by_label("Nội dung cảnh báo").fill("Lớp sơn chứa chì 1.250 mg/kg, vượt mức 90 mg/kg.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Chờ một cán bộ khác duyệt.")).to_be_visible()
    warning_url = page.url
    _switch(page, live_server, second)
    page.goto(warning_url)
    page.get_by_role("button", name="Duyệt cảnh báo").click()
    expect(page.get_by_text("Đã duyệt cảnh báo.")).to_be_visible()
    _switch(page, live_server, officer)
    page.goto(warning_url)
    page.get_by_role("button", name="Công bố cảnh báo").click()
    expect(page.locator("#warning-status")).to_have_text("Đã công bố")

    # Anyone, on a phone, types the barcode.
    _switch(page, live_server, None)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/giam-sat/canh-bao/")
    page.get_by_label("Sản phẩm này có bị cảnh báo không? Nhập hoặc quét mã vạch").fill(
        "8934567000048"
    )
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.locator("#gtin-answer")).to_contain_text("Có 1 cảnh báo cho mã 08934567000048.")
    page.get_by_role(
        "link", name="Cảnh báo: Xe đẩy đồ chơi sơn đỏ không bảo đảm chất lượng"
    ).click()
    expect(page.get_by_text("Lớp sơn chứa chì 1.250 mg/kg, vượt mức 90 mg/kg.")).to_be_visible()
    page.goto(live_server.url + "/giam-sat/canh-bao/?q=xe+day+do+choi")
    expect(page.locator("#warnings")).to_contain_text("Xe đẩy đồ chơi sơn đỏ")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The seller's score rises, and next year's plan includes it.
    _switch(page, live_server, officer)
    page.goto(live_server.url + "/giam-sat/co-so/")
    page.get_by_role("button", name="Chấm điểm rủi ro lại tất cả cơ sở").click()
    page.goto(live_server.url + seller.get_absolute_url())
    assert _score(page) > before
    expect(
        page.get_by_text("Bán sản phẩm có rủi ro nghiêm trọng trên địa bàn tỉnh.")
    ).to_be_visible()

    page.goto(live_server.url + "/giam-sat/ke-hoach-kiem-tra/")
    page.get_by_label("Năm").fill(str(year + 1))
    page.get_by_label("Số cuộc kiểm tra").fill("3")
    page.get_by_label("Hạt giống ngẫu nhiên (để trống: hệ thống tạo)").fill("2026")
    page.get_by_role("button", name="Lập dự thảo kế hoạch").click()
    expect(page.get_by_text("Đã lập dự thảo kế hoạch kiểm tra.")).to_be_visible()
    first_row = page.locator("#plan-items tbody tr").first
    expect(first_row).to_contain_text("Cửa hàng Đồ chơi Hoa Sen")
    expect(first_row).to_contain_text("Kiểm tra đột xuất (điều kiện bắt buộc)")
