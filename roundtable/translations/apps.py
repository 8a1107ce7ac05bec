from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "roundtable.translations"
    label = "translations"
    verbose_name = _("Language versions")

    def ready(self) -> None:
        from roundtable.drafting.languages import register_language_versions
        from roundtable.outputs.parts import register_part

        from .alignment import amendment_basis, original_language
        from .amendments import amendment_part

        # Drafting asks which language a document is in and what an amendment in a language
        # version amends, without importing this app (it sits above drafting).
        register_language_versions(original=original_language, basis=amendment_basis)
        register_part("drafting:amendment", amendment_part)
