from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tdc.plans"
    label = "plans"
    verbose_name = "Kế hoạch và nhiệm vụ"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.accounts.capabilities import Capability, can
        from tdc.core.registry import NavGroup, NavItem, register_nav, register_nav_group
        from tdc.plans.access import can_monitor, takes_part_in_plans

        register_nav_group(NavGroup(key="plans", label=_("Kế hoạch 38"), order=10))

        # Every entry asks the door's own question, so a menu never offers a 403 or a 404.
        register_nav(
            NavItem(
                label=_("Nhiệm vụ của tôi"),
                url_name="plans:my_tasks",
                order=10,
                # Only those who report have tasks of their own; monitors read the dashboard.
                visible=lambda user: (
                    can(user, Capability.WRITE_REPORTS) or can(user, Capability.APPROVE_REPORTS)
                ),
            )
        )
        register_nav(
            NavItem(
                label=_("Kế hoạch"),
                url_name="plans:plan_list",
                order=20,
                visible=takes_part_in_plans,
            )
        )
        # The dashboard is for DoST and the read-only monitors; agencies use "Nhiệm vụ của tôi".
        register_nav(
            NavItem(
                label=_("Theo dõi, đôn đốc"),
                url_name="plans:dashboard",
                order=30,
                visible=can_monitor,
            )
        )
        register_nav(
            NavItem(
                label=_("Chỉ tiêu 2030"),
                url_name="plans:indicator_list",
                order=40,
                visible=lambda user: can_monitor(user) or can(user, Capability.MANAGE_PLANS),
            )
        )
        register_nav(
            NavItem(label=_("Thông báo"), url_name="plans:notification_list", order=90, group="")
        )

        from tdc.core.registry import DemoStep, register_demo

        # The seed plans after the demo province's organisations; their execution (reports,
        # indicators, the synthesis) after every other app's demo records.
        register_demo(DemoStep(name="plans", load="tdc.plans.demo.plans.load", order=20))
        register_demo(
            DemoStep(name="plans.execution", load="tdc.plans.demo.execution.load", order=90)
        )

        from tdc.plans import metrics, panels

        metrics.register()
        panels.register()

        from django.utils import timezone

        from tdc.core.registry import PeriodicJob, register_periodic
        from tdc.plans.jobs import requeue_stalled_import_drafts, send_plan_reminders
        from tdc.plans.services.importing import PARSE_LEASE

        register_periodic(
            PeriodicJob(
                name="plans.send_plan_reminders",
                enqueue=lambda: send_plan_reminders.enqueue(on=timezone.localdate().isoformat()),
            )
        )
        register_periodic(
            PeriodicJob(
                name="plans.requeue_stalled_import_drafts",
                enqueue=requeue_stalled_import_drafts.enqueue,
                every_seconds=int(PARSE_LEASE.total_seconds()) // 2,
            )
        )
