import pytest

from tdc.accounts.models import ApiToken
from tdc.accounts.services import issue_api_token, revoke_api_token
from tdc.core.models import AuditEvent

URL = "/api/v1/organisations/"


def auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_api_needs_a_token(client, officer):
    assert client.get(URL).status_code == 401
    assert client.get(URL, **auth("tdc_not-a-real-token")).status_code == 401


def test_a_token_is_stored_only_as_a_hash_and_shown_once(officer):
    token, key = issue_api_token(officer, name="Kết nối hệ thống tỉnh")

    assert key.startswith("tdc_")
    assert len(key) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in (stored.key_hash, stored.prefix)
    assert stored.key_hash == ApiToken.hash_key(key)
    assert AuditEvent.objects.filter(action="api_token.issued").count() == 1


def test_the_api_applies_the_same_permission_rule(client, reporter, agency, other_agency, dost):
    _token, key = issue_api_token(reporter, name="test")

    response = client.get(URL, **auth(key))

    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["name"] for i in items] == ["Sở Tài chính"]
    assert set(items[0]) == {
        "id",
        "name",
        "short_name",
        "aliases",
        "kind",
        "province_id",
        "parent_id",
        "is_active",
    }
    assert client.get(f"{URL}{other_agency.pk}", **auth(key)).status_code == 404


def test_an_officer_sees_the_province_through_the_api(client, officer, agency, other_province_dost):
    _token, key = issue_api_token(officer, name="test")

    names = {i["name"] for i in client.get(URL, **auth(key)).json()["items"]}

    assert names == {"Sở Khoa học và Công nghệ", "Sở Tài chính"}


def test_a_revoked_token_stops_working(client, officer):
    token, key = issue_api_token(officer, name="test")
    revoke_api_token(token, by=officer)

    assert client.get(URL, **auth(key)).status_code == 401


def test_tokens_are_managed_on_the_profile_page(client, officer):
    client.force_login(officer)

    response = client.post("/tai-khoan/ca-nhan/", {"name": "Báo cáo tự động"})

    key = response.context["new_key"]
    assert key in response.content.decode()
    assert client.get("/tai-khoan/ca-nhan/").content.decode().count(key) == 0
    token = ApiToken.objects.get(user=officer)
    client.post(f"/tai-khoan/ca-nhan/ma-api/{token.pk}/thu-hoi/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_users_token_cannot_be_revoked(client, officer, reporter):
    token, _key = issue_api_token(reporter, name="test")
    client.force_login(officer)

    assert client.post(f"/tai-khoan/ca-nhan/ma-api/{token.pk}/thu-hoi/").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_the_api_documents_itself_locally(client, db, path):
    response = client.get(path)

    assert response.status_code == 200
    body = response.content.decode()
    assert "cdn." not in body
    assert "unpkg" not in body


@pytest.mark.parametrize(
    "payload",
    [
        {"tax_code": "m", "short_name": None},
        {"name": None},
        {"aliases": None},
        {"is_active": None},
        {"kind": None},
        {"email": None, "phone": None, "address": None},
    ],
)
def test_a_null_for_a_field_that_cannot_be_empty_is_refused_and_changes_nothing(
    client, officer, agency, payload
):
    _token, key = issue_api_token(officer, name="test")
    before = {f: getattr(agency, f) for f in ("name", "short_name", "tax_code", "aliases")}
    response = client.patch(
        f"{URL}{agency.pk}", payload, content_type="application/json", **auth(key)
    )
    assert response.status_code == 422
    agency.refresh_from_db()
    assert {f: getattr(agency, f) for f in before} == before
