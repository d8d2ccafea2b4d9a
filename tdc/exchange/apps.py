from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "tdc.exchange"
    label = "exchange"
    verbose_name = "Trao đổi dữ liệu"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.accounts.capabilities import Capability, can
        from tdc.core.events import EventType, add_listener, register_event_type
        from tdc.core.registry import NavItem, PeriodicJob, register_nav, register_periodic
        from tdc.exchange.jobs import pause_failing_subscriptions, retry_due_deliveries
        from tdc.exchange.services import record_event

        # The events of the modules that predate the catalogue (plans, metrology); modules
        # written since register their own in their AppConfig.ready().
        for name, label in (
            ("plans.report_accepted", _("Báo cáo tiến độ được Sở KH&CN chấp nhận")),
            ("plans.synthesis_finalised", _("Báo cáo tổng hợp của tỉnh được hoàn thành")),
            ("metrology.instruments_overdue", _("Phương tiện đo quá hạn kiểm định")),
        ):
            register_event_type(EventType(name=name, label=str(label)))
        add_listener(record_event)  # type: ignore[arg-type]  # its result is for tests
        register_periodic(
            PeriodicJob(
                name="exchange.retry_due_deliveries",
                enqueue=retry_due_deliveries.enqueue,
                every_seconds=60,
            )
        )
        register_periodic(
            PeriodicJob(
                name="exchange.pause_failing_subscriptions",
                enqueue=pause_failing_subscriptions.enqueue,
            )
        )
        from tdc.metrology.jobs import announce_overdue_instruments

        register_periodic(
            PeriodicJob(
                name="metrology.announce_overdue_instruments",
                enqueue=announce_overdue_instruments.enqueue,
            )
        )
        from tdc.core.registry import DemoStep, register_demo

        # After the modules whose records its demo events name, before open data.
        register_demo(DemoStep(name="exchange", load="tdc.exchange.demo.load", order=98))
        register_nav(
            NavItem(
                label=_("Kết nối hệ thống"),
                url_name="exchange:subscription_list",
                group="accounts",
                order=90,
                visible=lambda user: can(user, Capability.MANAGE_EVENT_SUBSCRIPTIONS),
            )
        )
