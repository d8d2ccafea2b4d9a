"""TBT notifications from ePing exports: symbol forms, all-or-nothing import, countdown."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tdc.standards.models import Notification
from tdc.standards.services import import_notifications, write_notification_summary
from tdc.standards.services.notifications import parse_symbol
from tdc.standards.templatetags.standards import countdown
from tdc.standards.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

EXPORT = (
    "Symbol,Member,Title,Products,HS codes,ICS codes,Final date for comments,Link\n"
    "G/TBT/N/USA/2101,United States of America,Coffee labelling,Coffee,0901.11; 0901.21,67.140.20,2027-01-30,https://eping.wto.org/x\n"
    "G/TBT/N/USA/2101/Add.1,United States of America,Coffee labelling — comment period extended,Coffee,0901,,2027-02-28,\n"
)


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("G/TBT/N/USA/2101", ("USA", "G/TBT/N/USA/2101", "regular")),
        ("G/TBT/N/EU/1120/Rev.1", ("EU", "G/TBT/N/EU/1120", "revision")),
        ("G/TBT/N/KOR/1230/Add.2", ("KOR", "G/TBT/N/KOR/1230", "addendum")),
        ("G/TBT/N/KOR/1230/Add.2/Corr.1", ("KOR", "G/TBT/N/KOR/1230", "corrigendum")),
        ("G/TBT/N/CHN/99/Corr.1", ("CHN", "G/TBT/N/CHN/99", "corrigendum")),
    ],
)
def test_symbol_forms(symbol, expected):
    assert parse_symbol(symbol) == expected


@pytest.mark.parametrize(
    "symbol", ["G/SPS/N/USA/1", "G/TBT/USA/1", "G/TBT/N/usa/1", "G/TBT/N/USA/1/Add", "TBT 123"]
)
def test_wrong_symbols_are_refused(symbol):
    with pytest.raises(ValueError, match="không đúng dạng G/TBT/N/"):
        parse_symbol(symbol)


def test_an_eping_export_creates_then_updates(officer):
    result = import_notifications(EXPORT.encode(), filename="eping.csv", by=officer)
    assert (result.created, result.updated, result.rejected) == (2, 0, [])
    first = Notification.objects.get(symbol="G/TBT/N/USA/2101")
    assert (first.hs, first.ics, first.comment_deadline) == (
        ["090111", "090121"],
        ["67.140.20"],
        dt.date(2027, 1, 30),
    )
    addendum = Notification.objects.get(symbol="G/TBT/N/USA/2101/Add.1")
    assert (addendum.kind, addendum.base_symbol) == ("addendum", "G/TBT/N/USA/2101")
    write_notification_summary(first, summary="Hoa Kỳ quy định ghi nhãn cà phê.", by=officer)

    again = import_notifications(EXPORT.encode(), filename="eping.csv", by=officer)

    assert (again.created, again.updated) == (0, 2)
    first.refresh_from_db()
    assert first.summary_vi == "Hoa Kỳ quy định ghi nhãn cà phê."  # the officer's summary stays


def test_one_bad_symbol_imports_nothing(officer):
    bad = EXPORT + "G/TBT/USA/77,United States of America,Toys,,,,,\n"
    result = import_notifications(bad.encode(), filename="eping.csv", by=officer)
    assert result.created == 0
    assert result.rejected == [
        {
            "row": 4,
            "symbol": "G/TBT/USA/77",
            "reason": "ký hiệu “G/TBT/USA/77” không đúng dạng G/TBT/N/<thành viên>/<số> (có thể kèm /Rev.n, /Add.n, /Corr.n)",
        }
    ]
    assert Notification.objects.count() == 0


def test_json_export(officer):
    data = json.dumps(
        [
            {
                "Document symbol": "G/TBT/N/EU/1120",
                "Notifying member": "European Union",
                "Title": "Residues",
                "HS codes": ["0410"],
            }
        ]
    ).encode()
    result = import_notifications(data, filename="eping.json", by=officer)
    assert result.created == 1
    assert Notification.objects.get().hs == ["0410"]


def test_countdown_words():
    today = dt.date(2026, 12, 1)
    assert countdown(dt.date(2026, 12, 13), today) == "Còn 12 ngày"
    assert countdown(today, today) == "Hạn cuối hôm nay"
    assert countdown(dt.date(2026, 11, 30), today) == "Hết hạn góp ý"
    assert countdown(None, today) == "—"


def test_public_pages_show_the_countdown_and_filter_by_hs_prefix(client):
    today = timezone.localdate()
    coffee = NotificationFactory(hs=["090111"], comment_deadline=today + dt.timedelta(days=12))
    NotificationFactory(hs=["8516"], title="Heaters")
    page = client.get(reverse("standards:notification_list"), {"hs": "0901"}).content.decode()
    assert coffee.symbol in page
    assert "Heaters" not in page
    detail = client.get(coffee.get_absolute_url()).content.decode()
    assert "Còn 12 ngày" in detail
    assert "Lưu tóm tắt" not in detail  # the summary form is the officers'


def test_the_countdown_in_english():
    from django.utils import translation

    with translation.override("en"):
        assert countdown(dt.date(2026, 12, 13), dt.date(2026, 12, 1)) == "12 days left"
        assert countdown(dt.date(2026, 12, 2), dt.date(2026, 12, 1)) == "1 day left"


def test_the_subscription_link_is_offered_only_to_who_may_subscribe(client, leader, business_user):
    """The province's leadership reads the notifications but may not subscribe: no link to a
    page that would answer 403."""
    url = reverse("standards:notification_list")
    subscriptions = reverse("standards:subscription_list")
    client.force_login(leader)
    assert subscriptions not in client.get(url).content.decode()
    assert client.get(subscriptions).status_code == 403
    client.force_login(business_user)
    assert f'href="{subscriptions}"' in client.get(url).content.decode()
