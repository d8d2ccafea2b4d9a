from tdc.accounts.services import issue_api_token
from tdc.surveillance.tests.factories import EstablishmentFactory


def _auth(user):
    _token, key = issue_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_published_warnings_by_search_and_by_barcode(client, officer, world):
    headers = _auth(officer)

    found = client.get("/api/v1/surveillance/warnings?q=xe+day", **headers).json()
    by_gtin = client.get("/api/v1/surveillance/warnings/by-gtin/8934567000048", **headers).json()
    none = client.get("/api/v1/surveillance/warnings/by-gtin/8934567000017", **headers).json()
    bad = client.get("/api/v1/surveillance/warnings/by-gtin/8934567000049", **headers)

    assert found["count"] == 1
    assert set(found["items"][0]) == {
        "reference",
        "title",
        "risk_level",
        "product_name",
        "brand",
        "gtin",
        "hazard",
        "measures",
        "where_sold",
        "published_at",
    }
    assert [w["reference"] for w in by_gtin] == [world["warning"].reference]
    assert none == []
    assert bad.status_code == 422


def test_a_business_reads_only_its_own_establishment_and_score(
    client, business_user, world, province
):
    other = EstablishmentFactory(organisation__province=province)
    headers = _auth(business_user)

    listed = client.get("/api/v1/surveillance/establishments", **headers).json()
    own = client.get(f"/api/v1/surveillance/establishments/{world['establishment'].pk}", **headers)
    theirs = client.get(f"/api/v1/surveillance/establishments/{other.pk}", **headers)

    assert [e["id"] for e in listed["items"]] == [world["establishment"].pk]
    assert own.json()["name"] == "Công ty TNHH Xăng dầu Biển Xanh"
    assert theirs.status_code == 404
