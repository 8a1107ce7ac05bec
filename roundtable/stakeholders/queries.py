"""Reads for participants and accreditation, shaped by what the viewer may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from roundtable.audit.models import Event
from roundtable.processes.models import Venue

from .models import (
    Accreditation,
    Delegation,
    Organisation,
    Profile,
    StakeholderGroup,
    VenueCategory,
)


def list_groups() -> QuerySet[StakeholderGroup]:
    return StakeholderGroup.objects.all()


def list_categories(*, venue: Venue) -> QuerySet[VenueCategory]:
    return VenueCategory.objects.filter(venue=venue).select_related("group")


def list_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("group")


def list_delegations(*, venue: Venue) -> QuerySet[Delegation]:
    return Delegation.objects.filter(venue=venue).select_related("head")


def get_profile(*, viewer: Any) -> Profile | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return Profile.objects.filter(user=viewer).first()


def _accreditations() -> QuerySet[Accreditation]:
    return Accreditation.objects.select_related(
        "user__profile", "venue", "group", "category", "organisation", "delegation", "decided_by"
    ).prefetch_related("documents")


def list_my_accreditations(*, viewer: Any, venue: Venue | None = None) -> QuerySet[Accreditation]:
    """The viewer's own requests and what became of them (their history)."""
    if not getattr(viewer, "is_authenticated", False):
        return Accreditation.objects.none()
    mine = _accreditations().filter(user=viewer)
    return mine.filter(venue=venue) if venue is not None else mine


def list_accreditations(
    *, viewer: Any, venue: Venue, status: str | None = None
) -> QuerySet[Accreditation]:
    """A venue's requests; callers ask the door for `decide_accreditation` first."""
    found = _accreditations().filter(venue=venue)
    return found.filter(status=status) if status else found


def list_accreditation_events(*, viewer: Any, accreditations: list[Accreditation]) -> list[Event]:
    return list(
        Event.objects.filter(
            target_type=Accreditation._meta.label_lower,
            target_id__in=[str(a.pk) for a in accreditations],
        ).order_by("seq")
    )


def get_accreditation(*, viewer: Any, pk: int) -> Accreditation:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(_accreditations(), pk=pk)
