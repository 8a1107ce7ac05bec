"""Participants: profiles, organisations, stakeholder groups, delegations, accreditation.

A venue maps its own membership categories onto the stakeholder-group taxonomy. Standing in a
venue comes from approved accreditations there (see `roundtable.permissions.standing`); it
carries over to every process of that venue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.venues.models import Venue


class StakeholderGroup(models.Model):
    """The default taxonomy (government, private sector, ...); its slugs are the engine's groups."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")

    def __str__(self) -> str:
        return self.name


class VenueCategory(models.Model):
    """A venue's own membership category (ITU: Member State, Sector Member...) and its group."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="categories")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=100)
    group = models.ForeignKey(StakeholderGroup, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["venue", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "slug"], name="category_unique_in_venue")
        ]
        verbose_name = _("venue category")
        verbose_name_plural = _("venue categories")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Ecosoc(models.TextChoices):
        NONE = "", _("none")
        GENERAL = "general", _("general consultative status")
        SPECIAL = "special", _("special consultative status")
        ROSTER = "roster", _("roster")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.ForeignKey(
        StakeholderGroup, on_delete=models.PROTECT, related_name="organisations", null=True
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    ecosoc_status = models.CharField(
        _("ECOSOC status"), max_length=10, choices=Ecosoc.choices, blank=True, default=""
    )
    itu_sector_member = models.BooleanField(_("ITU Sector Member"), default=False)
    # Space-separated mail domains of its people: an extra signal shown to the focal point and
    # the secretariat, never enough alone to confirm anyone.
    email_domains = models.CharField(_("email domains"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """What a person says of themselves. Region and gender are optional, for balance reports."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=200)
    region = models.CharField(_("region"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=100, blank=True)
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    # Set when the person withdrew from the platform (erasure): their name and address are gone,
    # what they contributed stays in the record as "withdrawn participant".
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name


class Delegation(models.Model):
    """A delegation to a venue (a Member State's, for instance): a head and members.

    Members are the people whose approved accreditation in the venue names this delegation.
    """

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="delegations")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=200)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_delegations",
    )

    class Meta:
        ordering = ["venue", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "slug"], name="delegation_unique_in_venue")
        ]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return self.name


class Accreditation(models.Model):
    """A request for standing in a venue, and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accreditations"
    )
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="accreditations")
    group = models.ForeignKey(StakeholderGroup, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(
        VenueCategory, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="accreditations", null=True, blank=True
    )
    statement = models.TextField(_("statement"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    basis = models.CharField(_("basis"), max_length=100, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    requested_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["user", "venue", "status"])]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")

    def __str__(self) -> str:
        return f"{self.user_id}@{self.venue_id}: {self.status}"


class SupportingDocument(models.Model):
    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(upload_to="accreditation/%Y/")
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")

    def __str__(self) -> str:
        return self.name


class OrganisationStatus(models.Model):
    """What an organisation is at one venue, as the venue's secretariat verified it: its
    status there (`basis`: ITU Sector Membership, ECOSOC consultative status...), and the
    group, category and delegation its confirmed people are accredited with. Status is per
    venue: being a Sector Member at ITU says nothing about the IGF."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="venue_statuses"
    )
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="organisation_statuses")
    basis = models.SlugField(_("status"), blank=True)
    group = models.ForeignKey(StakeholderGroup, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(
        VenueCategory, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    verified_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "venue"], name="one_status_per_organisation_and_venue"
            )
        ]
        verbose_name = _("organisation status at a venue")
        verbose_name_plural = _("organisation statuses at venues")

    def __str__(self) -> str:
        return f"{self.organisation_id}@{self.venue_id}: {self.basis}"


class FocalPoint(models.Model):
    """A person the venue's secretariat designated to confirm who belongs to an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="focal_points"
    )
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="focal_points")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_point_of"
    )
    designated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "venue", "user"], name="focal_point_unique"
            )
        ]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self) -> str:
        return f"{self.user_id} for {self.organisation_id}@{self.venue_id}"


class Affiliation(models.Model):
    """A person's claim to belong to an organisation, at a venue, and its focal point's answer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the organisation")
        CONFIRMED = "confirmed", _("confirmed by the organisation")
        REFUSED = "refused", _("refused by the organisation")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="affiliations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    requested_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["organisation", "venue", "status"])]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self) -> str:
        return f"{self.user_id} in {self.organisation_id}@{self.venue_id}: {self.status}"


class DisclosureStatement(models.Model):
    """A statement a person keeps on file at a venue, as the process's modality requires
    (`disclosures:` in its rule file): a GNSO Statement of Interest, an IETF Note Well
    acknowledgement. The latest one per person, venue and kind is the one in force."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="disclosures"
    )
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    text = models.TextField(_("statement"), blank=True)
    filed_at = models.DateTimeField()
    # The person (or the chair's reminder) says it no longer reflects their interests.
    update_needed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("statement on file")
        verbose_name_plural = _("statements on file")

    def __str__(self) -> str:
        return f"{self.kind} of {self.user_id} at {self.venue_id}"
