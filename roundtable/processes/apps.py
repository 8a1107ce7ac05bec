from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "roundtable.processes"
    label = "processes"
    verbose_name = _("Venues and processes")

    def ready(self) -> None:
        from .scopes import register_scopes

        register_scopes()
