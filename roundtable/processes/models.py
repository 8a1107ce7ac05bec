from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Venue(models.Model):
    """A forum with its own membership categories and a default modality (IGF, ITU, ...)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    default_modality = models.CharField(_("default modality"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name


class Process(models.Model):
    """A piece of work on an issue, run in phases under a modality."""

    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="processes")
    slug = models.SlugField()
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    modality = models.CharField(_("modality"), max_length=100, blank=True)

    class Meta:
        ordering = ["venue__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "slug"], name="process_slug_unique_in_venue")
        ]
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def __str__(self) -> str:
        return self.title

    @property
    def effective_modality(self) -> str:
        return self.modality or self.venue.default_modality
