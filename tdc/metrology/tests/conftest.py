from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tdc.accounts.models import Commune
from tdc.metrology.tests.factories import CommuneFactory, verification_body


@pytest.fixture
def nha_trang(province) -> Commune:
    return CommuneFactory(
        code=22366, name="Phường Nha Trang", province=province, search_key="phuong nha trang"
    )


@pytest.fixture
def cam_ranh(province) -> Commune:
    return CommuneFactory(
        code=22420, name="Phường Cam Ranh", province=province, search_key="phuong cam ranh"
    )


@pytest.fixture
def hue_commune(other_province) -> Commune:
    return CommuneFactory(
        code=19999, name="Phường Thuận Hóa", province=other_province, search_key="phuong thuan hoa"
    )


@pytest.fixture
def centre(province):
    return verification_body(province)


NOW = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(autouse=True)
def clock():
    """Every metrology test runs on 15/03/2026, 10:00 in Khánh Hòa."""
    with time_machine.travel(NOW, tick=False):
        yield
