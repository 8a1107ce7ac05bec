from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListsConfig(AppConfig):
    name = "roundtable.lists"
    label = "lists"
    verbose_name = _("Mailing lists")
    default_auto_field = "django.db.models.BigAutoField"
