from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "roundtable.decisions"
    label = "decisions"
    verbose_name = _("Decisions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from roundtable.outputs.parts import register_part

        from .parts import document_part
        from .scopes import register_scopes

        register_part("drafting:document", document_part)
        register_scopes()
