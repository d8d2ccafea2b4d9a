"""The public throttles key on the citizen behind the proxy, never on the proxy itself."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tdc.complaints.models import Complaint
from tdc.complaints.receipts import new_receipt_code

FOLLOW = "/phan-anh/theo-doi/"
REPORT_URL = "/phan-anh/gui/"
PROXY = "10.0.0.1"


def _form(province, commune):
    return {
        "category": "measurement_fraud",
        "province": province.pk,
        "commune": commune.pk,
        "address": "Chợ Đầm, sạp 12",
        "business_name": "Sạp cá cô Ba",
        "occurred_on": "2026-01-05",
        "description": "Cân điện tử cân thiếu khoảng 100 gam mỗi ki-lô-gam.",
        "identity_mode": "anonymous",
        "website": "",
    }


def _via_proxy(citizen: str) -> dict[str, str]:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": citizen}


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_five_wrong_receipts_behind_the_proxy_lock_out_only_that_citizen(client, submit):
    submitted = submit()
    for _ in range(5):
        assert (
            client.post(
                FOLLOW, {"code": new_receipt_code()}, **_via_proxy("203.0.113.7")
            ).status_code
            == 200
        )

    same_citizen = client.post(
        FOLLOW, {"code": submitted.receipt_code}, **_via_proxy("198.51.100.1, 203.0.113.7")
    )
    other_citizen = client.post(
        FOLLOW, {"code": submitted.receipt_code}, **_via_proxy("203.0.113.8")
    )

    assert same_citizen.status_code == 429
    assert "Bạn đã nhập sai mã quá nhiều lần" in same_citizen.content.decode()
    assert other_citizen.status_code == 302


def test_without_a_proxy_setting_a_forged_header_does_not_escape_the_lockout(client, submit):
    submitted = submit()
    for index in range(5):
        client.post(
            FOLLOW, {"code": new_receipt_code()}, HTTP_X_FORWARDED_FOR=f"198.51.100.{index}"
        )

    response = client.post(
        FOLLOW, {"code": submitted.receipt_code}, HTTP_X_FORWARDED_FOR="203.0.113.99"
    )

    assert response.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.django_db
def test_report_submissions_behind_the_proxy_are_counted_per_citizen(
    client, province, commune, dost
):
    for _ in range(5):
        response = client.post(REPORT_URL, _form(province, commune), **_via_proxy("203.0.113.7"))
        assert response.status_code == 302

    sixth = client.post(REPORT_URL, _form(province, commune), **_via_proxy("203.0.113.7"))
    neighbour = client.post(REPORT_URL, _form(province, commune), **_via_proxy("203.0.113.8"))

    assert sixth.status_code == 429
    assert neighbour.status_code == 302
    assert Complaint.objects.count() == 6
