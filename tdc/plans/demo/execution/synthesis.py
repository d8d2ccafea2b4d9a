"""The round's synthesis: the indicators DoST tracks, with their values, and the synthesis draft
it has opened."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tdc.accounts.models import User
from tdc.plans.models import Indicator, Plan, ReportingPeriod, Synthesis
from tdc.plans.services import indicators
from tdc.plans.services.synthesis import start_synthesis, update_synthesis

DEMO_INDICATORS: list[dict[str, Any]] = [
    {
        "name": "100% sở, ban, ngành và UBND cấp xã tổ chức quán triệt, tuyên truyền Chỉ thị số 38-CT/TW",
        "unit": "%",
        "comparator": "=",
        "target_value": Decimal(100),
        "baseline": Decimal(0),
        "aggregation": "level",
        "metric_key": "plans.dissemination_reporting_share",
    },
    {
        "name": "Ít nhất 90% báo cáo định kỳ của các cơ quan, đơn vị được gửi đúng hạn",
        "unit": "%",
        "comparator": ">=",
        "target_value": Decimal(90),
        "aggregation": "level",
        "metric_key": "plans.reporting_timeliness",
    },
    {
        "name": "Tổ chức ít nhất 05 diễn đàn đối thoại với doanh nghiệp về tiêu chuẩn, đo lường, chất lượng",
        "unit": "diễn đàn",
        "comparator": ">=",
        "target_value": Decimal(5),
        "baseline": Decimal(0),
        "aggregation": "cumulative",
        "value": (Decimal(1), "Báo cáo của Sở Khoa học và Công nghệ"),
    },
    {
        "name": "Hằng năm khảo sát chất lượng ít nhất 20 sản phẩm, hàng hóa lưu thông trên thị trường",
        "unit": "sản phẩm",
        "comparator": ">=",
        "target_value": Decimal(20),
        "aggregation": "annual",
        "value": (Decimal(14), "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Khánh Hòa"),
    },
    {
        "name": "Đầu tư ít nhất 06 trang thiết bị, phương tiện kiểm tra nhanh phục vụ thanh tra, kiểm tra",
        "unit": "thiết bị",
        "comparator": ">=",
        "target_value": Decimal(6),
        "baseline": Decimal(0),
        "aggregation": "cumulative",
        "value": (Decimal(2), "Sở Khoa học và Công nghệ, kết quả mua sắm trong năm"),
    },
]


def track_indicators(plan: Plan, officer: User, year: int) -> None:
    """The seed plan states no numeric target; DoST adds the ones it tracks (demo values)."""
    for spec in DEMO_INDICATORS:
        values = {k: v for k, v in spec.items() if k != "value"}
        indicator = Indicator.objects.filter(plan=plan, name=values["name"]).first()
        if indicator is None:
            indicator = indicators.create_indicator(
                plan,
                by=officer,
                deadline=dt.date(2030, 12, 31),
                baseline_date=dt.date(2026, 1, 1),
                source_note="Chỉ tiêu demo, theo các chỉ tiêu địa phương thực hiện Quyết định số 1703/QĐ-TTg",
                **values,
            )
        if "value" in spec and not indicator.values.exists():
            value, source = spec["value"]
            indicators.record_indicator_value(
                indicator,
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                value=value,
                source=source,
                by=officer,
            )
    indicators.compute_plan_indicators(plan, year=year, by=officer)


def draft_synthesis(period: ReportingPeriod, officer: User) -> None:
    if Synthesis.objects.filter(period=period).exists():
        return
    synthesis = start_synthesis(period, by=officer)
    update_synthesis(
        synthesis,
        by=officer,
        version=synthesis.version,
        assessment=(
            "Trong kỳ, các sở, ban, ngành và UBND cấp xã đã triển khai Kế hoạch theo chức năng, "
            "nhiệm vụ được giao; công tác tuyên truyền, quán triệt Chỉ thị số 38-CT/TW được thực "
            "hiện rộng rãi."
        ),
        next_tasks="Tiếp tục triển khai các nhiệm vụ của Kế hoạch trong kỳ tới; tổ chức sơ kết 01 năm thực hiện Chỉ thị.",
        proposals="Đề nghị UBND tỉnh chỉ đạo các cơ quan chưa gửi báo cáo khẩn trương hoàn thành.",
        signer_name="Nguyễn Văn Khoa",
    )
