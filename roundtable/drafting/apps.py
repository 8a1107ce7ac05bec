from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftingConfig(AppConfig):
    name = "roundtable.drafting"
    label = "drafting"
    verbose_name = _("Drafting")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .scopes import register_scopes

        register_scopes()
