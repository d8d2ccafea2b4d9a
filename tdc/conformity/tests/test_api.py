from __future__ import annotations

import pytest

from tdc.conformity import services
from tdc.conformity.tests.factories import draft, filed
from tdc.standards.tests.test_api import bearer

pytestmark = pytest.mark.django_db


def test_the_register_lists_accepted_only_and_drafts_stay_with_the_business(
    client, business_user, officer, leader
):
    accepted = services.accept_declaration(filed(business_user), by=officer)
    mine = draft(business_user, product_name="Nháp")
    register = client.get("/api/v1/conformity/register", **bearer(leader)).json()
    assert [d["receipt_number"] for d in register["items"]] == [accepted.receipt_number]
    assert (
        client.get(f"/api/v1/conformity/declarations/{mine.pk}", **bearer(leader)).status_code
        == 404
    )
    own = client.get("/api/v1/conformity/declarations", **bearer(business_user)).json()
    assert {d["product_name"] for d in own["items"]} == {"Nháp", "Bình nước nóng BX-30"}
