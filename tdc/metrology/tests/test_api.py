import datetime as dt

import pytest

from tdc.accounts.services import issue_api_token
from tdc.metrology.tests.factories import FUEL, instrument, kind, verify

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, key = issue_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_stamp_endpoint_needs_no_token(client, business, nha_trang, centre):
    verify(instrument(business, nha_trang, serial="A"), dt.date(2026, 1, 31), stamp="KH-1")

    body = client.get("/api/v1/metrology/stamps/kh-1").json()

    assert body == {
        "stamp_number": "KH-1",
        "verdict": "valid",
        "instrument_type": "Cột đo xăng dầu",
        "serial": "A",
        "verified_on": "2026-01-31",
        "valid_until": "2027-01-31",
        "verified_by": "Trung tâm Kỹ thuật TĐC Khánh Hòa",
    }
    assert client.get("/api/v1/metrology/stamps/none").json()["verdict"] == "not_found"


def test_instruments_api_lists_only_what_the_user_sees(
    client, business_user, business, officer, nha_trang, province
):
    from tdc.accounts.tests.factories import OrganisationFactory

    instrument(business, nha_trang, serial="MINE")
    instrument(OrganisationFactory(name="Khác", province=province), nha_trang, serial="THEIRS")

    mine = client.get("/api/v1/metrology/instruments", **_auth(business_user)).json()
    assert [i["serial"] for i in mine["items"]] == ["MINE"]
    assert set(mine["items"][0]) == {
        "id",
        "type_id",
        "owner_id",
        "serial",
        "manufacturer",
        "model",
        "measuring_range",
        "accuracy_class",
        "province_id",
        "commune_id",
        "address",
        "status",
        "last_verified_on",
        "last_result",
        "last_stamp_number",
        "next_due",
    }
    assert client.get("/api/v1/metrology/instruments", **_auth(officer)).json()["count"] == 2


def test_register_and_verify_through_the_api(client, business_user, business, nha_trang, centre):
    headers = _auth(business_user)
    created = client.post(
        "/api/v1/metrology/instruments",
        {
            "owner_id": business.pk,
            "type_id": kind(FUEL).pk,
            "serial": "API-1",
            "commune_id": nha_trang.pk,
        },
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201
    pk = created.json()["id"]

    bad = client.post(
        f"/api/v1/metrology/instruments/{pk}/verifications",
        {"verified_on": "2026-03-01", "verifier_id": centre.pk, "result": "pass"},
        content_type="application/json",
        **headers,
    )
    good = client.post(
        f"/api/v1/metrology/instruments/{pk}/verifications",
        {
            "verified_on": "2026-03-01",
            "verifier_id": centre.pk,
            "result": "pass",
            "stamp_number": "API-S",
        },
        content_type="application/json",
        **headers,
    )

    assert (bad.status_code, bad.json()) == (
        422,
        {"detail": ["Phương tiện đo đạt yêu cầu phải có số tem kiểm định."]},
    )
    assert (good.status_code, good.json()["next_due"]) == (201, "2027-03-01")


def test_dashboard_api_for_officers(client, officer, business_user, business, nha_trang, centre):
    verify(instrument(business, nha_trang, serial="A"), dt.date(2025, 1, 31), stamp="KH-1")
    body = client.get("/api/v1/metrology/dashboard", **_auth(officer)).json()
    assert (body["total"], body["overdue"], body["communes"][0]["name"]) == (
        1,
        1,
        "Phường Nha Trang",
    )
    assert client.get("/api/v1/metrology/dashboard", **_auth(business_user)).status_code == 403
