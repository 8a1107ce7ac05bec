from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "roundtable.coalitions"
    label = "coalitions"
    verbose_name = _("Dynamic coalitions")

    def ready(self) -> None:
        from roundtable.drafting.authority import register_in_process_provider
        from roundtable.lists.subscriptions import register_invitation_hook

        from .facts import member_facts
        from .list_membership import founder_accepted

        register_in_process_provider(member_facts)
        register_invitation_hook(founder_accepted)
