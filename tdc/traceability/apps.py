from django.apps import AppConfig


class TraceabilityConfig(AppConfig):
    name = "tdc.traceability"
    verbose_name = "Truy xuất nguồn gốc"
