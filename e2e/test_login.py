import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_in_vietnamese_sees_home_and_logs_out(page: Page, live_server, officer):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Đăng nhập TĐC")).to_be_visible()

    log_in(page, live_server, officer)

    expect(page.get_by_role("heading", name="Xin chào, Người Dùng", exact=False)).to_be_visible()
    expect(page.get_by_text("Sở Khoa học và Công nghệ — Khánh Hòa")).to_be_visible()
    expect(page.get_by_text("Cán bộ TĐC (Sở KH&CN)")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập TĐC")).to_be_visible()
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/tai-khoan/dang-nhap/?next=/")
