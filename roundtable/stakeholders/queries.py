"""Reads for participants and accreditation, shaped by what the viewer may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from roundtable.audit.models import Event
from roundtable.venues.models import Venue, VenueRole
from roundtable.venues.people import public_name

from .models import (
    Accreditation,
    Affiliation,
    Delegation,
    FocalPoint,
    Organisation,
    Profile,
    StakeholderGroup,
    SupportingDocument,
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


def list_delegations_with_members(*, viewer: Any, venue: Venue) -> QuerySet[Delegation]:
    """A venue's delegations with their head and, as `member_accreditations`, the approved
    accreditations that name them (their members). Callers ask the door for
    `manage_participants` first. Three queries whatever the number of delegations."""
    members = (
        Accreditation.objects.filter(status=Accreditation.Status.APPROVED)
        .select_related("user__profile")
        .order_by("user__profile__display_name", "user__username")
    )
    return (
        Delegation.objects.filter(venue=venue)
        .select_related("head__profile")
        .prefetch_related(
            Prefetch("accreditations", queryset=members, to_attr="member_accreditations")
        )
    )


def get_delegation(*, viewer: Any, venue: Venue, slug: str) -> Delegation:
    return get_object_or_404(list_delegations_with_members(viewer=viewer, venue=venue), slug=slug)


def list_accredited_participants(*, viewer: Any, venue: Venue) -> QuerySet[User]:
    """People with an approved accreditation at the venue (who may be delegation members)."""
    return (
        User.objects.filter(
            accreditations__venue=venue, accreditations__status=Accreditation.Status.APPROVED
        )
        .select_related("profile")
        .distinct()
        .order_by("profile__display_name", "username")
    )


def find_person(*, viewer: Any, email: str) -> User | None:
    """The account with this email address (its username), or None."""
    return User.objects.filter(username=(email or "").strip().lower()).first()


def get_profile(*, viewer: Any) -> Profile | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return Profile.objects.filter(user=viewer).first()


def _accreditations() -> QuerySet[Accreditation]:
    return Accreditation.objects.select_related(
        "user__profile", "venue", "group", "category", "organisation", "delegation", "decided_by"
    ).prefetch_related("documents")


def standing_accreditation(user: User | None, venue_id: int) -> Accreditation | None:
    """The person's latest approved accreditation at the venue: the one their contributions and
    their marks on statements are counted under (its group, its organisation)."""
    if user is None:
        return None
    return (
        Accreditation.objects.filter(
            user=user, venue_id=venue_id, status=Accreditation.Status.APPROVED
        )
        .select_related("group")
        .order_by("-decided_at")
        .first()
    )


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
    """The events of the viewer's own requests, each with `shown_actor`: "you", the public name
    of whoever decided, or the machinery's label (never an address)."""
    events = list(
        Event.objects.filter(
            target_type=Accreditation._meta.label_lower,
            target_id__in=[str(a.pk) for a in accreditations],
        )
        .select_related("actor__profile")
        .order_by("seq")
    )
    for event in events:
        if event.actor_id is not None and event.actor_id == getattr(viewer, "pk", None):
            shown = str(_("you"))
        elif event.actor is not None:
            shown = public_name(event.actor)
        else:
            shown = "—" if "@" in event.actor_label else event.actor_label
        event.shown_actor = shown  # type: ignore[attr-defined]
    return events


def get_accreditation(*, viewer: Any, pk: int) -> Accreditation:
    return get_object_or_404(_accreditations(), pk=pk)


def get_supporting_document(
    *, viewer: Any, accreditation: Accreditation, pk: int
) -> SupportingDocument:
    """One supporting document of the request (callers ask the door first), or 404."""
    if not 0 < pk < 2**63:
        raise Http404  # beyond any id the database can hold
    return get_object_or_404(SupportingDocument.objects.all(), pk=pk, accreditation=accreditation)


def list_claims(*, viewer: Any, organisation: Organisation, venue: Venue) -> list[Affiliation]:
    """Claims to belong to the organisation at the venue, waiting ones first. Callers ask the
    door for `confirm_affiliation` first (its focal points and the venue's secretariat)."""
    found = Affiliation.objects.filter(organisation=organisation, venue=venue).select_related(
        "user__profile", "organisation", "venue", "decided_by__profile"
    )
    return sorted(found, key=lambda c: (c.status != Affiliation.Status.PENDING, -c.pk))


def list_focal_point_organisations(*, viewer: Any) -> QuerySet[FocalPoint]:
    """The (organisation, venue) pairs the viewer is a focal point for."""
    return FocalPoint.objects.filter(user=viewer).select_related("organisation", "venue")


def list_claims_of(*, viewer: Any) -> QuerySet[Affiliation]:
    """The viewer's own claims to belong to organisations, with the answers."""
    return Affiliation.objects.filter(user=viewer).select_related("organisation", "venue")


def list_my_venue_ids(*, viewer: Any) -> tuple[set[int], bool]:
    """The ids of the venues where the viewer is accredited (approved) or holds a role, and
    whether they hold a role everywhere (a role with no venue)."""
    if not getattr(viewer, "is_authenticated", False):
        return set(), False
    venues = set(
        Accreditation.objects.filter(user=viewer, status=Accreditation.Status.APPROVED).values_list(
            "venue_id", flat=True
        )
    )
    roles = list(VenueRole.objects.filter(user=viewer).values_list("venue_id", flat=True))
    venues.update(v for v in roles if v is not None)
    return venues, None in roles
