from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "tdc.opendata"
    label = "opendata"
    verbose_name = "Dữ liệu mở"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.core.registry import (
            DemoStep,
            NavItem,
            PeriodicJob,
            register_demo,
            register_nav,
            register_periodic,
        )
        from tdc.opendata import datasets
        from tdc.opendata.jobs import regenerate_open_data

        datasets.register()
        register_periodic(
            PeriodicJob(
                name="opendata.regenerate_open_data",
                enqueue=regenerate_open_data.enqueue,
                every_seconds=6 * 3600,
            )
        )
        # After the registers' demos (metrology 40, complaints …): publish what they loaded.
        register_demo(DemoStep(name="opendata", load="tdc.opendata.demo.load", order=99))
        register_nav(
            NavItem(
                label=_("Dữ liệu mở"), url_name="opendata:catalogue", group="accounts", order=95
            )
        )
