from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "roundtable.coalitions"
    label = "coalitions"
    verbose_name = _("Dynamic coalitions")

    def ready(self) -> None:
        from roundtable.drafting.authority import register_in_process_provider

        from .facts import member_facts

        register_in_process_provider(member_facts)
