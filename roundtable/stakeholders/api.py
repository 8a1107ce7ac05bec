"""REST endpoints for belonging (hung from the API at /api/): an organisation's status at a
venue and its focal points (the secretariat), and the claims its focal points answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from roundtable.inputs.bounds import Code, Email, Input, Note, Slug
from roundtable.outputs.errors import Error
from roundtable.venues.queries import get_person_by_email, get_venue

from . import belonging
from .models import Affiliation, Delegation, Organisation, StakeholderGroup, VenueCategory
from .queries import find_person, list_claims
from .roles import check_assign_role

router = Router(tags=["participants"])
ERRORS = {status: Error for status in (400, 401, 403, 404, 409, 422)}


class StatusIn(Input):
    basis: Slug = ""
    group: Slug
    category: Slug | None = None
    delegation: Slug | None = None


class StatusOut(Schema):
    organisation: str
    venue: str
    basis: str
    group: str
    category: str | None
    delegation: str | None


class FocalPointIn(Input):
    email: Email


class FocalPointOut(Schema):
    organisation: str
    venue: str
    name: str


class ClaimOut(Schema):
    id: int
    organisation: str
    venue: str
    name: str
    email: str
    email_domain_matches: bool
    status: str
    reason: str
    requested_at: datetime
    decided_at: datetime | None


class AnswerIn(Input):
    confirm: bool
    reason: Note = ""


def _claim(claim: Affiliation) -> ClaimOut:
    user = claim.user
    profile = getattr(user, "profile", None)
    return ClaimOut(
        id=claim.pk,
        organisation=claim.organisation.slug,
        venue=claim.venue.slug,
        name=(profile.display_name if profile is not None else "") or f"#{user.pk}",
        email=user.email,
        email_domain_matches=belonging.email_domain_matches(user, claim.organisation),
        status=claim.status,
        reason=claim.reason,
        requested_at=claim.requested_at,
        decided_at=claim.decided_at,
    )


def _by_slug(model: Any, slug: str | None, **extra: Any) -> Any:
    return get_object_or_404(model, slug=slug, **extra) if slug else None


def _someone(email: str) -> Any:
    found = find_person(viewer=None, email=email)
    if found is None:
        raise ValidationError(
            _("No participant has the address %(email)s.") % {"email": email}, code="unknown"
        )
    return found


@router.post(
    "/venues/{venue}/organisations/{organisation}/status",
    response={201: StatusOut, **ERRORS},
)
def set_status(request: HttpRequest, venue: str, organisation: str, payload: StatusIn) -> Any:
    """Record what the organisation is at this venue (right `manage_participants`): its
    status (`basis`, e.g. itu-sector-member) and the group, category and delegation its
    confirmed people are accredited with."""
    found = get_venue(viewer=request.user, slug=venue)
    status = belonging.check_set_organisation_status(
        request=request,
        venue=found,
        organisation=get_object_or_404(Organisation, slug=organisation),
        basis=payload.basis,
        group=get_object_or_404(StakeholderGroup, slug=payload.group),
        category=_by_slug(VenueCategory, payload.category, venue=found),
        delegation=_by_slug(Delegation, payload.delegation, venue=found),
    )
    return 201, StatusOut(
        organisation=status.organisation.slug,
        venue=found.slug,
        basis=status.basis,
        group=status.group.slug,
        category=status.category.slug if status.category else None,
        delegation=status.delegation.slug if status.delegation else None,
    )


@router.post(
    "/venues/{venue}/organisations/{organisation}/focal-points",
    response={201: FocalPointOut, **ERRORS},
)
def designate_focal_point(
    request: HttpRequest, venue: str, organisation: str, payload: FocalPointIn
) -> Any:
    """Designate a focal point of the organisation at this venue (right `manage_participants`)."""
    found = get_venue(viewer=request.user, slug=venue)
    focal = belonging.check_designate_focal_point(
        request=request,
        venue=found,
        organisation=get_object_or_404(Organisation, slug=organisation),
        user=_someone(payload.email),
    )
    profile = getattr(focal.user, "profile", None)
    return 201, FocalPointOut(
        organisation=organisation,
        venue=found.slug,
        name=(profile.display_name if profile is not None else "") or f"#{focal.user.pk}",
    )


@router.get(
    "/venues/{venue}/organisations/{organisation}/claims",
    response={200: list[ClaimOut], 401: Error, 403: Error, 404: Error},
)
def claims(request: HttpRequest, venue: str, organisation: str) -> Any:
    """The claims to belong to the organisation at this venue, waiting ones first (right
    `confirm_affiliation`: its focal points and the venue's secretariat)."""
    found = get_venue(viewer=request.user, slug=venue)
    org = get_object_or_404(Organisation, slug=organisation)
    belonging.require_confirm_affiliation(request, organisation=org, venue=found)
    return [_claim(c) for c in list_claims(viewer=request.user, organisation=org, venue=found)]


@router.post("/claims/{claim_id}/answer", response={201: ClaimOut, **ERRORS})
def answer_claim(request: HttpRequest, claim_id: int, payload: AnswerIn) -> Any:
    """Confirm or refuse (with a reason) a claim to belong to the organisation; a
    confirmation may accredit the claimant at once, as the organisation."""
    claim = get_object_or_404(
        Affiliation.objects.select_related("organisation", "venue", "user__profile"), pk=claim_id
    )
    answered = belonging.check_answer_claim(
        request=request, claim=claim, confirm=payload.confirm, reason=payload.reason
    )
    return 201, _claim(answered)


class RoleIn(Input):
    email: Email
    role: Code


class RoleOut(Schema):
    venue: str
    email: str
    role: str


@router.post("/venues/{venue}/roles", response={201: RoleOut, **ERRORS}, tags=["set-up"])
def assign_role(request: HttpRequest, venue: str, payload: RoleIn) -> Any:
    """Give a person a role at the venue: chair, secretariat or moderator (right
    `assign_roles`: the venue's secretariat)."""
    found = get_venue(viewer=request.user, slug=venue)
    person = get_person_by_email(viewer=request.user, email=payload.email)
    role = check_assign_role(request=request, venue=found, user=person, role=payload.role)
    return 201, RoleOut(venue=found.slug, email=person.email, role=role.role)
