from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MachineTranslationConfig(AppConfig):
    name = "roundtable.machinetranslation"
    label = "machinetranslation"
    verbose_name = _("Machine translation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from roundtable.outputs.parts import register_part

        from .parts import venue_part

        register_part("processes:venue", venue_part)
