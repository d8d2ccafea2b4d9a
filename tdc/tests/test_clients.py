"""The client address of every throttle and of the audit log, with and without a proxy."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from tdc.accounts.tests.factories import TEST_PASSWORD
from tdc.core.clients import client_address
from tdc.core.models import AuditEvent

PROXY = "10.0.0.1"


def _request(remote_addr: str = "203.0.113.7", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_setting_forwarded_headers_are_ignored():
    request = _request("203.0.113.7", forwarded="198.51.100.1")
    request.META["HTTP_X_REAL_IP"] = "198.51.100.2"
    request.META["HTTP_FORWARDED"] = "for=198.51.100.3"

    assert client_address(request) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_is_the_client():
    assert client_address(_request(PROXY, forwarded="203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_spoofed_entries_to_the_left_change_nothing():
    forged = _request(PROXY, forwarded="198.51.100.1, 192.0.2.9, 203.0.113.7")
    garbage = _request(PROXY, forwarded="not-an-address, , 203.0.113.7")

    assert client_address(forged) == "203.0.113.7"
    assert client_address(garbage) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_address_from_the_right_is_the_client():
    request = _request(PROXY, forwarded="198.51.100.1, 203.0.113.7, 10.0.0.2")

    assert client_address(request) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_request_that_bypassed_the_proxy_is_keyed_on_its_own_address():
    assert client_address(_request("203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_ipv6_clients_behind_the_proxy_are_recognised():
    assert client_address(_request(PROXY, forwarded="2001:db8::5")) == "2001:db8::5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_on_a_unix_socket_the_forwarded_address_is_the_client():
    assert client_address(_request("", forwarded="198.51.100.1, 203.0.113.7")) == "203.0.113.7"
    assert client_address(_request("")) is None


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_chain_shorter_than_the_proxies_falls_back_to_the_peer():
    assert client_address(_request(PROXY, forwarded="203.0.113.7")) == PROXY


def test_no_address_at_all_is_none():
    assert client_address(_request("")) is None
    assert client_address(_request("unix-socket")) is None


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.django_db
def test_the_login_lockout_keys_on_the_client_behind_the_proxy(client, officer):
    login = "/tai-khoan/dang-nhap/"
    for _ in range(5):
        client.post(
            login,
            {"username": officer.username, "password": "sai"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )

    locked = client.post(
        login,
        {"username": officer.username, "password": TEST_PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
    )
    other_citizen = client.post(
        login,
        {"username": officer.username, "password": TEST_PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )

    assert locked.status_code == 429
    assert other_citizen.status_code == 302
    failures = AuditEvent.objects.filter(action="auth.login_failed")
    assert set(failures.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    assert AuditEvent.objects.get(action="auth.login").ip_address == "203.0.113.8"
