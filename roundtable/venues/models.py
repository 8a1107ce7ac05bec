"""Venues and the roles held at them.

The tables keep the names they had when Venue lived in the processes app and VenueRole in the
stakeholders app (`db_table`): the move changed no table (migrations/0001_initial.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Venue(models.Model):
    """A forum with its own membership categories and a default modality (IGF, ITU, ...)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The language the description is written in (one of settings.LANGUAGES; blank: unknown).
    description_language = models.CharField(
        _("language of the description"), max_length=10, blank=True
    )
    default_modality = models.CharField(_("default modality"), max_length=100)
    # Codes of the automatic accreditation rules this venue applies
    # (rules of roundtable/permissions/modalities/participation.yaml), e.g. ["ecosoc-status", "itu-sector-member"].
    automatic_accreditation = models.JSONField(_("automatic accreditation"), default=list)

    class Meta:
        db_table = "processes_venue"
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name


class VenueRole(models.Model):
    """A role held at a venue (secretariat, chair, mag-member...); no venue means everywhere."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="venue_roles"
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="roles", null=True, blank=True
    )
    role = models.SlugField(_("role"))

    class Meta:
        db_table = "stakeholders_venuerole"
        constraints = [
            models.UniqueConstraint(fields=["user", "venue", "role"], name="venue_role_unique")
        ]
        verbose_name = _("venue role")
        verbose_name_plural = _("venue roles")

    def __str__(self) -> str:
        return f"{self.role}@{self.venue_id or '*'}"


class SeatTerm(models.Model):
    """A term served in a seat (issue 12, richer standing): whose seat, for which group and year.

    The role itself is the VenueRole; these rows are the record a modality's composition
    (seats held per group in a year) and term limits (terms in a row) are checked against.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seat_terms"
    )
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="seat_terms")
    role = models.SlugField(_("role"))
    # The stakeholder group whose seat this is (blank: a seat no composition counts).
    group = models.SlugField(_("stakeholder group"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    given_at = models.DateTimeField(_("given at"))

    class Meta:
        ordering = ["venue", "role", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "venue", "role", "year"], name="one_seat_term_a_year"
            )
        ]
        indexes = [models.Index(fields=["venue", "role", "year"])]
        verbose_name = _("seat term")
        verbose_name_plural = _("seat terms")

    def __str__(self) -> str:
        return f"{self.role}@{self.venue_id} {self.year}: {self.user_id}"
