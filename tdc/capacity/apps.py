from __future__ import annotations

from django.apps import AppConfig


class CapacityConfig(AppConfig):
    name = "tdc.capacity"
    label = "capacity"
    verbose_name = "Năng lực"

    def ready(self) -> None:
        from tdc.capacity import registration

        registration.register()
