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


API = "/api/v1/conformity"


def test_the_business_files_and_the_officer_decides_over_the_api(
    client, business_user, officer, other_province_officer
):
    from tdc.conformity.tests.factories import PDF, PNG, regulation

    standard = regulation()
    body = {
        "product_name": "Ấm đun nước KT-2",
        "gtin": "8931234567897",
        "standard_id": standard.pk,
        "certifying_body": "QUATEST 3",
        "certificate_number": "HQ-9",
    }
    created = client.post(
        f"{API}/declarations", body, content_type="application/json", **bearer(business_user)
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert (created.json()["status"], created.json()["gtin"]) == ("draft", "08931234567897")
    # The officer cannot decide on a draft; nor can anyone file one for another business.
    assert client.post(f"{API}/declarations/{pk}/accept", **bearer(officer)).status_code == 404
    assert (
        client.post(
            f"{API}/declarations", body, content_type="application/json", **bearer(officer)
        ).status_code
        == 403
    )
    incomplete = client.post(f"{API}/declarations/{pk}/submit", **bearer(business_user))
    assert incomplete.status_code == 422
    assert incomplete.json()["detail"] == [
        "Hồ sơ còn thiếu: bản sao giấy chứng nhận; mẫu nhãn hàng hóa."
    ]
    from tdc.conformity.models import Declaration

    declaration = Declaration.objects.get(pk=pk)
    services.add_document(
        declaration, kind="certificate", data=PDF, filename="g.pdf", by=business_user
    )
    services.add_document(declaration, kind="label", data=PNG, filename="n.png", by=business_user)
    submitted = client.post(f"{API}/declarations/{pk}/submit", **bearer(business_user))
    assert submitted.json()["status"] == "submitted"
    assert (
        client.post(f"{API}/declarations/{pk}/accept", **bearer(other_province_officer)).status_code
        == 404
    )
    assert (
        client.post(f"{API}/declarations/{pk}/accept", **bearer(business_user)).status_code == 403
    )
    back = client.post(
        f"{API}/declarations/{pk}/return",
        {"reasons": "Nhãn chưa có dấu CR.", "refuse": False},
        content_type="application/json",
        **bearer(officer),
    )
    assert back.json()["status"] == "more_info"
    changed = client.put(
        f"{API}/declarations/{pk}",
        body | {"product_name": "Ấm đun nước KT-3"},
        content_type="application/json",
        **bearer(business_user),
    )
    assert changed.json()["product_name"] == "Ấm đun nước KT-3"
    client.post(f"{API}/declarations/{pk}/submit", **bearer(business_user))
    accepted = client.post(f"{API}/declarations/{pk}/accept", **bearer(officer)).json()
    assert accepted["status"] == "accepted"
    assert accepted["receipt_number"].endswith("/TNCB")
    unknown = client.post(
        f"{API}/declarations",
        body | {"standard_id": 999999},
        content_type="application/json",
        **bearer(business_user),
    )
    assert unknown.status_code == 422
