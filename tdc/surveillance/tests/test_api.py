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


def _post(client, url, payload, headers, method="post"):
    import json

    return getattr(client, method)(
        f"/api/v1/surveillance{url}",
        data=json.dumps(payload),
        content_type="application/json",
        **headers,
    )


def test_an_officer_records_a_survey_end_to_end_through_the_api(
    client, officer, second_officer, world
):
    from tdc.surveillance.models import Sample
    from tdc.surveillance.tests.factories import criterion

    headers = _auth(officer)
    product = _post(
        client,
        "/products",
        {"name": "Ấm siêu tốc", "category": "do-choi-tre-em", "gtin": "8934567000031"},
        headers,
    )
    assert product.status_code == 201
    assert product.json()["gtin"] == "08934567000031"
    again = _post(
        client,
        "/products",
        {"name": "Khác", "category": "do-choi-tre-em", "gtin": "8934567000031"},
        headers,
    )
    assert again.status_code == 422
    assert again.json()["detail"] == ["Đã có sản phẩm mang mã GTIN 08934567000031."]

    seller = _post(
        client, "/establishments", {"name": "Sạp Cô Lan", "channels": ["stall"]}, headers
    )
    assert seller.status_code == 201
    duplicate = _post(client, "/establishments", {"name": "sap co lan"}, headers)
    assert duplicate.status_code == 422
    assert "Đã có cơ sở tên “Sạp Cô Lan”" in duplicate.json()["detail"][0]

    programme = _post(
        client,
        "/programmes",
        {"year": 2027, "title": "Khảo sát đồ chơi 2027", "categories": ["do-choi-tre-em"]},
        headers,
    )
    assert programme.status_code == 201
    sample = _post(
        client,
        f"/programmes/{programme.json()['id']}/samples",
        {
            "code": "KS-101",
            "product_id": product.json()["id"],
            "establishment_id": seller.json()["id"],
            "sampled_on": "2027-03-02",
            "lot": "L01",
        },
        headers,
    )
    assert sample.status_code == 201
    lead = criterion("Hàm lượng chì (Pb) trong lớp phủ")
    result = _post(
        client,
        f"/samples/{sample.json()['id']}/results",
        {"criterion_id": lead.pk, "measured": "1.250", "unit": "mg/kg"},
        headers,
    )
    assert result.status_code == 201
    assert result.json()["verdict"] == Sample.Verdict.NON_CONFORMING
    assert result.json()["results"][0]["conforming"] is False
    wrong_unit = _post(
        client,
        f"/samples/{sample.json()['id']}/results",
        {
            "criterion_id": criterion("Hàm lượng chì (Pb) trong lớp phủ").pk,
            "measured": "1",
            "unit": "%",
        },
        headers,
    )
    assert wrong_unit.status_code == 422

    warning = _post(
        client, f"/samples/{sample.json()['id']}/warning", {"hazard": "Chì vượt mức."}, headers
    )
    assert warning.status_code == 201
    assert warning.json()["status"] == "draft"
    pk = warning.json()["id"]
    own = _post(client, f"/managed-warnings/{pk}/approve", {}, headers)
    assert own.status_code == 422  # the drafter does not approve their own warning
    approved = _post(client, f"/managed-warnings/{pk}/approve", {}, _auth(second_officer))
    assert approved.json()["status"] == "approved"
    published = _post(client, f"/managed-warnings/{pk}/publish", {}, headers)
    assert published.json()["status"] == "published"
    public = client.get("/api/v1/surveillance/warnings/by-gtin/8934567000031", **headers).json()
    assert [w["reference"] for w in public] == [warning.json()["reference"]]


def test_inspections_and_violations_through_the_api(client, officer, world, other_province):
    headers = _auth(officer)
    shop = world["establishment"]
    inspection = _post(
        client,
        "/inspections",
        {"establishment_id": shop.pk, "inspected_on": "2026-11-02", "team": "Trần Thị Thu"},
        headers,
    )
    assert inspection.status_code == 201
    pk = inspection.json()["id"]
    done = _post(
        client,
        f"/inspections/{pk}/result",
        {
            "findings": "Nhãn thiếu thông tin nhà nhập khẩu.",
            "checked_labels": True,
            "sample_ids": [world["sample"].pk],
        },
        headers,
    )
    assert done.status_code == 200
    assert done.json()["status"] == "done"
    violation = _post(
        client,
        f"/inspections/{pk}/violations",
        {
            "description": "Nhãn hàng hóa thiếu nội dung bắt buộc",
            "legal_basis": "Điều 20 Nghị định 119/2017/NĐ-CP",
            "fine_amount": "5000000",
            "decision_number": "12/QĐ-XPHC",
        },
        headers,
    )
    assert violation.status_code == 201
    assert violation.json()["violations"][0]["decision_number"] == "12/QĐ-XPHC"
    foreign = EstablishmentFactory(organisation__province=other_province)
    refused = _post(
        client,
        "/inspections",
        {"establishment_id": foreign.pk, "inspected_on": "2026-11-02", "team": "Đoàn"},
        headers,
    )
    assert refused.status_code == 404


def test_testing_bodies_and_establishments_are_changed_through_the_api(client, officer, world):
    headers = _auth(officer)
    body = _post(
        client,
        "/testing-bodies",
        {"name": "Phòng thử nghiệm Nha Trang", "tax_code": "4201111111"},
        headers,
    )
    assert body.status_code == 201
    assert body.json()["establishment_id"] is not None
    edited = _post(
        client,
        f"/testing-bodies/{body.json()['id']}",
        {"name": "Phòng thử nghiệm Nha Trang", "address": "5 Trần Phú"},
        headers,
        method="put",
    )
    assert edited.json()["address"] == "5 Trần Phú"
    changed = _post(
        client,
        f"/establishments/{world['establishment'].pk}",
        {"channels": ["shop", "online"], "volume": "large", "categories": ["do-choi-tre-em"]},
        headers,
        method="patch",
    )
    assert changed.json()["channels"] == ["shop", "online"]


def test_a_business_reads_its_samples_but_changes_nothing(client, business_user, world):
    headers = _auth(business_user)
    samples = client.get("/api/v1/surveillance/samples", **headers).json()
    assert [s["code"] for s in samples["items"]] == ["KS-001"]
    refused = _post(
        client,
        f"/establishments/{world['establishment'].pk}",
        {"channels": ["stall"], "volume": "small"},
        headers,
        method="patch",
    )
    assert refused.status_code == 403
    world["establishment"].refresh_from_db()
    assert world["establishment"].channels == ["shop"]
