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


# --- The page's rules, through the API --------------------------------------------------------


def _register(client, user, **payload):
    body = {"type_id": kind(FUEL).pk, "serial": "API-2", **payload}
    return client.post(
        "/api/v1/metrology/instruments", body, content_type="application/json", **_auth(user)
    )


def test_a_business_cannot_register_in_another_province_through_the_api(
    client, business_user, business, hue_commune
):
    from tdc.metrology.models import Instrument

    response = _register(client, business_user, owner_id=business.pk, commune_id=hue_commune.pk)

    assert (response.status_code, response.json()) == (
        403,
        {
            "detail": "Xã, phường Phường Thuận Hóa không thuộc tỉnh mà bạn được đăng ký "
            "phương tiện đo."
        },
    )
    assert Instrument.objects.count() == 0


def test_a_business_cannot_name_an_owner_it_may_not_act_for(
    client, business_user, province, nha_trang
):
    from tdc.accounts.tests.factories import OrganisationFactory
    from tdc.metrology.models import Instrument

    rival = OrganisationFactory(name="Công ty Taxi Sao Biển", kind="business", province=province)

    response = _register(client, business_user, owner_id=rival.pk, commune_id=nha_trang.pk)

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Bạn không được đăng ký phương tiện đo cho Công ty Taxi Sao Biển."},
    )
    assert Instrument.objects.count() == 0


def test_an_officer_registers_for_a_business_of_the_province_but_not_elsewhere(
    client, officer, business, nha_trang, hue_commune, other_province
):
    from tdc.accounts.tests.factories import OrganisationFactory

    hue_business = OrganisationFactory(name="Công ty Huế", kind="business", province=other_province)

    ok = _register(client, officer, owner_id=business.pk, commune_id=nha_trang.pk)
    elsewhere = _register(client, officer, owner_id=business.pk, commune_id=hue_commune.pk)
    foreign = _register(client, officer, owner_id=hue_business.pk, commune_id=nha_trang.pk)

    assert (ok.status_code, ok.json()["owner_id"], ok.json()["province_id"]) == (
        201,
        business.pk,
        56,
    )
    assert (elsewhere.status_code, foreign.status_code) == (403, 403)
    assert foreign.json() == {"detail": "Bạn không được đăng ký phương tiện đo cho Công ty Huế."}


def test_read_only_roles_cannot_register_through_the_api(client, leader, business, nha_trang):
    response = _register(client, leader, owner_id=business.pk, commune_id=nha_trang.pk)

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Bạn không được đăng ký phương tiện đo."},
    )


def test_the_same_serial_twice_is_refused_as_on_the_page(
    client, business_user, business, nha_trang
):
    first = _register(client, business_user, owner_id=business.pk, commune_id=nha_trang.pk)
    second = _register(client, business_user, owner_id=business.pk, commune_id=nha_trang.pk)

    assert (first.status_code, second.status_code) == (201, 422)
    assert second.json() == {
        "detail": ["Chủ sở hữu này đã đăng ký một cột đo xăng dầu có số sản xuất API-2."]
    }


def test_control_characters_sent_to_the_api_are_not_stored(
    client, business_user, business, nha_trang
):
    from tdc.metrology.models import Instrument

    response = _register(
        client,
        business_user,
        owner_id=business.pk,
        commune_id=nha_trang.pk,
        serial="API\x0c-3",
        manufacturer="Tat\x00suno\u202e",
        address="12\x0b Trần Phú",
    )

    assert response.status_code == 201
    stored = Instrument.objects.get()
    assert (stored.serial, stored.manufacturer, stored.address) == (
        "API-3",
        "Tatsuno",
        "12 Trần Phú",
    )


def test_verifying_someone_elses_instrument_is_refused_as_on_the_page(
    client, business_user, officer, leader, province, nha_trang, centre
):
    from tdc.accounts.tests.factories import OrganisationFactory

    rival = OrganisationFactory(name="Công ty Taxi Sao Biển", kind="business", province=province)
    pump = instrument(rival, nha_trang, serial="R-1")
    body = {"verified_on": "2026-03-01", "verifier_id": centre.pk, "result": "fail"}
    url = f"/api/v1/metrology/instruments/{pump.pk}/verifications"

    hidden = client.post(url, body, content_type="application/json", **_auth(business_user))
    read_only = client.post(url, body, content_type="application/json", **_auth(leader))
    allowed = client.post(url, body, content_type="application/json", **_auth(officer))

    assert (hidden.status_code, hidden.json()) == (404, {"detail": "Không tìm thấy."})
    assert (read_only.status_code, read_only.json()) == (
        403,
        {"detail": "Bạn không được sửa phương tiện đo này."},
    )
    assert allowed.status_code == 201


def test_only_an_active_testing_body_may_be_the_verifier(
    client, business_user, business, nha_trang, centre
):
    pump = instrument(business, nha_trang, serial="V-1")
    centre.is_active = False
    centre.save()

    response = client.post(
        f"/api/v1/metrology/instruments/{pump.pk}/verifications",
        {"verified_on": "2026-03-01", "verifier_id": centre.pk, "result": "fail"},
        content_type="application/json",
        **_auth(business_user),
    )

    assert response.status_code == 404


def test_the_dashboard_refusal_is_json(client, business_user):
    response = client.get("/api/v1/metrology/dashboard", **_auth(business_user))

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Chỉ cán bộ TĐC và lãnh đạo xem được bảng tổng hợp của tỉnh."},
    )


def test_the_api_lists_what_each_page_persona_sees(
    client,
    business_user,
    officer,
    commune_officer,
    commune_org,
    other_province_officer,
    business,
    province,
    nha_trang,
    cam_ranh,
):
    from tdc.accounts.tests.factories import OrganisationFactory

    commune_org.commune = nha_trang
    commune_org.save()
    instrument(business, nha_trang, serial="MINE-NT")
    instrument(business, cam_ranh, serial="MINE-CR")
    instrument(OrganisationFactory(name="Khác", province=province), nha_trang, serial="THEIRS")

    def serials(user):
        body = client.get("/api/v1/metrology/instruments", **_auth(user)).json()
        return sorted(i["serial"] for i in body["items"])

    assert serials(business_user) == ["MINE-CR", "MINE-NT"]
    assert serials(officer) == ["MINE-CR", "MINE-NT", "THEIRS"]
    assert serials(commune_officer) == ["MINE-NT", "THEIRS"]
    assert serials(other_province_officer) == []
