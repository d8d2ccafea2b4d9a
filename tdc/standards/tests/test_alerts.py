"""Subscriptions: HS/ICS prefix matching, markets, keywords; the idempotent digest;
the signed unsubscribe link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tdc.standards.matching import Criteria, Matcher
from tdc.standards.models import Digest, StandardChange
from tdc.standards.services import create_subscription, run_daily_digest
from tdc.standards.services.alerts import unsubscribe_token, unsubscribe_url
from tdc.standards.tests.factories import NotificationFactory, StandardFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def matcher(**criteria):
    values = {"hs": (), "ics": (), "markets": frozenset(), "keywords": ()} | criteria
    return Matcher([Criteria(pk=1, **values)])


@pytest.mark.parametrize(
    ("prefix", "code", "matches"),
    [
        ("0901", "090111", True),
        ("09", "090111", True),
        ("090111", "090111", True),
        ("0902", "090111", False),
        ("0901111", "090111", False),
    ],
)
def test_hs_prefix_at_any_level(prefix, code, matches):
    found = matcher(hs=(prefix,)).for_notification(member="USA", hs=[code], ics=[], text="")
    assert found == ({1} if matches else set())


@pytest.mark.parametrize(
    ("prefix", "code", "matches"),
    [
        ("67", "67.140.20", True),
        ("67.140", "67.140.20", True),
        ("67.140.20", "67.140.20", True),
        ("67.1", "67.140.20", False),
        ("67.120", "67.140.20", False),
    ],
)
def test_ics_prefix_by_level(prefix, code, matches):
    found = matcher(ics=(prefix,)).for_notification(member="USA", hs=[], ics=[code], text="")
    assert found == ({1} if matches else set())


def test_markets_narrow_products_and_alone_match_the_whole_market():
    narrowed = matcher(hs=("0901",), markets=frozenset({"EU"}))
    assert narrowed.for_notification(member="USA", hs=["090111"], ics=[], text="") == set()
    assert narrowed.for_notification(member="EU", hs=["090111"], ics=[], text="") == {1}
    market_only = matcher(markets=frozenset({"EU"}))
    assert market_only.for_notification(member="EU", hs=[], ics=[], text="") == {1}


def test_keywords_match_whole_words():
    found = matcher(keywords=("ca phe",))
    assert found.for_notification(member="USA", hs=[], ics=[], text="labelling of ca phe rang") == {
        1
    }
    assert found.for_notification(member="USA", hs=[], ics=[], text="cacao phe") == set()


def test_subscription_needs_a_criterion_and_known_codes(business_user, business):
    with pytest.raises(ValidationError) as error:
        create_subscription(business, values={"name": "x", "email": "a@b.vn"}, by=business_user)
    assert error.value.messages == [
        "Hãy chọn ít nhất một mã HS, mã ICS, thị trường hoặc từ khóa để nhận cảnh báo."
    ]
    with pytest.raises(ValidationError):
        create_subscription(
            business,
            values={"name": "x", "email": "a@b.vn", "ics_prefixes": ["99.1"]},
            by=business_user,
        )
    subscription = create_subscription(
        business,
        values={
            "name": "x",
            "email": "a@b.vn",
            "hs_prefixes": ["0901.11"],
            "keywords": ["Cà phê"],
            "markets": ["eu"],
        },
        by=business_user,
    )
    assert (subscription.hs_prefixes, subscription.keywords, subscription.markets) == (
        ["090111"],
        ["ca phe"],
        ["EU"],
    )


@pytest.fixture
def subscribed(business, business_user):
    subscription = SubscriptionFactory(
        organisation=business, created_by=business_user, ics_prefixes=["67.140"]
    )
    past = timezone.now() - dt.timedelta(days=1)
    type(subscription).objects.filter(pk=subscription.pk).update(created_at=past)
    return subscription


def test_the_digest_is_sent_once_however_often_the_job_runs(subscribed):
    coffee = NotificationFactory.create(hs=["090111"])
    NotificationFactory(hs=["8516"], ics=["29.020"])
    day = timezone.localdate()

    first = run_daily_digest(day=day)
    second = run_daily_digest(day=day)

    assert (first.digests, first.notifications, first.emails) == (1, 1, 1)
    assert (second.digests, second.emails) == (0, 0)
    assert len(mail.outbox) == 1
    assert list(Digest.objects.get().notifications.all()) == [coffee]
    message = mail.outbox[0]
    assert message.to == ["xuatkhau@example.vn"]
    assert coffee.symbol in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_next_day_lists_only_what_arrived_since(subscribed):
    NotificationFactory()
    today = timezone.localdate()
    run_daily_digest(day=today)
    later = NotificationFactory.create(hs=["0901"])
    nothing_new_for_old = run_daily_digest(day=today + dt.timedelta(days=1))
    assert nothing_new_for_old.digests == 1
    assert list(Digest.objects.get(day=today + dt.timedelta(days=1)).notifications.all()) == [later]
    assert run_daily_digest(day=today + dt.timedelta(days=2)).digests == 0


def test_a_changed_standard_is_in_the_digest(subscribed, officer):
    standard = StandardFactory.create(ics=["67.140.20"])
    change = StandardChange.objects.create(standard=standard, kind=StandardChange.Kind.WITHDRAWN)
    run_daily_digest(day=timezone.localdate())
    assert list(Digest.objects.get().standard_changes.all()) == [change]
    assert standard.number in mail.outbox[0].body


def test_the_signed_link_unsubscribes_in_one_click(client, subscribed):
    url = unsubscribe_url(subscribed).removeprefix("http://127.0.0.1:8000")
    assert client.get(url).status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.is_active  # a GET (link preview, scanner) changes nothing
    assert client.post(url).status_code == 200  # RFC 8058 one-click POST, no CSRF token
    subscribed.refresh_from_db()
    assert not subscribed.is_active
    NotificationFactory()
    assert run_daily_digest(day=timezone.localdate()).digests == 0


def test_a_forged_unsubscribe_link_is_404(client, subscribed):
    token = unsubscribe_token(subscribed)
    forged = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert client.post(reverse("standards:unsubscribe", args=[forged])).status_code == 404
    subscribed.refresh_from_db()
    assert subscribed.is_active


def test_the_business_sees_its_alerts_in_the_app(client, subscribed, business_user, other_reporter):
    notification = NotificationFactory(summary_vi="Hoa Kỳ yêu cầu ghi nhãn cà phê")
    run_daily_digest(day=timezone.localdate())
    client.force_login(business_user)
    page = client.get(reverse("standards:alert_list")).content.decode()
    assert notification.symbol in page
    assert "Hoa Kỳ yêu cầu ghi nhãn cà phê" in page
    client.force_login(other_reporter)
    assert client.get(reverse("standards:alert_list")).status_code == 403
