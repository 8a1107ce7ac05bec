from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.venues.models import Venue


class Process(models.Model):
    """A piece of work on an issue, run in phases under a modality."""

    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="processes")
    slug = models.SlugField()
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    # The language the summary is written in (one of settings.LANGUAGES; blank: unknown).
    summary_language = models.CharField(_("language of the summary"), max_length=10, blank=True)
    modality = models.CharField(_("modality"), max_length=100, blank=True)
    # The issue(s) the process works on: the engine's context issues.
    topics = models.JSONField(_("topics"), default=list)
    # Other modalities under which the process may be viewed (simulated) side by side.
    alternative_modalities = models.JSONField(_("alternative modalities"), default=list)

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


class Phase(models.Model):
    """A stretch of a process with a kind (the engine's phase), dates and optional overrides.

    Dates are inclusive calendar days (UTC). Phases of one process never overlap
    (`actions.do_add_phase` refuses); which one is current is `clock.current_phase`'s answer.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    kind = models.SlugField(_("kind"))
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    tentative = models.BooleanField(_("tentative"), default=False)
    # Overrides: a modality for this phase only, and the kind of day (e.g. "mag", "open").
    modality = models.CharField(_("modality"), max_length=100, blank=True)
    day = models.SlugField(_("day"), blank=True)
    agenda = models.JSONField(_("agenda"), default=list)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["process", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
            )
        ]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return self.title
