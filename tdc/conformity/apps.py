from django.apps import AppConfig


class ConformityConfig(AppConfig):
    name = "tdc.conformity"
    label = "conformity"
    verbose_name = "Công bố hợp chuẩn, hợp quy"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.accounts.capabilities import Capability, can
        from tdc.conformity.jobs import send_conformity_warnings
        from tdc.conformity.metrics import register_conformity_metrics
        from tdc.conformity.queries import notices_for_gtin
        from tdc.core.events import EventType, register_event_type
        from tdc.core.products import register_product_notices
        from tdc.core.registry import (
            DemoStep,
            NavGroup,
            NavItem,
            PeriodicJob,
            register_demo,
            register_nav,
            register_nav_group,
            register_periodic,
        )

        register_nav_group(NavGroup(key="standards", label=_("Tiêu chuẩn"), order=50))
        register_nav(
            NavItem(
                label=_("Công bố hợp chuẩn, hợp quy"),
                url_name="conformity:declaration_list",
                group="standards",
                order=55,
                visible=lambda user: can(user, Capability.READ_DECLARATIONS),
            )
        )
        for name, label in (
            ("conformity.declaration_submitted", "Hồ sơ công bố hợp chuẩn, hợp quy được nộp"),
            ("conformity.declaration_accepted", "Hồ sơ công bố được tiếp nhận"),
            ("conformity.more_information_requested", "Hồ sơ công bố được yêu cầu bổ sung"),
            ("conformity.declaration_refused", "Hồ sơ công bố không được tiếp nhận"),
        ):
            register_event_type(EventType(name=name, label=label))
        from django.apps import apps as django_apps

        from tdc.conformity.models import Declaration

        # A declaration's notice shows its standard's number: a renumbered standard too.
        register_product_notices(
            "conformity",
            notices_for_gtin,
            changed_by=[Declaration, django_apps.get_model("standards", "Standard")],
        )
        register_periodic(
            PeriodicJob(
                name="conformity.send_conformity_warnings",
                enqueue=send_conformity_warnings.enqueue,
                every_seconds=24 * 3600,
            )
        )
        register_conformity_metrics()
        register_demo(DemoStep(name="conformity", load="tdc.conformity.demo.load", order=96))
