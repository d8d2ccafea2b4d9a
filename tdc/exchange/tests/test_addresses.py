"""SSRF: a webhook never reaches the platform itself, the cloud metadata service, or (unless
the administrator allows the intranet) a private address."""

from __future__ import annotations

import ipaddress

import pytest
from django.core.exceptions import ValidationError

from tdc.exchange.addresses import address_refusal, resolve_target


@pytest.mark.parametrize(
    ("address", "intranet", "refused"),
    [
        ("127.0.0.1", True, True),
        ("::1", True, True),
        ("::ffff:127.0.0.1", True, True),
        ("169.254.169.254", True, True),  # the cloud metadata service
        ("0.0.0.0", True, True),  # noqa: S104
        ("224.0.0.1", True, True),
        ("10.1.2.3", False, True),
        ("10.1.2.3", True, False),
        ("192.168.1.10", False, True),
        ("100.64.0.1", False, True),
        ("fd00::1", False, True),
        ("fd00::1", True, False),
        ("240.0.0.1", True, True),  # reserved
        ("8.8.8.8", False, False),
    ],
)
def test_address_rules(address, intranet, refused):
    result = address_refusal(ipaddress.ip_address(address), allow_intranet=intranet)
    assert (result is not None) is refused


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://127.0.0.1:8000/", "Không được gửi tới chính máy chủ (địa chỉ loopback)."),
        ("https://localhost/hook", "Không được gửi tới chính máy chủ (địa chỉ loopback)."),
        ("https://169.254.169.254/latest/", "Địa chỉ này không được phép nhận sự kiện."),
        (
            "https://10.0.0.5/hook",
            "Địa chỉ thuộc mạng nội bộ: cần quản trị viên cho phép mạng nội bộ.",
        ),
        ("http://8.8.8.8/hook", "Địa chỉ nhận trên Internet phải dùng https://."),
        ("ftp://8.8.8.8/hook", "Địa chỉ nhận phải bắt đầu bằng https:// (hoặc http://)."),
        ("https://user:pw@8.8.8.8/", "Địa chỉ nhận không được chứa tên đăng nhập hay mật khẩu."),
        ("https://2130706433/", "Không được gửi tới chính máy chủ (địa chỉ loopback)."),
    ],
)
def test_refused_urls(url, message, settings):
    settings.EXCHANGE_ALLOW_LOOPBACK = False
    with pytest.raises(ValidationError) as refused:
        resolve_target(url, allow_intranet=False)
    assert refused.value.messages == [message]


def test_the_connection_goes_to_the_checked_address():
    target = resolve_target("https://8.8.8.8:8443/hook?x=1", allow_intranet=False)
    assert (target.host, target.port, target.path, target.address) == (
        "8.8.8.8",
        8443,
        "/hook?x=1",
        "8.8.8.8",
    )
