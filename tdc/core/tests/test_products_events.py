import datetime as dt

import pytest
from django.db import transaction

from tdc.core import events, products
from tdc.core.products import ProductNotice


@pytest.fixture
def clean_registries():
    saved = dict(products._PROVIDERS), dict(events._TYPES), list(events._LISTENERS)
    products._PROVIDERS.clear()  # the apps' own providers read the database
    yield
    products._PROVIDERS.clear()
    products._PROVIDERS.update(saved[0])
    events._TYPES.clear()
    events._TYPES.update(saved[1])
    events._LISTENERS[:] = saved[2]


@pytest.mark.django_db
def test_serious_notices_come_first_then_the_newest(clean_registries):
    products.register_product_notices(
        "a",
        lambda gtin: [
            ProductNotice("declaration", "Công bố hợp quy", "/a", dt.date(2026, 5, 1)),
            ProductNotice("declaration", "Công bố cũ", "/b", dt.date(2025, 1, 1)),
        ],
    )
    products.register_product_notices(
        "b",
        lambda gtin: (
            [ProductNotice("warning", "Cảnh báo", "/c", dt.date(2024, 1, 1), True)]
            if gtin == "08930000000001"
            else []
        ),
    )
    titles = [n.title for n in products.product_notices("08930000000001")]
    assert titles == ["Cảnh báo", "Công bố hợp quy", "Công bố cũ"]
    assert [n.title for n in products.product_notices("00000000000000")] == [
        "Công bố hợp quy",
        "Công bố cũ",
    ]


@pytest.mark.django_db(transaction=True)
def test_notices_are_cached_until_a_change_replaces_the_token(clean_registries):
    asked: list[str] = []

    def provider(gtin: str) -> list[ProductNotice]:
        asked.append(gtin)
        return [ProductNotice("warning", f"Cảnh báo {len(asked)}", "/c")]

    products.register_product_notices("a", provider)
    first = products.product_notices("08930000000001")
    again = products.product_notices("08930000000001")
    with transaction.atomic():
        products.product_notices_changed("08930000000001")
        inside = products.product_notices("08930000000001")  # the change is seen in its own
    token = products.notices_token()
    after = products.product_notices("08930000000001")

    def rolled_back() -> None:
        with transaction.atomic():
            products.product_notices_changed()
            products.product_notices("08930000000001")  # cached under a token never committed
            raise RuntimeError

    with pytest.raises(RuntimeError):
        rolled_back()

    assert [n.title for n in first] == [n.title for n in again] == ["Cảnh báo 1"]
    assert [n.title for n in inside] == [n.title for n in after] == ["Cảnh báo 2"]
    assert products.notices_token() == token
    assert [n.title for n in products.product_notices("08930000000001")] == ["Cảnh báo 2"]
    assert asked == ["08930000000001"] * 3


@pytest.mark.django_db(transaction=True)
def test_events_reach_listeners_only_after_commit(clean_registries):
    received: list[tuple[str, dict[str, object]]] = []
    events.register_event_type(events.EventType("t.done", "Xong"))
    events.add_listener(lambda name, payload: received.append((name, dict(payload))))

    def rolled_back() -> None:
        with transaction.atomic():
            events.publish("t.done", {"id": 1})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        rolled_back()
    assert received == []
    with transaction.atomic():
        events.publish("t.done", {"id": 2})
        assert received == []
    assert received == [("t.done", {"id": 2})]
    with pytest.raises(ValueError, match="unknown event type"):
        events.publish("t.unknown", {})
