"""The administrator's pages: every URL × persona, issuing and revoking a client, a
subscription created (secret shown once, refused addresses explained), replay."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdc.exchange import services
from tdc.exchange.models import ApiClient, Delivery, Subscription
from tdc.exchange.tests.factories import login

pytestmark = pytest.mark.django_db

PERSONAS = [
    "officer",
    "reporter",
    "approver",
    "commune_officer",
    "business_user",
    "leader",
    "custodian",
    "ministry_viewer",
    "other_province_officer",
]


@pytest.fixture
def objects(admin_user, ministry, settings, django_capture_on_commit_callbacks):
    settings.EXCHANGE_ALLOW_LOOPBACK = True
    client_, _secret = services.issue_client(
        name="Cổng dữ liệu", organisation=ministry, role="ministry_viewer",
        scopes=["plans:read"], by=admin_user,
    )  # fmt: skip
    subscription, _s = services.create_subscription(
        name="Nhận sự kiện", url="http://127.0.0.1:9/", event_types=["plans.report_accepted"],
        owner_email="a@b.vn", by=admin_user, allow_intranet=True,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.record_event("plans.report_accepted", {"report_id": 1})
    return {"client": client_, "subscription": subscription, "delivery": Delivery.objects.get()}


URLS = [
    ("exchange:client_list", None, "GET"),
    ("exchange:client_revoke", "client", "POST"),
    ("exchange:subscription_list", None, "GET"),
    ("exchange:subscription_detail", "subscription", "GET"),
    ("exchange:subscription_pause", "subscription", "POST"),
    ("exchange:subscription_resume", "subscription", "POST"),
    ("exchange:subscription_delete", "subscription", "POST"),
    ("exchange:delivery_replay", "delivery", "POST"),
]


def test_every_url_is_the_administrators_only(client, objects, request):
    from django.urls import get_resolver

    names = {
        f"exchange:{n}"
        for n in get_resolver("tdc.exchange.urls").reverse_dict
        if isinstance(n, str)
    }
    assert names == {name for name, _o, _m in URLS}
    for name, obj, method in URLS:
        url = reverse(name, args=[objects[obj].pk] if obj else [])
        client.logout()
        assert getattr(client, method.lower())(url).status_code == 302, name  # to the login
        for persona in PERSONAS:
            login(client, request.getfixturevalue(persona))
            assert getattr(client, method.lower())(url).status_code == 403, (name, persona)
        if method == "POST":
            login(client, request.getfixturevalue("admin_user"))
            assert client.get(url).status_code == 405


def test_the_administrator_issues_and_revokes_a_client_on_the_page(client, admin_user, ministry):
    login(client, admin_user)
    response = client.post(
        reverse("exchange:client_list"),
        {
            "name": "Hệ thống thông tin quốc gia về TĐC",
            "organisation": ministry.pk,
            "role": "ministry_viewer",
            "scopes": ["metrology:read", "plans:read"],
        },
    )
    assert response.status_code == 200
    issued = ApiClient.objects.get()
    html = response.content.decode()
    assert issued.client_id in html
    assert "Chép khóa bí mật ngay" in html
    # Shown once: the list afterwards does not show it again.
    assert "client_secret" not in client.get(reverse("exchange:client_list")).content.decode()
    response = client.post(reverse("exchange:client_revoke", args=[issued.pk]), follow=True)
    assert (
        "Đã thu hồi quyền truy cập của Hệ thống thông tin quốc gia về TĐC."
        in response.content.decode()
    )
    issued.refresh_from_db()
    assert issued.revoked_at is not None
    assert issued.application is None


def test_a_refused_address_is_explained_and_nothing_saved(client, admin_user, settings):
    settings.EXCHANGE_ALLOW_LOOPBACK = False
    login(client, admin_user)
    response = client.post(
        reverse("exchange:subscription_list"),
        {
            "name": "Thử",
            "url": "https://127.0.0.1/hook",
            "event_types": ["plans.report_accepted"],
            "owner_email": "a@b.vn",
        },
    )
    assert response.status_code == 200
    assert "Không được gửi tới chính máy chủ (địa chỉ loopback)." in response.content.decode()
    assert not Subscription.objects.exists()


def test_the_administrator_creates_pauses_resumes_and_replays(client, admin_user, objects):
    login(client, admin_user)
    response = client.post(
        reverse("exchange:subscription_list"),
        {
            "name": "Kho dữ liệu tỉnh",
            "url": "http://127.0.0.1:9/kho",
            "event_types": ["plans.synthesis_finalised"],
            "owner_email": "kho@tinh.gov.vn",
            "allow_intranet": "on",
        },
    )
    html = response.content.decode()
    created = Subscription.objects.get(name="Kho dữ liệu tỉnh")
    assert created.secret in html
    assert created.secret.startswith("whsec_")
    subscription = objects["subscription"]
    detail = reverse("exchange:subscription_detail", args=[subscription.pk])
    assert "plans.report_accepted" in client.get(detail).content.decode()
    client.post(reverse("exchange:subscription_pause", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.status == "paused"
    response = client.post(
        reverse("exchange:delivery_replay", args=[objects["delivery"].pk]), follow=True
    )
    assert "Đăng ký đang tạm dừng" in response.content.decode()
    response = client.post(
        reverse("exchange:subscription_resume", args=[subscription.pk]), follow=True
    )
    assert "Đã tiếp tục gửi; 1 sự kiện giữ lại được gửi bù." in response.content.decode()
    response = client.post(
        reverse("exchange:delivery_replay", args=[objects["delivery"].pk]), follow=True
    )
    assert "Đã đưa sự kiện vào hàng đợi gửi lại." in response.content.decode()
    client.post(reverse("exchange:subscription_delete", args=[subscription.pk]))
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_a_long_receiver_answer_is_shortened_between_words(client, admin_user, objects):
    delivery = objects["delivery"]
    delivery.response_status = 500
    delivery.response_body = "Máy chủ nhận đang bảo trì định kỳ, xin thử lại sau. " * 10
    delivery.save()
    login(client, admin_user)
    detail = reverse("exchange:subscription_detail", args=[objects["subscription"].pk])
    page = client.get(detail).content.decode()
    assert "thử lại sau. Máy chủ nhận…</span>" in page  # not "Máy chủ nhận đa…"
