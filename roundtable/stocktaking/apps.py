from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StocktakingConfig(AppConfig):
    name = "roundtable.stocktaking"
    label = "stocktaking"
    verbose_name = _("Stock-taking")
    default_auto_field = "django.db.models.BigAutoField"
