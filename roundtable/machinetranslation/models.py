"""The per-venue switch and the cache of what a provider returned."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.venues.models import Venue


class VenueSwitch(models.Model):
    """Machine translation at one venue: off unless its secretariat turned it on (no row: off)."""

    venue = models.OneToOneField(
        Venue, on_delete=models.CASCADE, related_name="machine_translation"
    )
    enabled = models.BooleanField(_("machine translation on"), default=False)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("machine translation switch")
        verbose_name_plural = _("machine translation switches")

    def __str__(self) -> str:
        return f"{self.venue_id}: {'on' if self.enabled else 'off'}"


class CachedTranslation(models.Model):
    """A provider's output for one text, so that the same text is never sent twice.

    Keyed by the SHA-256 of the source text (the text itself may be long), the two languages
    and the provider's cache key; the source text is not kept here, the document holds it.
    """

    source_hash = models.CharField(max_length=64)
    source = models.CharField(max_length=10)
    target = models.CharField(max_length=10)
    provider = models.CharField(max_length=200)
    text = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_hash", "source", "target", "provider"],
                name="machine_translation_cache_key",
            )
        ]
        verbose_name = _("machine translation")
        verbose_name_plural = _("machine translations")

    def __str__(self) -> str:
        return f"{self.source}->{self.target} {self.source_hash[:8]} ({self.provider})"
