"""The standards pages through the client: search, a standard's page, subscriptions made by
an officer for a business, the officer's summary."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdc.standards.models import Notification, Subscription
from tdc.standards.tests.factories import NotificationFactory, StandardFactory

pytestmark = pytest.mark.django_db


def test_search_page_and_standard_page(client):
    old = StandardFactory(
        number="TCVN 4193:2005",
        title_vi="Cà phê nhân",
        status="replaced",
        replaced_by="TCVN 4193:2014",
    )
    new = StandardFactory(number="TCVN 4193:2014", title_vi="Cà phê nhân")
    page = client.get(reverse("standards:standard_list"), {"q": "ca phe nhan"}).content.decode()
    assert "2 tiêu chuẩn, quy chuẩn" in page
    assert page.index("TCVN 4193:2014") < page.index("TCVN 4193:2005")
    detail = client.get(old.get_absolute_url()).content.decode()
    assert "Tiêu chuẩn này đã được thay thế" in detail
    assert f'href="{new.get_absolute_url()}"' in detail
    assert client.get(reverse("standards:standard_list"), {"page": "x"}).status_code == 200


def test_an_officer_subscribes_a_business_and_edits_it(client, officer, business, other_province):
    client.force_login(officer)
    response = client.post(
        reverse("standards:subscription_create"),
        {
            "organisation": business.pk,
            "name": "Cà phê",
            "email": "a@b.vn",
            "hs_prefixes": "0901, 2101",
            "keywords": "cà phê rang",
        },
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.organisation, subscription.hs_prefixes, subscription.keywords) == (
        business,
        ["0901", "2101"],
        ["ca phe rang"],
    )
    client.post(
        reverse("standards:subscription_detail", args=[subscription.pk]),
        {"name": "Cà phê", "email": "a@b.vn", "ics_prefixes": "67.140"},
    )
    subscription.refresh_from_db()
    assert (subscription.hs_prefixes, subscription.ics_prefixes) == ([], ["67.140"])
    bad = client.post(
        reverse("standards:subscription_detail", args=[subscription.pk]),
        {"name": "x", "email": "a@b.vn"},
    )
    assert "Hãy chọn ít nhất một mã HS" in bad.content.decode()
    client.post(reverse("standards:subscription_stop", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_the_officer_writes_the_summary(client, officer, business_user):
    notification = NotificationFactory()
    client.force_login(officer)
    client.post(
        reverse("standards:notification_summary", args=[notification.pk]),
        {"summary_vi": "Hoa Kỳ sửa quy định nhãn."},
    )
    assert Notification.objects.get().summary_vi == "Hoa Kỳ sửa quy định nhãn."
    client.force_login(business_user)
    assert (
        client.post(
            reverse("standards:notification_summary", args=[notification.pk]), {"summary_vi": "x"}
        ).status_code
        == 403
    )


def test_the_notification_import_page_lists_rejected_rows(client, officer):
    import io

    client.force_login(officer)
    upload = io.BytesIO(b"Symbol,Title\nG/TBT/N/USA/1,Toys\nTBT/2,Bad\n")
    upload.name = "eping.csv"
    page = client.post(reverse("standards:notification_import"), {"file": upload}).content.decode()
    assert "Tệp có 1 dòng lỗi nên chưa nhập thông báo nào." in page
    assert Notification.objects.count() == 0
