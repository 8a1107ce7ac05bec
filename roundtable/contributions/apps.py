from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "roundtable.contributions"
    label = "contributions"
    verbose_name = _("Calls for input and contributions")

    def ready(self) -> None:
        from roundtable.outputs.parts import register_part

        from .parts import me_part, process_part
        from .scopes import register_scopes

        register_part("processes:process", process_part)
        register_part("stakeholders:me", me_part)
        register_scopes()
