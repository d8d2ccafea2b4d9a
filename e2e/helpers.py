from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tdc.accounts.tests.factories import TEST_PASSWORD


def log_in(page: Page, live_server: Any, user: Any, password: str = TEST_PASSWORD) -> None:
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
