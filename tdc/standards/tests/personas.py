"""The personas of the root conftest.py, and a helper to write who gets which status."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import URLPattern, URLResolver
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts.permissions import requires_second_factor

PERSONAS = (
    "officer",
    "reporter",
    "approver",
    "other_reporter",
    "commune_officer",
    "business_user",
    "leader",
    "custodian",
    "ministry_viewer",
    "admin_user",
    "other_province_officer",
    "anonymous",
)


def expect(default: int, *, anonymous: int = 302, **statuses: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table["anonymous"] = anonymous
    table.update(statuses)
    assert set(table) == set(PERSONAS), set(table) - set(PERSONAS)
    return table


PUBLIC = expect(200, anonymous=200)
LOGGED_IN = expect(200)
POST_ONLY = expect(405, anonymous=405)


def named_patterns(patterns: list[URLPattern | URLResolver]) -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found.extend(named_patterns(pattern.url_patterns))
        elif pattern.name:
            found.append((pattern.name, pattern))
    return found


def log_in_as(client: Client, persona: str, request: Any) -> None:
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    if persona == "anonymous":
        return
    client.force_login(user)
    if requires_second_factor(user):
        device = TOTPDevice.objects.create(user=user, name="TĐC", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
