from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "roundtable.stakeholders"
    label = "stakeholders"
    verbose_name = _("Participants and accreditation")

    def ready(self) -> None:
        from roundtable.outputs.parts import register_part
        from roundtable.permissions.standing import register_standing_provider
        from roundtable.stakeholders.parts import venue_part
        from roundtable.stakeholders.standing import standing_of, standings_of

        register_standing_provider(standing_of, standings_of)
        register_part("processes:venue", venue_part)
