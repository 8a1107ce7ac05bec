"""How the door learns a person's standing: registered with `roundtable.permissions.standing`
by `StakeholdersConfig.ready()`, so the door never imports this app (see docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from roundtable.modalities import Standing
from roundtable.permissions.standing import STAFF_ROLES
from roundtable.stakeholders.models import Accreditation, Affiliation
from roundtable.venues.models import VenueRole


def standing_of(user: Any, venue: str | None) -> Standing:
    """The standing of a signed-in `user` (the door has already answered for anonymous ones)."""
    roles = {"member"}
    if user.is_superuser:
        roles |= STAFF_ROLES
    where = Q(venue__isnull=True)
    if venue is not None:
        where |= Q(venue__slug=venue)
    roles.update(VenueRole.objects.filter(where, user=user).values_list("role", flat=True))
    if venue is None:
        return Standing(roles=frozenset(roles))

    groups: set[str] = set()
    categories: set[str] = set()
    delegation: str | None = None
    head = False
    accreditations = Accreditation.objects.filter(
        user=user, venue__slug=venue, status=Accreditation.Status.APPROVED
    ).select_related("group", "category", "delegation")
    accredited = False
    for accreditation in accreditations:
        accredited = True
        groups.add(accreditation.group.slug)
        if accreditation.category is not None:
            categories.add(accreditation.category.slug)
        if accreditation.delegation is not None:
            delegation = accreditation.delegation.slug
            head = head or accreditation.delegation.head_id == user.pk
    if head:
        roles.add("head-of-delegation")
    confirmed = Affiliation.objects.filter(
        user=user, venue__slug=venue, status=Affiliation.Status.CONFIRMED
    ).exists()
    return Standing(
        groups=frozenset(groups),
        categories=frozenset(categories),
        roles=frozenset(roles),
        delegation=delegation,
        head_of_delegation=head,
        accredited=accredited,
        organisation_confirmed=confirmed,
    )
