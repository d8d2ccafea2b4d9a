"""Fixtures for the complaints tests: keys, places, a submit helper, verified custodians."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts.models import Organisation
from tdc.complaints.services import submit_complaint
from tdc.complaints.tests.factories import CommuneFactory, make_organisation
from tdc.complaints.tests.helpers import KEY_A


@pytest.fixture(autouse=True)
def identity_keys(settings, tmp_path):
    """Every test has a key from the settings, and no key file of the repository is touched."""
    settings.COMPLAINTS_IDENTITY_KEYS = KEY_A
    settings.COMPLAINTS_IDENTITY_KEY_FILE = str(tmp_path / "identity.keys")
    settings.SITE_URL = "https://tdc.example.vn"
    return KEY_A


@pytest.fixture
def commune(province):
    return CommuneFactory(code=22333, name="Phường Nha Trang", province=province)


@pytest.fixture
def other_commune(province):
    return CommuneFactory(code=22334, name="Phường Cam Ranh", province=province)


@pytest.fixture
def market_authority(province) -> Organisation:
    return make_organisation(
        name="Chi cục Quản lý thị trường tỉnh Khánh Hòa",
        province=province,
        email="qltt@example.vn",
    )


@pytest.fixture
def submit(province, commune, dost):
    """Submit a report as a citizen would (routing falls back to the DoST)."""

    def _submit(**values: Any):
        values.setdefault("category", "measurement_fraud")
        values.setdefault("province", province)
        values.setdefault("commune", commune)
        values.setdefault("business_name", "Sạp cá cô Ba")
        values.setdefault("address", "Chợ Đầm")
        values.setdefault("description", "Cân điện tử cân thiếu khoảng 100 gam mỗi ki-lô-gam.")
        return submit_complaint(**values)

    return _submit


@pytest.fixture
def verify():
    """Pass the second factor for a privileged user in a test client."""

    def _verify(client, user):
        device = TOTPDevice.objects.create(user=user, name="TĐC", confirmed=True)
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return client

    return _verify
