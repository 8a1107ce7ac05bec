from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "roundtable.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from roundtable.outputs.parts import register_part

        from .parts import tokens_part

        register_part("stakeholders:me", tokens_part)
