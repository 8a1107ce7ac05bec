"""Roles at a venue given by its secretariat: chair, secretariat, moderator (right
`assign_roles` in participation.yaml). Roles are accounts' business, so this lives here, above
venues (it used to be in processes/setup.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue, VenueRole

from .actions import do_grant_role

VENUE_ROLES = ("chair", "secretariat", "moderator")


def check_assign_role(*, request: Any, venue: Venue, user: Any, role: str) -> VenueRole:
    """The venue's secretariat assigns chair, secretariat and moderator (right `assign_roles`)."""
    require(request, right="assign_roles", modality=PARTICIPATION, context={"venue": venue.slug})
    if role not in VENUE_ROLES:
        raise ValidationError(_("Choose a role among: chair, secretariat, moderator."), code="role")
    if VenueRole.objects.filter(user=user, venue=venue, role=role).exists():
        raise ValidationError(
            _("This person already holds this role at %(venue)s.") % {"venue": venue.name},
            code="exists",
        )
    return do_grant_role(actor=request.user, user=user, venue=venue, role=role)
