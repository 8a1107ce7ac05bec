"""A person's standing in a venue, built from what the database knows of them.

Standing = the roles they hold (platform-wide and at the venue), and, from their approved
accreditation(s) at the venue: stakeholder groups, the venue's categories, their delegation
and whether they head it; and whether an organisation confirmed them at the venue.
A superuser is the operator (and secretariat) everywhere; `is_staff` alone gives nothing
(the Django admin flag is not a role at any venue: grant `secretariat` at a venue instead). Three queries per person and venue; the door caches the result on the
request per venue, so a page asks at most thrice per venue however many decisions it shows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from roundtable.modalities import Standing

OPERATOR_ROLE = "operator"
# The rule file for venue administration (asking for and deciding on accreditation, moderating,
# managing processes): roundtable/permissions/modalities/participation.yaml, found by name.
PARTICIPATION = "participation"
STAFF_ROLES = frozenset({OPERATOR_ROLE, "secretariat"})


def build_standing(user: Any, venue: str | None = None) -> Standing:
    if user is None or not getattr(user, "is_authenticated", False):
        return Standing.nobody()
    from roundtable.stakeholders.models import Accreditation, Affiliation, VenueRole

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


def cached_standing(request: Any, venue: str | None) -> Standing:
    """The standing of the request's user at `venue`, built once per request and venue."""
    cache: dict[str | None, Standing] = request.__dict__.setdefault("_roundtable_standings", {})
    if venue not in cache:
        cache[venue] = build_standing(getattr(request, "user", None), venue)
    return cache[venue]


def forget_standing(request: Any) -> None:
    """Drop the cached standings (after an action that changes them, in the same request)."""
    request.__dict__.pop("_roundtable_standings", None)
