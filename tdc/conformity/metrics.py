"""Figures for the plans' targets: declarations processed on time."""

from __future__ import annotations

from decimal import Decimal

from tdc.conformity.queries import processed_on_time_share
from tdc.core.metrics import Metric, MetricScope, register_metric


def processed_on_time(scope: MetricScope) -> Decimal | None:
    on_time, decided = processed_on_time_share(
        start=scope.start, end=scope.end, province_id=scope.province_id
    )
    if not decided:
        return None
    return (Decimal(on_time) * 100 / decided).quantize(Decimal("0.1"))


def register_conformity_metrics() -> None:
    register_metric(
        Metric(
            key="conformity.processed_on_time_share",
            label="Tỷ lệ hồ sơ công bố hợp chuẩn, hợp quy được xử lý đúng hạn",
            unit="%",
            compute=processed_on_time,
            description="Hồ sơ được tiếp nhận, yêu cầu bổ sung hoặc từ chối trong kỳ, tỷ lệ trước hạn.",
            wording=(
                r"(tiep nhan|xu ly).{0,40}(ho so )?cong bo hop (chuan|quy)",
                r"cong bo hop (chuan|quy)",
            ),
        )
    )
