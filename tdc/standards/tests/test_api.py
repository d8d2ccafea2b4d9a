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
