"""The figures behind the plans' traceability targets ("áp dụng truy xuất nguồn gốc"…):
businesses with traceability, lots traced, events captured, public page scans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from tdc.core.metrics import Metric, MetricScope, register_metric
from tdc.traceability.models import Event, EventEpc
from tdc.traceability.queries import scans_between


def _until(scope: MetricScope) -> dt.datetime:
    end = dt.datetime.combine(scope.end + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(end)


def _events(scope: MetricScope) -> QuerySet[Event]:
    events = Event.objects.all()
    if scope.province_id is not None:
        events = events.filter(province_id=scope.province_id)
    return events


def businesses_with_traceability(scope: MetricScope) -> Decimal | None:
    """Businesses that had published traceability events by the end of the period."""
    owners = _events(scope).filter(record_time__lt=_until(scope)).values("owner_id").distinct()
    return Decimal(owners.count())


def lots_traced(scope: MetricScope) -> Decimal | None:
    """Distinct GTIN + lot pairs named by an event recorded by the end of the period."""
    lots = EventEpc.objects.exclude(lot="").filter(event__record_time__lt=_until(scope))
    if scope.province_id is not None:
        lots = lots.filter(province_id=scope.province_id)
    return Decimal(lots.values("gtin", "lot").distinct().count())


def events_captured(scope: MetricScope) -> Decimal | None:
    start = timezone.make_aware(dt.datetime.combine(scope.start, dt.time.min))
    return Decimal(
        _events(scope).filter(record_time__gte=start, record_time__lt=_until(scope)).count()
    )


def page_scans(scope: MetricScope) -> Decimal | None:
    return Decimal(scans_between(scope.start, scope.end, scope.province_id))


def register_traceability_metrics() -> None:
    register_metric(
        Metric(
            key="traceability.businesses",
            label="Số doanh nghiệp áp dụng truy xuất nguồn gốc",
            unit="doanh nghiệp",
            compute=businesses_with_traceability,
            description="Doanh nghiệp đã ghi nhận sự kiện truy xuất (EPCIS) đến cuối kỳ.",
            wording=(
                r"(doanh nghiep|co so|hop tac xa|to chuc).{0,60}(ap dung|trien khai|tham gia)"
                r".{0,40}truy xuat",
                r"truy xuat nguon goc.{0,40}(doanh nghiep|co so|hop tac xa)",
            ),
        )
    )
    register_metric(
        Metric(
            key="traceability.lots_traced",
            label="Số lô sản phẩm được truy xuất nguồn gốc",
            unit="lô",
            compute=lots_traced,
            description="Lô hàng (GTIN + số lô) có ít nhất một sự kiện truy xuất đến cuối kỳ.",
            wording=(
                r"(lo hang|lo san pham|san pham|hang hoa).{0,40}(duoc )?truy xuat",
                r"truy xuat.{0,30}(lo hang|san pham chu luc|san pham ocop)",
            ),
        )
    )
    register_metric(
        Metric(
            key="traceability.events_captured",
            label="Số sự kiện truy xuất nguồn gốc được ghi nhận",
            unit="sự kiện",
            compute=events_captured,
            description="Sự kiện EPCIS ghi nhận trong kỳ (gửi qua giao diện, biểu mẫu hoặc tệp).",
            wording=(r"su kien truy xuat", r"du lieu truy xuat nguon goc"),
        )
    )
    register_metric(
        Metric(
            key="traceability.page_scans",
            label="Số lượt tra cứu thông tin truy xuất nguồn gốc",
            unit="lượt",
            compute=page_scans,
            description="Lượt mở trang sản phẩm công khai (quét mã QR, GS1 Digital Link) trong kỳ.",
            wording=(r"luot (tra cuu|quet ma)", r"tra cuu.{0,20}(thong tin )?truy xuat"),
        )
    )
