from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    name = "roundtable.venues"
    label = "venues"
    verbose_name = _("Venues")

    def ready(self) -> None:
        from .scopes import register_scopes

        register_scopes()
