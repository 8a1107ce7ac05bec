from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MachineTranslationConfig(AppConfig):
    name = "roundtable.machinetranslation"
    label = "machinetranslation"
    verbose_name = _("Machine translation")
    default_auto_field = "django.db.models.BigAutoField"
