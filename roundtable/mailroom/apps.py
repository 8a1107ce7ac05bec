from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailroomConfig(AppConfig):
    name = "roundtable.mailroom"
    label = "mailroom"
    verbose_name = _("Mail in")
    default_auto_field = "django.db.models.BigAutoField"
