from django.apps import AppConfig


class ConformityConfig(AppConfig):
    name = "tdc.conformity"
    label = "conformity"
    verbose_name = "Công bố hợp chuẩn, hợp quy"
