"""The audit log reads in Vietnamese: events in words, changes as "field: old → new"."""

from __future__ import annotations

import re

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts import journal, services
from tdc.complaints.models import Complaint
from tdc.core.audit import record

pytestmark = pytest.mark.django_db


def test_actions_and_kinds_are_words_not_codes():
    assert journal.action_label("auth.login") == "Đăng nhập tài khoản"
    assert journal.action_label("organisation.updated") == "Sửa cơ quan, tổ chức"
    assert journal.action_label("accept") == "Sở tiếp nhận báo cáo"
    assert journal.action_label("complaint.something_new") == "Thao tác trên phản ánh"
    assert journal.action_label("zzz.unknown") == "Thao tác khác"
    assert journal.target_kind("accounts.organisation") == "Cơ quan, tổ chức"
    assert journal.target_kind("nope.nothing") == ""


def test_values_read_the_vietnamese_way():
    assert journal.display_value("2026-11-10") == "10/11/2026"
    assert journal.display_value(True) == "Có"
    assert journal.display_value(None) == "—"
    assert journal.display_value(["a", "b"]) == "a, b"
    # lists and mappings under a field that has choices (a plan's assignments, a filter)
    assert journal.display_value(["x"], model=Complaint, key="status") == "x"
    assert journal.display_value({"status": "open"}, model=Complaint, key="status") == (
        "trạng thái: open"
    )


def test_the_audit_page_shows_changes_as_old_to_new(client, admin_user, dost):
    services.update_organisation(dost, by=None, phone="0258 3822 895", address="04 Phan Chu Trinh")
    record(actor=admin_user, action="auth.login", target=admin_user)
    device = TOTPDevice.objects.create(user=admin_user, name="TĐC", confirmed=True)
    client.force_login(admin_user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    html = client.get("/tai-khoan/nhat-ky/").content.decode()
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    assert "Sửa cơ quan, tổ chức" in rows
    assert '<span class="text-secondary">Điện thoại:</span> — → 0258 3822 895' in rows
    assert '<span class="text-secondary">Địa chỉ:</span> — → 04 Phan Chu Trinh' in rows
    assert "Đăng nhập tài khoản" in rows
    assert "auth.login" not in rows
    assert "{'" not in rows
    assert "accounts.organisation" not in rows
    assert not re.search(r"<code", rows)
    assert '<option value="auth.login">Đăng nhập tài khoản</option>' in html
