"""Roles at a venue given by its secretariat: chair, secretariat, moderator (right
`assign_roles` in participation.yaml). Roles are accounts' business, so this lives here, above
venues (it used to be in processes/setup.py)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue, VenueRole

VENUE_ROLES = ("chair", "secretariat", "moderator")


def do_grant_role(*, actor: Actor, user: User, role: str, venue: Venue | None = None) -> VenueRole:
    with transaction.atomic():
        granted, _created = VenueRole.objects.get_or_create(user=user, venue=venue, role=role)
        record_event(
            actor=actor,
            verb="role.granted",
            target=user,
            summary={"role": role, "venue": venue.slug if venue else None},
        )
        return granted


def check_assign_role(*, actor: Actor, venue: Venue, user: User, role: str) -> VenueRole:
    """The venue's secretariat assigns chair, secretariat and moderator (right `assign_roles`)."""
    require(actor, right="assign_roles", modality=PARTICIPATION, context={"venue": venue.slug})
    if role not in VENUE_ROLES:
        raise ValidationError(_("Choose a role among: chair, secretariat, moderator."), code="role")
    if VenueRole.objects.filter(user=user, venue=venue, role=role).exists():
        raise ValidationError(
            _("This person already holds this role at %(venue)s.") % {"venue": venue.name},
            code="exists",
        )
    return do_grant_role(actor=actor, user=user, venue=venue, role=role)
