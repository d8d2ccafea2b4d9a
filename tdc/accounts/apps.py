from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tdc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và tổ chức"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.core.registry import NavItem, register_nav

        register_nav(
            NavItem(label=_("Cơ quan, tổ chức"), url_name="accounts:organisation_list", order=90)
        )
