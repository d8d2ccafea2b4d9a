"""Keyset pagination of the register over the API: every row once, in a stable order, at
constant cost; only what changed since the client's last run; 304 when nothing did."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.http import http_date

from tdc.accounts.services import issue_api_token
from tdc.metrology.models import Instrument
from tdc.metrology.tests.factories import instrument, verify

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, key = issue_api_token(user, name="feed")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _pages(client, url, auth, **params):
    seen, cursor, pages = [], "", 0
    while True:
        body = client.get(url, {**params, "cursor": cursor}, **auth).json()
        seen += body["items"]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return seen, pages


def test_the_feed_pages_every_visible_instrument_once_in_change_order(
    client, business_user, business, nha_trang, province, time_machine
):
    from tdc.accounts.tests.factories import OrganisationFactory

    start = timezone.now()
    for i in range(5):
        time_machine.move_to(start + dt.timedelta(minutes=i), tick=False)
        instrument(business, nha_trang, serial=f"S{i}")
    instrument(OrganisationFactory(name="Khác", province=province), nha_trang, serial="THEIRS")
    auth = _auth(business_user)
    items, pages = _pages(client, "/api/v1/metrology/instruments/feed", auth, limit=2)
    assert [i["serial"] for i in items] == ["S0", "S1", "S2", "S3", "S4"]
    assert pages == 3
    # An instrument changed later moves to the end; a client asking for what changed since
    # its last run gets only it.
    time_machine.move_to(start + dt.timedelta(minutes=10), tick=False)
    changed = Instrument.objects.get(serial="S1")
    changed.address = "Chợ Đầm"
    changed.save()
    since = (start + dt.timedelta(minutes=5)).isoformat()
    body = client.get("/api/v1/metrology/instruments/feed", {"updated_after": since}, **auth).json()
    assert [i["serial"] for i in body["items"]] == ["S1"]
    assert body["next_cursor"] is None
    # If-Modified-Since: something changed → 200; nothing since → 304.
    later = http_date((start + dt.timedelta(minutes=11)).timestamp())
    response = client.get(
        "/api/v1/metrology/instruments/feed", HTTP_IF_MODIFIED_SINCE=later, **auth
    )
    assert response.status_code == 304
    earlier = http_date((start + dt.timedelta(minutes=9)).timestamp())
    response = client.get(
        "/api/v1/metrology/instruments/feed", HTTP_IF_MODIFIED_SINCE=earlier, **auth
    )
    assert [i["serial"] for i in response.json()["items"]] == ["S1"]


@pytest.mark.parametrize(
    "cursor", ["not-base64!", "WzFd", "WyJ4IiwgMV0", "WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwgLTFd"]
)
def test_a_bad_cursor_is_refused_with_422(client, business_user, cursor):
    response = client.get(
        "/api/v1/metrology/instruments/feed", {"cursor": cursor}, **_auth(business_user)
    )
    assert response.status_code == 422
    assert response.json() == {"detail": ["Con trỏ trang (cursor) không hợp lệ."]}


def test_limits_are_bounded(client, business_user):
    auth = _auth(business_user)
    assert (
        client.get("/api/v1/metrology/instruments/feed", {"limit": 501}, **auth).status_code == 422
    )
    assert client.get("/api/v1/metrology/verifications", {"limit": 0}, **auth).status_code == 422


def test_the_verification_feed(
    client, business_user, business, nha_trang, centre, officer, time_machine
):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    first = instrument(business, nha_trang, serial="A")
    second = instrument(business, nha_trang, serial="B")
    for minutes, (target, day, stamp) in enumerate(
        [(first, 10, "KH-1"), (second, 11, "KH-2"), (first, 12, "KH-3")]
    ):
        time_machine.move_to(start + dt.timedelta(minutes=minutes), tick=False)
        verify(target, dt.date(2026, 1, day), stamp=stamp)
    auth = _auth(business_user)
    items, pages = _pages(client, "/api/v1/metrology/verifications", auth, limit=2)
    assert [(i["instrument_id"], i["stamp_number"]) for i in items] == [
        (first.pk, "KH-1"),
        (second.pk, "KH-2"),
        (first.pk, "KH-3"),
    ]
    assert pages == 2
    since = items[1]["created_at"]
    body = client.get("/api/v1/metrology/verifications", {"updated_after": since}, **auth).json()
    assert [i["stamp_number"] for i in body["items"]] == ["KH-3"]


def test_an_instrument_is_edited_through_the_api_with_the_pages_rules(
    client, business_user, business, nha_trang, hue_commune, other_province_officer
):
    from tdc.core.models import AuditEvent

    target = instrument(business, nha_trang, serial="EDIT-1")
    auth = _auth(business_user)
    url = f"/api/v1/metrology/instruments/{target.pk}"
    response = client.patch(
        url,
        {"address": "Chợ Xóm Mới", "status": "suspended"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    assert (response.json()["address"], response.json()["status"]) == ("Chợ Xóm Mới", "suspended")
    assert AuditEvent.objects.filter(
        target_id=str(target.pk), action__contains="instrument"
    ).exists()
    # A commune of another province: the page's rule refuses it.
    refused = client.patch(
        url, {"commune_id": hue_commune.pk}, content_type="application/json", **auth
    )
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith(f"Xã, phường {hue_commune.name} không thuộc tỉnh")
    # Not theirs: 404, as on the page.
    other = client.patch(
        url, {"address": "x"}, content_type="application/json", **_auth(other_province_officer)
    )
    assert other.status_code == 404
