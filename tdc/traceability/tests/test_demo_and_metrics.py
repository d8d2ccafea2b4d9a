"""The demo loads once (a second run changes nothing) and the metrics count it."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from tdc.accounts import demo as accounts_demo
from tdc.core.metrics import MetricScope, compute_metric, metrics_matching
from tdc.traceability import demo
from tdc.traceability.models import Event, Lot, Product
from tdc.traceability.services import count_page_scan

pytestmark = pytest.mark.django_db


def test_the_demo_records_a_lot_journey_once():
    accounts_demo.load(io.StringIO())
    out = io.StringIO()

    demo.load(out)
    demo.load(out)

    assert out.getvalue() == (
        "traceability: lot CL2611 with 4 steps\ntraceability: demo lot already there\n"
    )
    assert Product.objects.count() == 2
    assert Lot.objects.get().number == "CL2611"
    assert [e.biz_step for e in Event.objects.order_by("event_time")] == [
        "commissioning",
        "inspecting",
        "packing",
        "shipping",
    ]


def test_without_the_demo_business_nothing_is_loaded():
    out = io.StringIO()

    demo.load(out)

    assert out.getvalue() == "traceability: no demo business user, skipped\n"


def test_the_metrics_count_businesses_lots_events_and_scans():
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    today = timezone.localdate()
    count_page_scan(demo.DEMO_GTIN)
    count_page_scan(demo.DEMO_GTIN)
    count_page_scan("04012345123456", day=today - dt.timedelta(days=400))
    scope = MetricScope(province_id=56, start=today.replace(month=1, day=1), end=today)
    elsewhere = MetricScope(province_id=46, start=scope.start, end=scope.end)

    values = {
        key: compute_metric(f"traceability.{key}", scope)
        for key in ("businesses", "lots_traced", "events_captured", "page_scans")
    }
    assert {k: int(v) for k, v in values.items()} == {
        "businesses": 1,
        "lots_traced": 1,
        "events_captured": 4,
        "page_scans": 2,
    }
    assert int(compute_metric("traceability.events_captured", elsewhere)) == 0
    national = MetricScope(province_id=None, start=scope.start, end=scope.end)
    assert int(compute_metric("traceability.page_scans", national)) == 2


@pytest.mark.parametrize(
    ("target", "key"),
    [
        (
            "100% doanh nghiệp sản xuất sản phẩm chủ lực áp dụng hệ thống truy xuất nguồn gốc",
            "traceability.businesses",
        ),
        ("Có ít nhất 500 lô sản phẩm được truy xuất nguồn gốc", "traceability.lots_traced"),
        ("Đạt 10.000 lượt tra cứu thông tin truy xuất", "traceability.page_scans"),
    ],
)
def test_plan_targets_are_linked_to_the_metrics(target, key):
    assert metrics_matching(target)[0].key == key
