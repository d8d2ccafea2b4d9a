from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tdc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và tổ chức"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.accounts.capabilities import Capability, can
        from tdc.core.registry import (
            DemoStep,
            NavGroup,
            NavItem,
            register_demo,
            register_nav,
            register_nav_group,
        )

        register_nav_group(NavGroup(key="accounts", label=_("Hệ thống"), order=95))
        register_nav(
            NavItem(
                label=_("Cơ quan, tổ chức"),
                url_name="accounts:organisation_list",
                order=92,
                visible=lambda user: (
                    can(user, Capability.MANAGE_ORGANISATIONS)
                    or can(user, Capability.MONITOR_PLANS)
                ),
            )
        )
        register_nav(
            NavItem(
                label=_("Trang quản trị"),
                url_name="admin:index",
                order=96,
                group="accounts",
                # Django's admin site lets in staff accounts only (made by createsuperuser).
                visible=lambda user: bool(user.is_active and user.is_staff),
            )
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
