from __future__ import annotations

import pytest

from tdc.accounts.services import issue_api_token
from tdc.standards.tests.factories import NotificationFactory, StandardFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, key = issue_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_search_ranked_with_the_count(client, business_user):
    StandardFactory(number="TCVN 4193:2014", title_vi="Cà phê nhân")
    StandardFactory(number="TCVN 5250:2015", title_vi="Cà phê rang")
    response = client.get("/api/v1/standards/", {"q": "tcvn4193"}, **bearer(business_user))
    body = response.json()
    assert (response.status_code, body["count"], [s["number"] for s in body["items"]]) == (
        200,
        1,
        ["TCVN 4193:2014"],
    )
    assert set(body["items"][0]) == {
        "id",
        "number",
        "kind",
        "title_vi",
        "title_en",
        "ics",
        "hs",
        "status",
        "replaced_by",
        "adoption",
        "issued_on",
    }


def test_limits_are_bounded_and_a_token_is_needed(client, business_user):
    assert (
        client.get("/api/v1/standards/", {"limit": 1000}, **bearer(business_user)).status_code
        == 422
    )
    assert client.get("/api/v1/standards/").status_code == 401


def test_notifications_by_hs_prefix(client, business_user):
    coffee = NotificationFactory(hs=["090111"])
    NotificationFactory(hs=["8516"])
    body = client.get(
        "/api/v1/standards/notifications", {"hs": "0901"}, **bearer(business_user)
    ).json()
    assert [n["symbol"] for n in body["items"]] == [coffee.symbol]


API = "/api/v1/standards"


def test_a_business_subscribes_changes_and_stops_over_the_api(
    client, business_user, officer, business, other_province_officer
):
    body = {
        "name": "Cà phê sang EU",
        "email": "xk@bienxanh.vn",
        "hs_prefixes": ["0901"],
        "markets": ["EU"],
    }
    created = client.post(
        f"{API}/subscriptions", body, content_type="application/json", **bearer(business_user)
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert (created.json()["hs_prefixes"], created.json()["organisation_id"]) == (
        ["0901"],
        business.pk,
    )
    wrong = client.post(
        f"{API}/subscriptions",
        body | {"ics_prefixes": ["99.999"]},
        content_type="application/json",
        **bearer(business_user),
    )
    assert (wrong.status_code, wrong.json()["detail"]) == (422, ["Mã ICS không tồn tại: 99.999"])
    changed = client.put(
        f"{API}/subscriptions/{pk}",
        body | {"ics_prefixes": ["67.140"]},
        content_type="application/json",
        **bearer(business_user),
    )
    assert changed.json()["ics_prefixes"] == ["67.140"]
    # Another province's officer neither sees it nor subscribes for this business.
    assert (
        client.post(f"{API}/subscriptions/{pk}/stop", **bearer(other_province_officer)).status_code
        == 404
    )
    assert (
        client.post(
            f"{API}/subscriptions",
            body | {"organisation_id": business.pk},
            content_type="application/json",
            **bearer(other_province_officer),
        ).status_code
        == 404
    )
    for_business = client.post(
        f"{API}/subscriptions",
        body | {"organisation_id": business.pk},
        content_type="application/json",
        **bearer(officer),
    )
    assert for_business.json()["organisation_id"] == business.pk
    stopped = client.post(f"{API}/subscriptions/{pk}/stop", **bearer(business_user))
    assert stopped.json()["is_active"] is False
    listed = client.get(f"{API}/subscriptions", **bearer(business_user)).json()["items"]
    assert [(s["name"], s["is_active"]) for s in listed] == [
        ("Cà phê sang EU", True),
        ("Cà phê sang EU", False),
    ]


def test_a_business_asks_and_the_enquiry_point_answers_over_the_api(client, business_user, officer):
    asked = client.post(
        f"{API}/enquiries",
        {"subject": "Nhãn cà phê sang EU", "question": "Cần ghi gì trên nhãn?", "market": "EU"},
        content_type="application/json",
        **bearer(business_user),
    )
    assert (asked.status_code, asked.json()["status"]) == (201, "open")
    pk = asked.json()["id"]
    assert (
        client.post(
            f"{API}/enquiries/{pk}/answer",
            {"answer": "Tự trả lời"},
            content_type="application/json",
            **bearer(business_user),
        ).status_code
        == 403
    )
    refused = client.post(
        f"{API}/enquiries/{pk}/answer",
        {"answer": "Theo Quy định (EU) 1169/2011.", "publish": True},
        content_type="application/json",
        **bearer(officer),
    )
    assert refused.status_code == 422  # publishing needs the anonymised wording
    answered = client.post(
        f"{API}/enquiries/{pk}/answer",
        {"answer": "Theo Quy định (EU) 1169/2011."},
        content_type="application/json",
        **bearer(officer),
    )
    assert (answered.json()["answer"], answered.json()["is_published"]) == (
        "Theo Quy định (EU) 1169/2011.",
        False,
    )
    mine = client.get(f"{API}/enquiries", **bearer(business_user)).json()["items"]
    assert [e["subject"] for e in mine] == ["Nhãn cà phê sang EU"]
