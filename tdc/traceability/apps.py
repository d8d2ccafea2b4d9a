from __future__ import annotations

from django.apps import AppConfig


class TraceabilityConfig(AppConfig):
    name = "tdc.traceability"
    label = "traceability"
    verbose_name = "Truy xuất nguồn gốc"

    def ready(self) -> None:
        from tdc.core.events import EventType, register_event_type

        register_event_type(
            EventType(
                name="traceability.events_captured",
                label="Doanh nghiệp gửi sự kiện truy xuất nguồn gốc (EPCIS)",
                description="Mã lần gửi, doanh nghiệp, tỉnh, số sự kiện và số sự kiện mới.",
            )
        )
