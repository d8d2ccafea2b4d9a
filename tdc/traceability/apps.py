from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _reads(user: object) -> bool:
    from tdc.traceability.access import can_read_traceability

    return can_read_traceability(user)  # type: ignore[arg-type]


class TraceabilityConfig(AppConfig):
    name = "tdc.traceability"
    label = "traceability"
    verbose_name = "Truy xuất nguồn gốc"

    def ready(self) -> None:
        from tdc.core.events import EventType, register_event_type
        from tdc.core.registry import DemoStep, NavItem, register_demo, register_nav
        from tdc.traceability.metrics import register_traceability_metrics

        register_event_type(
            EventType(
                name="traceability.events_captured",
                label="Doanh nghiệp gửi sự kiện truy xuất nguồn gốc (EPCIS)",
                description="Mã lần gửi, doanh nghiệp, tỉnh, số sự kiện và số sự kiện mới.",
            )
        )
        from tdc.core.registry import NavGroup, register_nav_group

        register_nav_group(NavGroup(key="quality", label=_("Chất lượng"), order=45))
        register_nav(
            NavItem(
                label=_("Truy xuất nguồn gốc"),
                url_name="traceability:overview",
                group="quality",
                order=45,
                visible=_reads,
            )
        )
        register_traceability_metrics()
        register_demo(DemoStep(name="traceability", load="tdc.traceability.demo.load", order=45))
