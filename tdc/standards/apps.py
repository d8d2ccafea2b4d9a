from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "tdc.standards"
    label = "standards"
    verbose_name = "Tiêu chuẩn, TBT"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.accounts.capabilities import Capability, can
        from tdc.core.registry import (
            DemoStep,
            NavGroup,
            NavItem,
            PeriodicJob,
            register_demo,
            register_nav,
            register_nav_group,
            register_periodic,
            register_task_facts,
        )
        from tdc.standards.jobs import send_daily_digests
        from tdc.standards.metrics import register_standards_metrics
        from tdc.standards.queries import project_task_facts

        register_nav_group(NavGroup(key="standards", label=_("Tiêu chuẩn"), order=50))
        register_nav(
            NavItem(
                label=_("Tiêu chuẩn"),
                url_name="standards:standard_list",
                group="standards",
                order=50,
            )
        )
        register_nav(
            NavItem(
                label=_("Cảnh báo TBT"),
                url_name="standards:alert_list",
                group="standards",
                order=51,
                visible=lambda user: can(user, Capability.SUBSCRIBE_TO_ALERTS),
            )
        )
        register_nav(
            NavItem(
                label=_("Hỏi đáp TBT"),
                url_name="standards:enquiry_list",
                group="standards",
                order=52,
                visible=lambda user: (
                    can(user, Capability.ASK_TBT_ENQUIRIES)
                    or can(user, Capability.ANSWER_TBT_ENQUIRIES)
                ),
            )
        )
        register_nav(
            NavItem(
                label=_("Dự án tiêu chuẩn"),
                url_name="standards:project_list",
                group="standards",
                order=53,
                visible=lambda user: (
                    can(user, Capability.MANAGE_STANDARDS) or can(user, Capability.MONITOR_PLANS)
                ),
            )
        )
        register_periodic(
            PeriodicJob(
                name="standards.send_daily_digests",
                enqueue=send_daily_digests.enqueue,
                every_seconds=24 * 3600,
            )
        )
        register_standards_metrics()
        # A project's stage shows in the reports of the plan task it is linked to.
        register_task_facts("standards.projects", project_task_facts)
        register_demo(DemoStep(name="standards", load="tdc.standards.demo.load", order=95))
