from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListsConfig(AppConfig):
    name = "roundtable.lists"
    label = "lists"
    verbose_name = _("Mailing lists")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from roundtable.outbox.bounces import register_bounce_hook

        from .bouncing import charge_bounce
        from .delivery import REFERENCE
        from .scopes import register_scopes

        register_bounce_hook(REFERENCE, charge_bounce)
        register_scopes()
