from __future__ import annotations

from django.apps import AppConfig


class SurveillanceConfig(AppConfig):
    name = "tdc.surveillance"
    label = "surveillance"
    verbose_name = "Giám sát thị trường"

    def ready(self) -> None:
        from tdc.surveillance.wiring import connect

        connect()
