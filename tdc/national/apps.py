from django.apps import AppConfig


class NationalConfig(AppConfig):
    name = "tdc.national"
    label = "national"
    verbose_name = "Toàn quốc"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tdc.accounts.capabilities import Capability, can
        from tdc.core.registry import NavItem, register_nav

        register_nav(
            NavItem(
                label=_("Toàn quốc"),
                url_name="national:overview",
                order=15,
                visible=lambda user: can(user, Capability.VIEW_NATIONAL),
            )
        )
