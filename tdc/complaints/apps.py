from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "tdc.complaints"
    label = "complaints"
    verbose_name = "Phản ánh của người dân"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.accounts.capabilities import Capability, can
        from tdc.complaints import checks  # noqa: F401  (registers the deploy checks)
        from tdc.complaints.home import home_panel_context
        from tdc.complaints.logfilters import install_on_root_handlers
        from tdc.complaints.metrics import register_complaint_metrics
        from tdc.core.registry import (
            HomePanel,
            NavGroup,
            NavItem,
            PublicLink,
            register_home_panel,
            register_nav,
            register_nav_group,
            register_public_link,
        )

        register_nav_group(NavGroup(key="complaints", label=_("Phản ánh"), order=30))
        register_public_link(
            PublicLink(
                label=_("Gửi phản ánh"),
                url_name="complaints:report",
                order=10,
                description=_(
                    "Cân sai, cột xăng gian lận, hàng giả, hàng không rõ nguồn gốc: báo cho Sở, "
                    "ẩn danh hoặc được giữ bí mật danh tính."
                ),
            )
        )
        register_public_link(
            PublicLink(
                label=_("Theo dõi hồ sơ"),
                url_name="complaints:follow",
                order=20,
                description=_("Xem kết quả xử lý, trả lời cán bộ bằng mã tiếp nhận của bạn."),
            )
        )
        register_public_link(
            PublicLink(
                label=_("Thống kê"),
                url_name="complaints:statistics",
                order=40,
                description=_("Số phản ánh tiếp nhận, đã xử lý và tỷ lệ đúng hạn theo tháng."),
            )
        )
        register_nav(
            NavItem(
                label=_("Phản ánh"),
                url_name="complaints:list",
                order=30,
                visible=lambda user: can(user, Capability.VIEW_COMPLAINTS),
            )
        )
        register_nav(
            NavItem(
                label=_("Nhập phản ánh nhận qua điện thoại, thư"),
                url_name="complaints:record",
                order=31,
                visible=lambda user: can(user, Capability.RECORD_COMPLAINTS),
            )
        )
        register_nav(
            NavItem(
                label=_("Quy tắc định tuyến"),
                url_name="complaints:routing_rules",
                order=32,
                visible=lambda user: can(user, Capability.MANAGE_ROUTING_RULES),
            )
        )
        register_nav(
            NavItem(
                label=_("Thống kê công khai"),
                url_name="complaints:statistics",
                order=33,
                visible=lambda user: can(user, Capability.VIEW_COMPLAINTS),
            )
        )
        register_nav(
            NavItem(
                label=_("Công khai danh tính"),
                url_name="complaints:disclosure_list",
                order=31,
                visible=lambda user: can(user, Capability.DECIDE_IDENTITY_DISCLOSURE),
            )
        )
        register_home_panel(
            HomePanel(template="complaints/home_panel.html", context=home_panel_context, order=30)
        )
        register_complaint_metrics()

        from tdc.core.registry import DemoStep, register_demo

        register_demo(DemoStep(name="complaints", load="tdc.complaints.demo.load", order=30))
        install_on_root_handlers()

        from tdc.complaints.jobs import send_complaint_reminders
        from tdc.core.registry import PeriodicJob, register_periodic

        register_periodic(
            PeriodicJob(
                name="complaints.send_complaint_reminders", enqueue=send_complaint_reminders.enqueue
            )
        )
