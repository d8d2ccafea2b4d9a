"""Fixtures for the capacity tests: a logged-in client that has passed the second factor
when the persona needs one (administrators, custodians)."""

from __future__ import annotations

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts.permissions import requires_second_factor


@pytest.fixture
def log_in():
    def _log_in(client, user):
        client.force_login(user)
        if requires_second_factor(user):
            device = TOTPDevice.objects.create(user=user, name="TĐC", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return _log_in
