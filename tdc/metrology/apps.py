from django.apps import AppConfig


class MetrologyConfig(AppConfig):
    name = "tdc.metrology"
    label = "metrology"
    verbose_name = "Phương tiện đo"
