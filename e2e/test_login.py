import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_in_vietnamese_sees_home_and_logs_out(page: Page, live_server, officer):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Cán bộ đăng nhập")).to_be_visible()

    log_in(page, live_server, officer)

    expect(page.get_by_role("heading", name="Xin chào, Người Dùng", exact=False)).to_be_visible()
    expect(page.get_by_text("Sở Khoa học và Công nghệ — Khánh Hòa")).to_be_visible()
    expect(page.get_by_text("Cán bộ TĐC (Sở KH&CN)")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập TĐC")).to_be_visible()
    page.goto(live_server.url + "/ke-hoach/")
    expect(page).to_have_url(live_server.url + "/tai-khoan/dang-nhap/?next=/ke-hoach/")


def test_officer_who_forgot_the_password_sets_a_new_one_from_the_email(
    page: Page, live_server, officer
):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    page.get_by_label("Thư điện tử của tài khoản").fill(officer.email)
    page.get_by_role("button", name="Gửi đường dẫn đặt lại mật khẩu").click()
    expect(page.get_by_role("heading", name="Đã gửi hướng dẫn")).to_be_visible()

    [message] = mail.outbox
    link = re.search(r"https?://[^/\s]+(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body)
    assert link is not None
    page.goto(live_server.url + link.group(1))
    page.get_by_label(re.compile(r"^Mật khẩu mới")).fill("Mat-khau-moi-rat-dai-2026")
    page.get_by_label("Nhập lại mật khẩu mới").fill("Mat-khau-moi-rat-dai-2026")
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(page.get_by_role("heading", name="Đã đặt mật khẩu mới")).to_be_visible()

    log_in(page, live_server, officer, password="Mat-khau-moi-rat-dai-2026")
    expect(page.get_by_role("heading", name="Xin chào, Người Dùng", exact=False)).to_be_visible()
