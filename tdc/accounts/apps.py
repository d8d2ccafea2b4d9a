from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tdc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và tổ chức"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.accounts.models import Role
        from tdc.accounts.permissions import has_role
        from tdc.core.registry import NavItem, register_nav

        register_nav(
            NavItem(label=_("Cơ quan, tổ chức"), url_name="accounts:organisation_list", order=90)
        )
        register_nav(
            NavItem(
                label=_("Nhật ký hệ thống"),
                url_name="core:audit_log",
                order=95,
                visible=lambda user: has_role(user, Role.SYSTEM_ADMIN),
            )
        )
