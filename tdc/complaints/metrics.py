"""The figures behind the plans' target "100% thông tin phản ánh được xử lý"."""

from __future__ import annotations

from decimal import Decimal

from tdc.complaints.queries import complaint_statistics
from tdc.core.metrics import Metric, MetricScope, register_metric


def handled_share(scope: MetricScope) -> Decimal | None:
    """% of the reports received in the period that have been handled (concluded or rejected)."""
    return complaint_statistics(
        province_id=scope.province_id, start=scope.start, end=scope.end
    ).handled_share


def handled_on_time_share(scope: MetricScope) -> Decimal | None:
    """% of the handled reports that were handled by their deadline."""
    return complaint_statistics(
        province_id=scope.province_id, start=scope.start, end=scope.end
    ).on_time_share


def received_count(scope: MetricScope) -> Decimal | None:
    stats = complaint_statistics(province_id=scope.province_id, start=scope.start, end=scope.end)
    return Decimal(stats.received)


METRICS: tuple[Metric, ...] = (
    Metric(
        key="complaints.handled_share",
        label="Tỷ lệ thông tin phản ánh được xử lý",
        unit="%",
        compute=handled_share,
        description="Phản ánh tiếp nhận trong kỳ đã được kết luận hoặc trả lời không thụ lý.",
        wording=(r"phan anh\b.*\b(duoc )?(xu ly|giai quyet|tiep nhan va xu ly)",),
    ),
    Metric(
        key="complaints.handled_on_time_share",
        label="Tỷ lệ phản ánh được xử lý đúng hạn",
        unit="%",
        compute=handled_on_time_share,
        description="Trong số phản ánh đã xử lý, tỷ lệ xử lý xong trước hạn.",
        wording=(r"phan anh\b.*\b(xu ly|giai quyet)\b.*\b(dung han|kip thoi|dung thoi han)",),
    ),
    Metric(
        key="complaints.received_count",
        label="Số phản ánh tiếp nhận",
        unit="phản ánh",
        compute=received_count,
        wording=(r"(so|luot) (thong tin )?phan anh\b.*\btiep nhan",),
    ),
)


def register_complaint_metrics() -> None:
    for metric in METRICS:
        register_metric(metric)
