"""A system administrator enrols a TOTP app at first login, then reads the audit log."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tdc.accounts.tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _code(secret: str) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def test_administrator_enrols_a_second_factor_then_finds_it_in_the_audit_log(
    page: Page, live_server, admin_user
):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(admin_user.username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
    page.goto(live_server.url + "/tai-khoan/nhat-ky/")  # no way around the second factor
    expect(page.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
    expect(
        page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")
    ).to_be_visible()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Mã xác thực 6 chữ số").fill(_code(secret))
    page.get_by_role("button", name="Xác nhận").click()

    expect(page.get_by_role("heading", name="Nhật ký hệ thống")).to_be_visible()
    rows = page.locator("#audit-rows tbody tr")
    page.get_by_role("combobox", name="Hành động").select_option(
        label="Cài xác thực hai bước tài khoản"
    )
    page.get_by_role("button", name="Lọc").click()
    expect(rows.filter(has_text="Cài xác thực hai bước tài khoản")).to_have_count(1)
    page.get_by_role("combobox", name="Hành động").select_option(
        label="Xác thực hai bước tài khoản"
    )
    page.get_by_role("button", name="Lọc").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Xác thực hai bước tài khoản")
