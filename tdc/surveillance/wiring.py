"""What surveillance plugs into the platform, called from `AppConfig.ready()`: the menu, the
metrics the plans' targets are computed from, the events, the product notices, the demo."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from tdc.core.events import EventType, register_event_type
from tdc.core.metrics import Metric, MetricScope, register_metric
from tdc.core.products import ProductNotice, register_product_notices
from tdc.core.registry import DemoStep, NavItem, register_demo, register_nav

if TYPE_CHECKING:
    from tdc.accounts.http import AnyUser


def _by_category(category: str) -> Callable[[MetricScope], Decimal | None]:
    def compute(scope: MetricScope) -> Decimal | None:
        from tdc.surveillance.queries import establishments_inspected

        return establishments_inspected(scope, category)

    return compute


def _metrics() -> list[Metric]:
    from tdc.surveillance import queries

    metrics = [
        Metric(
            key="surveillance.products_surveyed",
            label="Số sản phẩm, hàng hóa được khảo sát chất lượng",
            unit="sản phẩm",
            compute=queries.products_surveyed,
            description="Số sản phẩm khác nhau được lấy mẫu khảo sát trong kỳ.",
            wording=(
                r"khao sat chat luong",
                r"(san pham|hang hoa)[^.;]{0,40}khao sat",
                r"khao sat[^.;]{0,40}(san pham|hang hoa)",
            ),
        ),
        Metric(
            key="surveillance.warnings_handled_share",
            label="Tỷ lệ cảnh báo hàng hóa không bảo đảm chất lượng được xử lý",
            unit="%",
            compute=queries.warnings_handled_share,
            description="Trong số cảnh báo lập trong kỳ, tỷ lệ đã công bố (hoặc công bố rồi thu hồi).",
            wording=(
                r"canh bao[^.;]{0,60}(xu ly|giai quyet)",
                r"(xu ly|giai quyet)[^.;]{0,60}canh bao",
                r"canh bao (nguoi tieu dung|chat luong)",
                # "100% thông tin, cảnh báo về hàng hoá … tại Điều 38 Luật Chất lượng … được xử lý"
                r"canh bao[^.;]{0,200}duoc (xu ly|giai quyet)",
            ),
        ),
        Metric(
            key="surveillance.inspections_done_share",
            label="Tỷ lệ cuộc kiểm tra đã thực hiện so với kế hoạch",
            unit="%",
            compute=queries.inspections_done_share,
            description="Cơ sở trong kế hoạch kiểm tra đã phê duyệt của các năm trong kỳ đã được kiểm tra.",
            wording=(
                r"(thanh tra|kiem tra)[^.;]{0,40}(theo )?ke hoach",
                r"ke hoach (thanh tra|kiem tra)",
            ),
        ),
        Metric(
            key="surveillance.establishments_inspected",
            label="Số cơ sở sản xuất, kinh doanh được kiểm tra",
            unit="cơ sở",
            compute=queries.establishments_inspected,
            description="Cơ sở được kiểm tra (đã ghi kết quả) trong kỳ.",
            wording=(
                r"(kiem tra|thanh tra)[^.;]{0,40}co so (san xuat|kinh doanh)",
                r"co so[^.;]{0,40}duoc (kiem tra|thanh tra)",
            ),
        ),
    ]
    for category in "ABCD":
        metrics.append(
            Metric(
                key=f"surveillance.establishments_inspected_{category.lower()}",
                label=f"Số cơ sở hạng rủi ro {category} được kiểm tra",
                unit="cơ sở",
                compute=_by_category(category),
                description=f"Cơ sở đang ở hạng {category} được kiểm tra trong kỳ.",
                wording=(rf"co so hang (rui ro )?{category.lower()}\b",),
            )
        )
    return metrics


def _notices(gtin14: str) -> list[ProductNotice]:
    from tdc.surveillance.queries import product_notices_for

    return product_notices_for(gtin14)


def _sees_surveillance(user: AnyUser) -> bool:
    from tdc.accounts.capabilities import Capability, can

    return can(user, Capability.VIEW_SURVEILLANCE)


def connect() -> None:
    from tdc.core.registry import NavGroup, register_nav_group

    register_nav_group(NavGroup(key="quality", label=_("Chất lượng"), order=45))
    register_nav(
        NavItem(
            label=_("Giám sát thị trường"),
            url_name="surveillance:overview",
            group="quality",
            order=45,
            visible=_sees_surveillance,
        )
    )
    register_nav(
        NavItem(
            label=_("Cảnh báo sản phẩm"),
            url_name="surveillance:public_warnings",
            order=46,
            visible=lambda user: not getattr(user, "is_authenticated", False),
        )
    )
    for metric in _metrics():
        register_metric(metric)
    register_event_type(
        EventType(
            name="surveillance.warning_published",
            label="Công bố cảnh báo người tiêu dùng",
            description="Mã cảnh báo, tỉnh, mã GTIN, mức rủi ro, tiêu đề.",
        )
    )
    register_event_type(
        EventType(
            name="surveillance.warning_withdrawn",
            label="Thu hồi cảnh báo người tiêu dùng",
            description="Mã cảnh báo, tỉnh, mã GTIN.",
        )
    )
    from tdc.surveillance.models import ConsumerWarning

    register_product_notices("surveillance", _notices, changed_by=[ConsumerWarning])
    register_demo(DemoStep(name="surveillance", load="tdc.surveillance.demo.load", order=45))
