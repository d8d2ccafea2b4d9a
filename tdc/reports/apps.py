from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tdc.reports"
    label = "reports"
    verbose_name = "Báo cáo, xuất bản"
