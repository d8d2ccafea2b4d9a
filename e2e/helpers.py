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


def _totp_code(secret: str) -> str:
    import base64

    from django_otp.oath import totp

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def log_in_any(page: Page, live_server: Any, user: Any, password: str = TEST_PASSWORD) -> None:
    """Log in; for administrators and custodians, enrol the second factor on the way."""
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    secret = page.locator("#totp-secret")
    if "/xac-thuc-hai-buoc/" in page.url and secret.count():
        page.get_by_label("Mã xác thực 6 chữ số").fill(_totp_code(secret.inner_text()))
        page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


SERIOUS = ("serious", "critical")


def serious_accessibility_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page, as "rule: target" lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]


def open_menu_entry(page: Page, group: str, entry: str) -> None:
    """Click a menu entry: inside its drop-down `group` when the group shows as one, or as a
    plain link when it is the only entry of its group the user may open."""
    toggle = page.get_by_role("button", name=group, exact=True)
    if toggle.count():
        toggle.first.click()
    page.get_by_role("link", name=entry, exact=True).first.click()
