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
