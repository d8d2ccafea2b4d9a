from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from tdc.accounts.http import AnyUser


def _sees_register(user: AnyUser) -> bool:
    from tdc.metrology.access import can_see_overdue_lists

    return can_see_overdue_lists(user)


def _sees_dashboard(user: AnyUser) -> bool:
    from tdc.metrology.access import dashboard_province_for

    return dashboard_province_for(user) is not None


def _imports(user: AnyUser) -> bool:
    from tdc.metrology.access import can_import

    return can_import(user)


def _home_panel(request: HttpRequest) -> dict[str, Any] | None:
    from django.utils import timezone

    from tdc.metrology.access import can_register_instruments, can_see_overdue_lists
    from tdc.metrology.queries import filter_instruments, instruments_visible_to

    if not can_see_overdue_lists(request.user):
        return None
    today = timezone.localdate()
    visible = instruments_visible_to(request.user)
    return {
        "overdue": filter_instruments(visible, today=today, due="overdue").count(),
        "soon": filter_instruments(visible, today=today, due="soon").count(),
        "failed": filter_instruments(visible, today=today, due="failed").count(),
        "can_register": can_register_instruments(request.user),
    }


class MetrologyConfig(AppConfig):
    name = "tdc.metrology"
    label = "metrology"
    verbose_name = "Phương tiện đo"

    def ready(self) -> None:
        from tdc.core.metrics import Metric, register_metric
        from tdc.core.registry import (
            HomePanel,
            NavGroup,
            NavItem,
            PublicLink,
            register_home_panel,
            register_nav,
            register_nav_group,
            register_public_link,
        )
        from tdc.metrology.queries import overdue_metric, verified_on_time_share

        register_nav_group(NavGroup(key="metrology", label=_("Đo lường"), order=40))
        register_public_link(
            PublicLink(
                label=_("Tra cứu tem kiểm định"),
                url_name="metrology:stamp_lookup",
                order=30,
                description=_(
                    "Nhập số in trên tem của cân, cột đo xăng dầu, đồng hồ nước… để biết tem "
                    "còn hiệu lực hay không."
                ),
            )
        )
        register_nav(
            NavItem(
                label=_("Tổng quan đo lường"),
                url_name="metrology:dashboard",
                order=41,
                visible=_sees_dashboard,
            )
        )
        register_nav(
            NavItem(
                label=_("Danh mục phương tiện đo nhóm 2"),
                url_name="metrology:type_list",
                order=42,
                visible=_sees_register,
            )
        )
        register_nav(
            NavItem(
                label=_("Nhập từ tệp"),
                url_name="metrology:import_start",
                order=43,
                visible=_imports,
            )
        )

        register_nav(
            NavItem(
                label=_("Phương tiện đo"),
                url_name="metrology:instrument_list",
                order=40,
                visible=_sees_register,
            )
        )
        register_home_panel(
            HomePanel(template="metrology/home_panel.html", context=_home_panel, order=40)
        )
        register_metric(
            Metric(
                key="metrology.verified_on_time_share",
                label="Tỷ lệ phương tiện đo nhóm 2 được kiểm định đúng hạn",
                unit="%",
                compute=verified_on_time_share,
                wording=(r"phuong tien do\b.*\bkiem dinh\b.*\b(dung han|dung thoi han|kip thoi)",),
                description=(
                    "Trong các lần kiểm định trong kỳ nối tiếp một lần kiểm định trước, "
                    "tỷ lệ lần được thực hiện không muộn hơn hạn của lần trước."
                ),
            )
        )
        register_metric(
            Metric(
                key="metrology.overdue_count",
                label="Số phương tiện đo nhóm 2 quá hạn kiểm định",
                unit="phương tiện",
                compute=overdue_metric,
                wording=(r"phuong tien do\b.*\bqua han kiem dinh",),
                description="Phương tiện đo đang sử dụng đã quá hạn kiểm định vào cuối kỳ.",
            )
        )

        from tdc.core.registry import DemoStep, register_demo

        register_demo(DemoStep(name="metrology", load="tdc.metrology.demo.load", order=40))

        from tdc.core.registry import PeriodicJob, register_periodic
        from tdc.metrology.imports import LEASE_SECONDS
        from tdc.metrology.jobs import resume_abandoned_imports, send_instrument_reminders

        register_periodic(
            PeriodicJob(
                name="metrology.send_instrument_reminders",
                enqueue=send_instrument_reminders.enqueue,
            )
        )
        register_periodic(
            PeriodicJob(
                name="metrology.resume_abandoned_imports",
                enqueue=resume_abandoned_imports.enqueue,
                every_seconds=LEASE_SECONDS // 2,
            )
        )
