from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tdc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và tổ chức"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.accounts.capabilities import Capability, can
        from tdc.core.registry import DemoStep, NavItem, register_demo, register_nav

        register_nav(
            NavItem(label=_("Cơ quan, tổ chức"), url_name="accounts:organisation_list", order=90)
        )
        register_nav(
            NavItem(
                label=_("Nhật ký hệ thống"),
                url_name="accounts:audit_log",
                order=95,
                visible=lambda user: can(user, Capability.READ_AUDIT_LOG),
            )
        )
        # The administrative units, the demo province's organisations and one user per role:
        # everything else in the demo belongs to them, so they come first.
        register_demo(
            DemoStep(
                name="accounts",
                load="tdc.accounts.demo.load",
                order=10,
                logins="tdc.accounts.demo.print_logins",
            )
        )
