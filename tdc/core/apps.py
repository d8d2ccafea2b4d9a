from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tdc.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from tdc.core import signals  # noqa: F401  (login and failed-login audit)
