from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementConfig(AppConfig):
    name = "roundtable.agreement"
    label = "agreement"
    verbose_name = _("Group-aware agreement")

    def ready(self) -> None:
        from .scopes import register_scopes

        register_scopes()
