"""The REST API at /api/ (OpenAPI 3 at /api/openapi.json, browsable docs at /api/docs).

Everything public can be read without a token. Writes take `Authorization: Bearer <token>`
and ask the door exactly as the web pages do; without a token the door decides for an
anonymous visitor. Every error, whatever its cause, has one shape:
``{"error": {"code": ..., "message": ..., ...}}`` (see `errors.py`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from roundtable.permissions.door import require
from roundtable.processes.api import router as setup_router
from roundtable.processes.queries import get_venue
from roundtable.stakeholders.actions import (
    check_add_delegation_member,
    check_create_delegation,
    check_create_organisation,
    check_create_venue_category,
    check_decide_accreditation,
    check_remove_delegation_member,
    check_request_accreditation,
    check_set_delegation_head,
    require_manage_delegation_members,
    require_manage_participants,
)
from roundtable.stakeholders.models import (
    Accreditation,
    Delegation,
    Organisation,
    StakeholderGroup,
    VenueCategory,
)
from roundtable.stakeholders.queries import (
    find_person,
    get_accreditation,
    get_delegation,
    list_categories,
    list_delegations_with_members,
    list_groups,
    list_organisations,
)

from . import errors
from .openapi import RoundtableAPI
from .schemas import (
    AccreditationIn,
    AccreditationOut,
    CategoryIn,
    CategoryOut,
    DecisionIn,
    DelegationIn,
    DelegationOut,
    Error,
    HeadIn,
    MemberIn,
    OrganisationIn,
    OrganisationOut,
)
from .security import token, write

api = RoundtableAPI(
    auth=token,
    title="Roundtable API",
    version="1",
    description=__doc__,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/", setup_router)
# --- serialisers ------------------------------------------------------------------------------


def _author(user: Any) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None and profile.display_name else f"#{user.pk}"


def _accreditation(a: Accreditation) -> dict[str, Any]:
    return {
        "id": a.pk,
        "venue": a.venue.slug,
        "user": _author(a.user),
        "group": a.group.slug,
        "category": a.category.slug if a.category else None,
        "organisation": a.organisation.slug if a.organisation else None,
        "delegation": a.delegation.slug if a.delegation else None,
        "status": a.status,
        "basis": a.basis,
        "reason": a.reason,
        "requested_at": a.requested_at,
        "decided_at": a.decided_at,
    }


def _organisation(o: Organisation) -> dict[str, Any]:
    return {
        "slug": o.slug,
        "name": o.name,
        "group": o.group.slug if o.group else None,
        "country": o.country,
        "ecosoc_status": o.ecosoc_status,
        "itu_sector_member": o.itu_sector_member,
    }


def _category(c: VenueCategory) -> dict[str, Any]:
    return {"venue": c.venue.slug, "slug": c.slug, "name": c.name, "group": c.group.slug}


def _person(user: Any) -> dict[str, Any]:
    return {"email": user.email, "name": _author(user)}


def _delegation(d: Delegation) -> dict[str, Any]:
    return {
        "venue": d.venue.slug,
        "slug": d.slug,
        "name": d.name,
        "head": _person(d.head) if d.head else None,
        "members": [_person(a.user) for a in d.member_accreditations],  # type: ignore[attr-defined]
    }


# --- public reads -----------------------------------------------------------------------------


def _observe(request: HttpRequest) -> None:
    require(request, right="observe", modality="platform")


@api.get("/groups", response=list[dict], tags=["participants"])
def groups(request: HttpRequest) -> Any:
    _observe(request)
    return [{"slug": g.slug, "name": g.name} for g in list_groups()]


@api.get("/organisations", response=list[OrganisationOut], tags=["participants"])
def organisations(request: HttpRequest) -> Any:
    """Every organisation, with its ECOSOC status and ITU Sector Membership (public)."""
    _observe(request)
    return [_organisation(o) for o in list_organisations()]


# --- writes (token) ---------------------------------------------------------------------------


def _by_slug(model: Any, slug: str | None, **extra: Any) -> Any:
    return get_object_or_404(model, slug=slug, **extra) if slug else None


@api.post("/venues/{venue}/accreditations", tags=["participants"], **write(AccreditationOut))
def request_accreditation(request: HttpRequest, venue: str, payload: AccreditationIn) -> Any:
    """Ask the venue for standing (right `request_accreditation`)."""
    found = get_venue(viewer=request.user, slug=venue)
    accreditation = check_request_accreditation(
        request=request,
        venue=found,
        group=_by_slug(StakeholderGroup, payload.group),
        category=_by_slug(VenueCategory, payload.category, venue=found),
        organisation=_by_slug(Organisation, payload.organisation),
        delegation=_by_slug(Delegation, payload.delegation, venue=found),
        statement=payload.statement,
    )
    return 201, AccreditationOut(**_accreditation(accreditation))


@api.post(
    "/accreditations/{accreditation_id}/decision", tags=["participants"], **write(AccreditationOut)
)
def decide_accreditation(request: HttpRequest, accreditation_id: int, payload: DecisionIn) -> Any:
    """The secretariat approves or rejects (right `decide_accreditation`; a rejection needs a reason)."""
    found = get_accreditation(viewer=request.user, pk=accreditation_id)
    decided = check_decide_accreditation(
        request=request, accreditation=found, approve=payload.approve, reason=payload.reason
    )
    return 201, AccreditationOut(**_accreditation(decided))


# The secretariat's participant administration: right `manage_participants` (participation).
# The door is asked before any person or delegation is looked up, so a refused caller learns
# nothing about who is accredited where.


@api.get(
    "/venues/{venue}/categories",
    response={200: list[CategoryOut], 404: Error},
    tags=["participants"],
)
def venue_categories(request: HttpRequest, venue: str) -> Any:
    """The venue's membership categories and the stakeholder group each maps onto (public)."""
    _observe(request)
    found = get_venue(viewer=request.user, slug=venue)
    return [_category(c) for c in list_categories(venue=found).select_related("venue")]


@api.get(
    "/venues/{venue}/delegations",
    response={200: list[DelegationOut], 401: Error, 403: Error, 404: Error},
    auth=token,
    tags=["participants"],
)
def venue_delegations(request: HttpRequest, venue: str) -> Any:
    """The venue's delegations with head and members (right `manage_participants`)."""
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(request, found)
    return [
        _delegation(d)
        for d in list_delegations_with_members(viewer=request.user, venue=found).select_related(
            "venue"
        )
    ]


@api.post("/venues/{venue}/organisations", tags=["participants"], **write(OrganisationOut))
def create_organisation(request: HttpRequest, venue: str, payload: OrganisationIn) -> Any:
    """Create an organisation (right `manage_participants` at the venue; organisations are
    shared by all venues)."""
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(request, found)
    made = check_create_organisation(
        request=request,
        venue=found,
        **{**payload.dict(), "group": _by_slug(StakeholderGroup, payload.group)},
    )
    return 201, OrganisationOut(**_organisation(made))


@api.post("/venues/{venue}/categories", tags=["participants"], **write(CategoryOut))
def create_category(request: HttpRequest, venue: str, payload: CategoryIn) -> Any:
    """Create a membership category of the venue mapped onto a stakeholder group."""
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(request, found)
    made = check_create_venue_category(
        request=request,
        venue=found,
        slug=payload.slug,
        name=payload.name,
        group=_by_slug(StakeholderGroup, payload.group),
    )
    return 201, CategoryOut(**_category(made))


def _participant(email: str | None, venue: Any) -> Any:
    """The person with this address, or a refusal (never telling whether the account exists)."""
    person = find_person(viewer=None, email=email or "")
    if person is None:
        raise DjangoValidationError(
            _("No accredited participant of %(venue)s has the address %(email)s.")
            % {"venue": venue.name, "email": email},
            code="not_accredited",
        )
    return person


def _delegation_out(request: HttpRequest, venue: Any, slug: str) -> DelegationOut:
    return DelegationOut(**_delegation(get_delegation(viewer=request.user, venue=venue, slug=slug)))


@api.post("/venues/{venue}/delegations", tags=["participants"], **write(DelegationOut))
def create_delegation(request: HttpRequest, venue: str, payload: DelegationIn) -> Any:
    """Create a delegation, optionally with its head (an accredited participant's email)."""
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(request, found)
    head = _participant(payload.head, found) if payload.head else None
    made = check_create_delegation(
        request=request, venue=found, slug=payload.slug, name=payload.name, head=head
    )
    return 201, _delegation_out(request, found, made.slug)


@api.post(
    "/venues/{venue}/delegations/{delegation}/head", tags=["participants"], **write(DelegationOut)
)
def set_delegation_head(request: HttpRequest, venue: str, delegation: str, payload: HeadIn) -> Any:
    """Set the head (`null` clears it); the head becomes a member if not one yet."""
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(request, found)
    chosen = get_delegation(viewer=request.user, venue=found, slug=delegation)
    head = _participant(payload.head, found) if payload.head else None
    check_set_delegation_head(request=request, delegation=chosen, head=head)
    return 201, _delegation_out(request, found, chosen.slug)


@api.post(
    "/venues/{venue}/delegations/{delegation}/members",
    tags=["participants"],
    **write(DelegationOut),
)
def add_delegation_member(
    request: HttpRequest, venue: str, delegation: str, payload: MemberIn
) -> Any:
    """Add an accredited participant of the venue to the delegation (right
    `manage_delegation_members`: the secretariat, or the head of this delegation)."""
    found = get_venue(viewer=request.user, slug=venue)
    chosen = get_delegation(viewer=request.user, venue=found, slug=delegation)
    require_manage_delegation_members(request, chosen)
    person = _participant(payload.email, found)
    check_add_delegation_member(request=request, delegation=chosen, user=person)
    return 201, _delegation_out(request, found, chosen.slug)


@api.delete(
    "/venues/{venue}/delegations/{delegation}/members/{email}",
    tags=["participants"],
    **write(DelegationOut, status=200),
)
def remove_delegation_member(request: HttpRequest, venue: str, delegation: str, email: str) -> Any:
    """Take a member out of the delegation (if they were its head, it has none any more;
    right `manage_delegation_members`: the secretariat, or the head of this delegation)."""
    found = get_venue(viewer=request.user, slug=venue)
    chosen = get_delegation(viewer=request.user, venue=found, slug=delegation)
    require_manage_delegation_members(request, chosen)
    person = _participant(email, found)
    check_remove_delegation_member(request=request, delegation=chosen, user=person)
    return 200, _delegation_out(request, found, chosen.slug)


api.add_router("", "roundtable.api.tokens.router", auth=token)  # the caller's own tokens
api.add_router("", "roundtable.stakeholders.api.router", auth=token)  # belonging (issue 9)
api.add_router("", "roundtable.drafting.api.router", auth=token)  # drafting (issue 6)
api.add_router("", "roundtable.decisions.api.router", auth=token)  # decisions (issue 6)
api.add_router("/", "roundtable.contributions.api.router")  # closing a call (issue 9)
