from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleFile(models.Model):
    """One version of a rule file a secretariat uploaded: a process modality stored as data.

    A name's latest version is the one in force (`roundtable.permissions.registry`); earlier
    versions stay for the record. Names never collide with presets or platform files.
    """

    name = models.SlugField(_("name"), max_length=100)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    # The venue whose secretariat uploaded it (a slug, kept for the record).
    venue = models.SlugField(_("venue"), blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="rule_file_name_version")
        ]
        verbose_name = _("rule file")
        verbose_name_plural = _("rule files")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
