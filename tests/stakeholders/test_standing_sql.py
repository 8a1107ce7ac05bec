"""The standing builder reads four tables in plain SQL (stakeholders/standing.py, for speed):
it must give, for every demo person at every venue, exactly what the ORM reading of the same
rows gives (the builder it replaced, kept here as the reference), and the demo must exercise
every part of a standing (groups, categories, delegations and their heads, confirmed
organisations, roles held everywhere) so that the comparison means something."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q

from roundtable.demo.world import load_demo
from roundtable.modalities import Standing
from roundtable.permissions.standing import STAFF_ROLES
from roundtable.stakeholders.models import Accreditation, Affiliation
from roundtable.stakeholders.standing import standing_of, standings_of
from roundtable.venues.models import Venue, VenueRole

pytestmark = pytest.mark.django_db


def _reference(user: Any, slug: str) -> Standing:
    roles = {"member"} | (set(STAFF_ROLES) if user.is_superuser else set())
    roles.update(
        VenueRole.objects.filter(
            Q(venue__isnull=True) | Q(venue__slug=slug), user=user
        ).values_list("role", flat=True)
    )
    accreditations = Accreditation.objects.filter(
        user=user, venue__slug=slug, status=Accreditation.Status.APPROVED
    ).select_related("group", "category", "delegation")
    groups, categories = set(), set()
    delegation, head = None, False
    for accreditation in accreditations:
        groups.add(accreditation.group.slug)
        if accreditation.category is not None:
            categories.add(accreditation.category.slug)
        if accreditation.delegation is not None:
            delegation = accreditation.delegation.slug
            head = head or accreditation.delegation.head_id == user.pk
    return Standing(
        groups=frozenset(groups),
        categories=frozenset(categories),
        roles=frozenset(roles | ({"head-of-delegation"} if head else set())),
        delegation=delegation,
        head_of_delegation=head,
        accredited=bool(accreditations),
        organisation_confirmed=Affiliation.objects.filter(
            user=user, venue__slug=slug, status=Affiliation.Status.CONFIRMED
        ).exists(),
    )


def test_the_sql_builder_agrees_with_the_orm_reading_for_every_demo_person() -> None:
    load_demo()
    venues = [*Venue.objects.values_list("slug", flat=True), "no-such-venue"]
    seen: list[Standing] = []
    for user in get_user_model().objects.all():
        built = standings_of(user, venues)
        for venue in venues:
            assert built[venue] == _reference(user, venue), (user, venue)
            seen.append(built[venue])
        platform = {"member"} | (set(STAFF_ROLES) if user.is_superuser else set())
        platform |= set(
            VenueRole.objects.filter(user=user, venue__isnull=True).values_list("role", flat=True)
        )
        assert standing_of(user, None) == Standing(roles=frozenset(platform)), user
    assert any(s.groups for s in seen) and any(s.categories for s in seen)
    assert any(s.head_of_delegation for s in seen) and any(s.delegation for s in seen)
    assert any(s.organisation_confirmed for s in seen)
    assert any(s.roles - {"member"} for s in seen)
    assert standings_of(get_user_model().objects.first(), []) == {}
