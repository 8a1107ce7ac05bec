"""REST endpoints for a venue's delegations: list them, create one, appoint its head, add and
remove members. Hung from the participants' router (api.py), with the operation ids they had
in roundtable/api/api.py.

The secretariat's right is `manage_participants`; members are managed under
`manage_delegation_members` (the secretariat, or the head of this delegation). The door is
asked before any person is looked up, so a refused caller learns nothing about who is
accredited where.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from roundtable.outputs.errors import Error, write
from roundtable.permissions.actor import Actor
from roundtable.venues.models import Venue
from roundtable.venues.queries import get_venue

from .delegations import (
    check_add_delegation_member,
    check_create_delegation,
    check_remove_delegation_member,
    check_set_delegation_head,
    require_manage_delegation_members,
)
from .organisations import require_manage_participants
from .queries import find_person, get_delegation, list_delegations_with_members
from .schemas import DelegationIn, DelegationOut, HeadIn, MemberIn
from .serialise import delegation_out

router = Router()  # its tag ("participants") comes from the router it hangs from
KEPT = "roundtable_api_api_"


def _participant(email: str | None, venue: Venue) -> User:
    """The person with this address, or a refusal (never telling whether the account exists)."""
    person = find_person(viewer=None, email=email or "")
    if person is None:
        raise ValidationError(
            _("No accredited participant of %(venue)s has the address %(email)s.")
            % {"venue": venue.name, "email": email},
            code="not_accredited",
        )
    return person


def _delegation_out(request: HttpRequest, venue: Venue, slug: str) -> DelegationOut:
    return DelegationOut(
        **delegation_out(get_delegation(viewer=request.user, venue=venue, slug=slug))
    )


@router.get(
    "/venues/{venue}/delegations",
    response={200: list[DelegationOut], 401: Error, 403: Error, 404: Error},
    operation_id=KEPT + "venue_delegations",
)
def venue_delegations(request: HttpRequest, venue: str) -> Any:
    """The venue's delegations with head and members (right `manage_participants`)."""
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(Actor.of_request(request), found)
    return [
        delegation_out(d)
        for d in list_delegations_with_members(viewer=request.user, venue=found).select_related(
            "venue"
        )
    ]


@router.post(
    "/venues/{venue}/delegations",
    operation_id=KEPT + "create_delegation",
    **write(DelegationOut),
)
def create_delegation(request: HttpRequest, venue: str, payload: DelegationIn) -> Any:
    """Create a delegation, optionally with its head (an accredited participant's email)."""
    actor = Actor.of_request(request)
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(actor, found)
    head = _participant(payload.head, found) if payload.head else None
    made = check_create_delegation(
        actor=actor, venue=found, slug=payload.slug, name=payload.name, head=head
    )
    return 201, _delegation_out(request, found, made.slug)


@router.post(
    "/venues/{venue}/delegations/{delegation}/head",
    operation_id=KEPT + "set_delegation_head",
    **write(DelegationOut),
)
def set_delegation_head(request: HttpRequest, venue: str, delegation: str, payload: HeadIn) -> Any:
    """Set the head (`null` clears it); the head becomes a member if not one yet."""
    actor = Actor.of_request(request)
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(actor, found)
    chosen = get_delegation(viewer=request.user, venue=found, slug=delegation)
    head = _participant(payload.head, found) if payload.head else None
    check_set_delegation_head(actor=actor, delegation=chosen, head=head)
    return 201, _delegation_out(request, found, chosen.slug)


@router.post(
    "/venues/{venue}/delegations/{delegation}/members",
    operation_id=KEPT + "add_delegation_member",
    **write(DelegationOut),
)
def add_delegation_member(
    request: HttpRequest, venue: str, delegation: str, payload: MemberIn
) -> Any:
    """Add an accredited participant of the venue to the delegation (right
    `manage_delegation_members`: the secretariat, or the head of this delegation)."""
    actor = Actor.of_request(request)
    found = get_venue(viewer=request.user, slug=venue)
    chosen = get_delegation(viewer=request.user, venue=found, slug=delegation)
    require_manage_delegation_members(actor, chosen)
    person = _participant(payload.email, found)
    check_add_delegation_member(actor=actor, delegation=chosen, user=person)
    return 201, _delegation_out(request, found, chosen.slug)


@router.delete(
    "/venues/{venue}/delegations/{delegation}/members/{email}",
    operation_id=KEPT + "remove_delegation_member",
    **write(DelegationOut, status=200),
)
def remove_delegation_member(request: HttpRequest, venue: str, delegation: str, email: str) -> Any:
    """Take a member out of the delegation (if they were its head, it has none any more;
    right `manage_delegation_members`: the secretariat, or the head of this delegation)."""
    actor = Actor.of_request(request)
    found = get_venue(viewer=request.user, slug=venue)
    chosen = get_delegation(viewer=request.user, venue=found, slug=delegation)
    require_manage_delegation_members(actor, chosen)
    person = _participant(email, found)
    check_remove_delegation_member(actor=actor, delegation=chosen, user=person)
    return 200, _delegation_out(request, found, chosen.slug)
