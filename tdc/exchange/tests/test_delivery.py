"""Outbound events: signed deliveries, retries with back-off, the pause after a day of
failures (and the owner told), replay and resume, all against a real HTTP receiver."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.utils import timezone

from tdc.core.events import publish
from tdc.exchange import services
from tdc.exchange.jobs import pause_failing_subscriptions, retry_due_deliveries
from tdc.exchange.models import Delivery, Subscription
from tdc.exchange.sending import verify_signature
from tdc.exchange.tests.factories import receiver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _loopback(settings):
    settings.EXCHANGE_ALLOW_LOOPBACK = True


def _subscribe(admin_user, url: str, types=("metrology.instruments_overdue",)):
    return services.create_subscription(
        name="Hệ thống quốc gia",
        url=url,
        event_types=list(types),
        owner_email="tich-hop@bo.gov.vn",
        by=admin_user,
        allow_intranet=True,  # http:// to the test receiver
    )


def _publish(capture, payload=None) -> None:
    with capture(execute=True):
        publish("metrology.instruments_overdue", payload or {"province_id": 56, "count": 2})


def test_an_event_is_delivered_signed_with_the_subscription_secret(
    admin_user, django_capture_on_commit_callbacks
):
    with receiver() as hook:
        subscription, secret = _subscribe(admin_user, hook.url)
        _publish(django_capture_on_commit_callbacks)
    [(headers, body)] = hook.received
    assert verify_signature(secret, headers["X-TDC-Signature"], body)
    assert not verify_signature("another-secret", headers["X-TDC-Signature"], body)
    assert not verify_signature(secret, headers["X-TDC-Signature"], body + b" ")
    envelope = json.loads(body)
    assert envelope["type"] == headers["X-TDC-Event"] == "metrology.instruments_overdue"
    assert envelope["data"] == {"province_id": 56, "count": 2}
    assert envelope["id"] == headers["X-TDC-Delivery"]
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 1, 200)
    assert delivery.response_body == "ok"


def test_an_event_is_announced_only_to_its_subscribers_and_only_after_commit(
    admin_user, django_capture_on_commit_callbacks
):
    with receiver() as hook:
        _subscribe(admin_user, hook.url, types=["plans.report_accepted"])
        _publish(django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            publish("plans.report_accepted", {"report_id": 1})
        assert Delivery.objects.count() == 0  # nothing before the commit
        with django_capture_on_commit_callbacks(execute=True):
            for callback in callbacks:
                callback()
    assert [json.loads(b)["type"] for _h, b in hook.received] == ["plans.report_accepted"]


def test_a_failed_delivery_is_retried_with_back_off_then_delivered(
    admin_user, django_capture_on_commit_callbacks, time_machine
):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    with receiver(status=500) as hook:
        _subscribe(admin_user, hook.url)
        _publish(django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.response_status) == ("pending", 1, 500)
        assert delivery.next_attempt_at == start + dt.timedelta(minutes=1)
        # Not yet due: the sweep leaves it.
        assert retry_due_deliveries.call() == 0
        time_machine.move_to(start + dt.timedelta(minutes=2), tick=False)
        assert retry_due_deliveries.call() == 1
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        assert delivery.next_attempt_at == start + dt.timedelta(minutes=2, seconds=300)
        hook.status = 200
        time_machine.move_to(start + dt.timedelta(minutes=8), tick=False)
        retry_due_deliveries.call()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    # The same event id in every attempt: the receiver can drop duplicates.
    assert len({h["X-TDC-Delivery"] for h, _b in hook.received}) == 1
    assert Subscription.objects.get().failing_since is None


def test_a_subscriber_failing_for_a_day_is_paused_and_its_owner_told_then_resumed(
    admin_user, django_capture_on_commit_callbacks, time_machine
):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    with receiver(status=503) as hook:
        subscription, _secret = _subscribe(admin_user, hook.url)
        _publish(django_capture_on_commit_callbacks)
        time_machine.move_to(start + dt.timedelta(hours=23), tick=False)
        retry_due_deliveries.call()
        assert Subscription.objects.get().status == "active"  # 23 hours: not yet
        time_machine.move_to(start + dt.timedelta(hours=25), tick=False)
        assert pause_failing_subscriptions.call() == 1
        subscription.refresh_from_db()
        assert subscription.status == "paused"
        assert Delivery.objects.get().status == "held"
        [message] = mail.outbox
        assert message.to == ["tich-hop@bo.gov.vn"]
        assert message.subject == "[TĐC] Tạm dừng gửi sự kiện tới Hệ thống quốc gia"
        # While paused, new events are held, not sent.
        _publish(django_capture_on_commit_callbacks, {"province_id": 56, "count": 3})
        assert Delivery.objects.filter(status="held").count() == 2
        sent_before = len(hook.received)
        hook.status = 200
        with django_capture_on_commit_callbacks(execute=True):
            assert services.resume_subscription(subscription, by=admin_user) == 2
    assert len(hook.received) == sent_before + 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_the_administrator_replays_a_delivery(admin_user, django_capture_on_commit_callbacks):
    with receiver() as hook:
        _subscribe(admin_user, hook.url)
        _publish(django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            services.replay_delivery(delivery, by=admin_user)
    assert len(hook.received) == 2
    assert hook.received[0][0]["X-TDC-Delivery"] == hook.received[1][0]["X-TDC-Delivery"]
    delivery.refresh_from_db()
    assert delivery.attempts == 2


def test_an_event_key_announces_a_daily_event_once(admin_user, django_capture_on_commit_callbacks):
    with receiver() as hook:
        _subscribe(admin_user, hook.url)
        for _run in range(2):
            _publish(django_capture_on_commit_callbacks, {"event_key": "56:2026-12-01", "count": 1})
    assert len(hook.received) == 1


def test_an_unreachable_subscriber_is_logged_with_the_error(
    admin_user, django_capture_on_commit_callbacks
):
    with receiver() as hook:
        url = hook.url
    # The server is gone: connection refused.
    _subscribe(admin_user, url)
    _publish(django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.response_status is None
    assert delivery.error.startswith("ConnectionRefusedError")


def test_the_readmes_verification_example_accepts_our_signature_and_refuses_a_forgery():
    """The receiver's code the README gives is run as written against a real signature."""
    import re
    import time
    from pathlib import Path

    from tdc.exchange.sending import signature

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(import hashlib, hmac, time.*?)```", readme, re.S)
    assert code is not None
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), "README.md", "exec"), namespace)  # noqa: S102
    verify = namespace["verify"]
    body = b'{"type": "plans.report_accepted"}'
    header = signature("whsec_x", int(time.time()), body)

    assert verify("whsec_x", header, body) is True  # type: ignore[operator]
    assert verify("whsec_y", header, body) is False  # type: ignore[operator]
    assert verify("whsec_x", header, body + b" ") is False  # type: ignore[operator]
    old = signature("whsec_x", int(time.time()) - 600, body)
    assert verify("whsec_x", old, body) is False  # type: ignore[operator]
