"""Writes for the taxonomy and the organisations: stakeholder groups, a venue's membership
categories, organisations; and the checks the secretariat's participant screens share.

Right `manage_participants` (participation.yaml) at the venue; organisations are shared by all
venues, and the venue whose secretariat creates one verifies its stated status there.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue

from .belonging import do_set_organisation_status
from .models import Organisation, StakeholderGroup, VenueCategory

DEFAULT_GROUPS = (
    ("government", "Government"),
    ("private-sector", "Private sector"),
    ("civil-society", "Civil society"),
    ("technical-community", "Technical community"),
    ("intergovernmental", "Intergovernmental organisation"),
    ("academia", "Academia"),
)


def require_manage_participants(actor: Actor, venue: Venue) -> None:
    require(
        actor, right="manage_participants", modality=PARTICIPATION, context={"venue": venue.slug}
    )


# --- what the participant screens accept -----------------------------------------------------


def clean_slug(slug: str) -> str:
    slug = (slug or "").strip()
    try:
        validate_slug(slug)
    except ValidationError:
        raise ValidationError(
            _("The short name may hold only letters, digits, hyphens and underscores."),
            code="slug",
        ) from None
    if len(slug) > 50:
        raise ValidationError(_("The short name is longer than 50 characters."), code="slug")
    return slug


def clean_name(name: str, max_length: int) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give a name."), code="required")
    if len(name) > max_length:
        raise ValidationError(
            _("The name is longer than %(max)d characters.") % {"max": max_length},
            code="too_long",
        )
    return name


def taken(message: str) -> ValidationError:
    """The refusal of a short name already in use (a 409 in the API)."""
    return ValidationError(message, code="exists")


# --- stakeholder groups and categories -------------------------------------------------------


def do_ensure_default_groups(*, actor: Actor) -> int:
    """Create whichever default stakeholder groups are missing (a data migration made them;
    this puts them back after a flush). Returns how many were created."""
    made = 0
    with transaction.atomic():
        for position, (slug, name) in enumerate(DEFAULT_GROUPS):
            if not StakeholderGroup.objects.filter(slug=slug).exists():
                do_create_group(actor=actor, slug=slug, name=name, position=position)
                made += 1
    return made


def do_create_group(*, actor: Actor, slug: str, name: str, position: int = 0) -> StakeholderGroup:
    with transaction.atomic():
        group = StakeholderGroup.objects.create(slug=slug, name=name, position=position)
        record_event(actor=actor, verb="group.created", target=group, summary={"slug": slug})
        return group


def do_create_venue_category(
    *, actor: Actor, venue: Venue, slug: str, name: str, group: StakeholderGroup
) -> VenueCategory:
    with transaction.atomic():
        category = VenueCategory.objects.create(venue=venue, slug=slug, name=name, group=group)
        record_event(
            actor=actor,
            verb="venue.category_created",
            target=venue,
            summary={"category": slug, "group": group.slug},
        )
        return category


def check_create_venue_category(
    *, actor: Actor, venue: Venue, slug: str, name: str, group: StakeholderGroup | None
) -> VenueCategory:
    require_manage_participants(actor, venue)
    slug, name = clean_slug(slug), clean_name(name, 100)
    if group is None:
        raise ValidationError(_("Choose the stakeholder group it maps onto."), code="group")
    refusal = _("%(venue)s has a category with the short name “%(slug)s” already.") % {
        "venue": venue.name,
        "slug": slug,
    }
    if VenueCategory.objects.filter(venue=venue, slug=slug).exists():
        raise taken(refusal)
    try:
        return do_create_venue_category(actor=actor, venue=venue, slug=slug, name=name, group=group)
    except IntegrityError:
        raise taken(refusal) from None


# --- organisations ---------------------------------------------------------------------------


def do_create_organisation(
    *,
    actor: Actor,
    slug: str,
    name: str,
    group: StakeholderGroup | None,
    country: str = "",
    ecosoc_status: str = "",
    itu_sector_member: bool = False,
    venue: Venue | None = None,
) -> Organisation:
    """Create an organisation (`venue`: where the secretariat that created it works, if any)."""
    with transaction.atomic():
        organisation = Organisation.objects.create(
            slug=slug,
            name=name,
            group=group,
            country=country,
            ecosoc_status=ecosoc_status,
            itu_sector_member=itu_sector_member,
        )
        record_event(
            actor=actor,
            verb="organisation.created",
            target=organisation,
            summary={
                "slug": slug,
                "ecosoc": ecosoc_status,
                "itu_sector_member": itu_sector_member,
                **({"venue": venue.slug} if venue is not None else {}),
            },
        )
        # The venue's secretariat stating the status verifies it at that venue (and only there).
        basis = (
            "ecosoc-status" if ecosoc_status else "itu-sector-member" if itu_sector_member else ""
        )
        if venue is not None and basis and group is not None:
            do_set_organisation_status(
                actor=actor, organisation=organisation, venue=venue, basis=basis, group=group
            )
        return organisation


def check_create_organisation(
    *,
    actor: Actor,
    venue: Venue,
    slug: str,
    name: str,
    group: StakeholderGroup | None = None,
    country: str = "",
    ecosoc_status: str = "",
    itu_sector_member: bool = False,
) -> Organisation:
    require_manage_participants(actor, venue)
    slug, name = clean_slug(slug), clean_name(name, 200)
    country = (country or "").strip()
    if len(country) > 100:
        raise ValidationError(_("The country is longer than 100 characters."), code="too_long")
    if ecosoc_status not in Organisation.Ecosoc.values:
        raise ValidationError(
            _("Unknown ECOSOC status “%(status)s”: use general, special, roster or nothing.")
            % {"status": ecosoc_status},
            code="ecosoc",
        )
    refusal = _("An organisation with the short name “%(slug)s” exists already.") % {"slug": slug}
    if Organisation.objects.filter(slug=slug).exists():
        raise taken(refusal)
    try:
        return do_create_organisation(
            actor=actor,
            slug=slug,
            name=name,
            group=group,
            country=country,
            ecosoc_status=ecosoc_status,
            itu_sector_member=itu_sector_member,
            venue=venue,
        )
    except IntegrityError:
        raise taken(refusal) from None
