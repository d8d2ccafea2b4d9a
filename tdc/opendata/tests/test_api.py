"""Open data through the API: the catalogue and the rows as published, for anyone (no token),
nothing personal; "regenerate now" for the administrator only."""

from __future__ import annotations

import pytest
from django.test import Client

from tdc.accounts.services import issue_api_token
from tdc.complaints.tests.factories import make_complaint
from tdc.metrology.tests.factories import CommuneFactory, instrument
from tdc.opendata import services

pytestmark = pytest.mark.django_db


def test_the_catalogue_and_rows_are_public_and_hold_nothing_personal(business, province):
    commune = CommuneFactory(province=province, name="Phường Nha Trang")
    instrument(business, commune, serial="SECRET-SERIAL-1")
    make_complaint(
        province=province, commune=commune, business_name="Sạp cá cô Ba",
        description="Người phản ánh Nguyễn Văn Bí mật, 0905123456",
    )  # fmt: skip
    services.regenerate_all()
    anyone = Client()

    catalogue = anyone.get("/api/v1/opendata/datasets")
    entry = next(d for d in catalogue.json() if d["key"] == "phuong-tien-do-theo-xa")
    rows = anyone.get("/api/v1/opendata/datasets/phuong-tien-do-theo-xa/rows")

    assert catalogue.status_code == 200
    assert entry["csv_url"] == "/du-lieu-mo/phuong-tien-do-theo-xa.csv"
    assert entry["row_count"] == 1
    assert entry["licence"]
    assert [f["name"] for f in entry["fields"]][:2] == ["ma_tinh", "tinh"]
    assert rows.json()["count"] == 1
    assert rows.json()["items"][0]["xa"] == "Phường Nha Trang"
    body = catalogue.content.decode() + rows.content.decode()
    for secret in ("SECRET-SERIAL-1", "Bí mật", "0905123456", business.name):
        assert secret not in body
    assert anyone.get("/api/v1/opendata/datasets/khong-co").status_code == 404


def test_only_the_administrator_regenerates(officer, admin_user):
    def post(user):
        _token, key = issue_api_token(user, name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}").post("/api/v1/opendata/regenerate")

    assert Client().post("/api/v1/opendata/regenerate").status_code == 401
    assert post(officer).status_code == 403
    done = post(admin_user)
    assert (done.status_code, done.json()["written"] >= 2) == (200, True)
