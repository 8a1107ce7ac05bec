"""How the door learns a person's standing: registered with `roundtable.permissions.standing`
by `StakeholdersConfig.ready()`, so the door never imports this app (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from roundtable.modalities import Standing
from roundtable.permissions.standing import STAFF_ROLES
from roundtable.stakeholders.models import Accreditation, Affiliation
from roundtable.venues.models import VenueRole


def standing_of(user: Any, venue: str | None) -> Standing:
    """The standing of a signed-in `user` (the door has already answered for anonymous ones)."""
    if venue is None:
        roles = {"member"} | (set(STAFF_ROLES) if user.is_superuser else set())
        roles.update(
            VenueRole.objects.filter(venue__isnull=True, user=user).values_list("role", flat=True)
        )
        return Standing(roles=frozenset(roles))
    return standings_of(user, [venue])[venue]


def standings_of(user: Any, venues: Iterable[str]) -> dict[str, Standing]:
    """`standing_of` at each of `venues` in three queries, however many venues (a page that
    asks the door about processes of every venue, the home page, builds them together)."""
    slugs = sorted(set(venues))
    base = {"member"} | (set(STAFF_ROLES) if user.is_superuser else set())
    roles: dict[str, set[str]] = {slug: set(base) for slug in slugs}
    held = VenueRole.objects.filter(
        Q(venue__isnull=True) | Q(venue__slug__in=slugs), user=user
    ).values_list("venue__slug", "role")
    for where, role in held:
        for slug in slugs if where is None else [where]:
            roles[slug].add(role)
    groups: dict[str, set[str]] = {slug: set() for slug in slugs}
    categories: dict[str, set[str]] = {slug: set() for slug in slugs}
    delegation: dict[str, str | None] = dict.fromkeys(slugs)
    head = dict.fromkeys(slugs, False)
    accredited = dict.fromkeys(slugs, False)
    accreditations = Accreditation.objects.filter(
        user=user, venue__slug__in=slugs, status=Accreditation.Status.APPROVED
    ).select_related("venue", "group", "category", "delegation")
    for accreditation in accreditations:
        slug = accreditation.venue.slug
        accredited[slug] = True
        groups[slug].add(accreditation.group.slug)
        if accreditation.category is not None:
            categories[slug].add(accreditation.category.slug)
        if accreditation.delegation is not None:
            delegation[slug] = accreditation.delegation.slug
            head[slug] = head[slug] or accreditation.delegation.head_id == user.pk
    confirmed = set(
        Affiliation.objects.filter(
            user=user, venue__slug__in=slugs, status=Affiliation.Status.CONFIRMED
        ).values_list("venue__slug", flat=True)
    )
    return {
        slug: Standing(
            groups=frozenset(groups[slug]),
            categories=frozenset(categories[slug]),
            roles=frozenset(roles[slug] | ({"head-of-delegation"} if head[slug] else set())),
            delegation=delegation[slug],
            head_of_delegation=head[slug],
            accredited=accredited[slug],
            organisation_confirmed=slug in confirmed,
        )
        for slug in slugs
    }
