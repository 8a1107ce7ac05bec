from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "roundtable.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from roundtable.outputs.parts import register_part

        from .parts import process_part
        from .scopes import register_scopes

        register_part("processes:process", process_part)
        register_scopes()
