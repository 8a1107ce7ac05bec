from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class MailroomConfig(AppConfig):
    name = "roundtable.mailroom"
    label = "mailroom"
    verbose_name = _("Mail in")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Notifications by mail are a site's choice (docs/lists.md, "Replies by email"): off,
        # loading the demo or running tests queues no mail for each contribution.
        if getattr(settings, "ROUNDTABLE_MAIL_NOTIFICATIONS", False):
            from . import notify  # models are loaded only now

            notify.connect()
