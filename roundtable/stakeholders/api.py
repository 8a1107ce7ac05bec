"""REST endpoints for participants (hung from the API at /api/): stakeholder groups,
organisations and a venue's categories; accreditation requests and the secretariat's decision;
an organisation's status at a venue and its focal points, and the claims they answer; roles.
The delegations' endpoints are in delegation_api.py, hung from this router.

The endpoints that used to live in roundtable/api/api.py keep the operation ids they had there
(`KEPT`), so clients generated from the OpenAPI document keep working.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from roundtable.outputs.errors import Error, body, write
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.venues.people import public_name
from roundtable.venues.queries import get_person_by_email, get_venue

from . import belonging, seat_api
from .actions import check_decide_accreditation, check_request_accreditation
from .delegation_api import router as delegation_router
from .models import Affiliation, Delegation, Organisation, StakeholderGroup, VenueCategory
from .organisations import (
    check_create_organisation,
    check_create_venue_category,
    require_manage_participants,
)
from .personal_data_api import router as personal_data_router
from .queries import (
    get_accreditation,
    list_categories,
    list_claims,
    list_groups,
    list_organisations,
)
from .roles import SeatRefused, check_assign_role
from .schemas import (
    AccreditationIn,
    AccreditationOut,
    AnswerIn,
    CategoryIn,
    CategoryOut,
    ClaimOut,
    DecisionIn,
    FocalPointIn,
    FocalPointOut,
    OrganisationIn,
    OrganisationOut,
    RoleIn,
    RoleOut,
    StatusIn,
    StatusOut,
)
from .serialise import accreditation_out, category_out, claim_out, organisation_out

router = Router(tags=["participants"])
router.add_router("", delegation_router)
router.add_router("", personal_data_router)
ERRORS = {status: Error for status in (400, 401, 403, 404, 409, 422)}
KEPT = "roundtable_api_api_"


def _observe(request: HttpRequest) -> None:
    require(Actor.of_request(request), right="observe", modality="platform")


def _by_slug(model: Any, slug: str | None, **extra: Any) -> Any:
    return get_object_or_404(model, slug=slug, **extra) if slug else None


# --- public reads ----------------------------------------------------------------------------


@router.get("/groups", response=list[dict[str, Any]], operation_id=KEPT + "groups")
def groups(request: HttpRequest) -> Any:
    _observe(request)
    return [{"slug": g.slug, "name": g.name} for g in list_groups()]


@router.get("/organisations", response=list[OrganisationOut], operation_id=KEPT + "organisations")
def organisations(request: HttpRequest) -> Any:
    """Every organisation, with its ECOSOC status and ITU Sector Membership (public)."""
    _observe(request)
    return [organisation_out(o) for o in list_organisations()]


@router.get(
    "/venues/{venue}/categories",
    response={200: list[CategoryOut], 404: Error},
    operation_id=KEPT + "venue_categories",
)
def venue_categories(request: HttpRequest, venue: str) -> Any:
    """The venue's membership categories and the stakeholder group each maps onto (public)."""
    _observe(request)
    found = get_venue(viewer=request.user, slug=venue)
    return [category_out(c) for c in list_categories(venue=found).select_related("venue")]


# --- accreditation ---------------------------------------------------------------------------


@router.post(
    "/venues/{venue}/accreditations",
    operation_id=KEPT + "request_accreditation",
    **write(AccreditationOut),
)
def request_accreditation(request: HttpRequest, venue: str, payload: AccreditationIn) -> Any:
    """Ask the venue for standing (right `request_accreditation`)."""
    found = get_venue(viewer=request.user, slug=venue)
    accreditation = check_request_accreditation(
        actor=Actor.of_request(request),
        venue=found,
        group=_by_slug(StakeholderGroup, payload.group),
        category=_by_slug(VenueCategory, payload.category, venue=found),
        organisation=_by_slug(Organisation, payload.organisation),
        delegation=_by_slug(Delegation, payload.delegation, venue=found),
        statement=payload.statement,
    )
    return 201, AccreditationOut(**accreditation_out(accreditation))


@router.post(
    "/accreditations/{accreditation_id}/decision",
    operation_id=KEPT + "decide_accreditation",
    **write(AccreditationOut),
)
def decide_accreditation(request: HttpRequest, accreditation_id: int, payload: DecisionIn) -> Any:
    """The secretariat approves or rejects (right `decide_accreditation`; a rejection needs a reason)."""
    found = get_accreditation(viewer=request.user, pk=accreditation_id)
    decided = check_decide_accreditation(
        actor=Actor.of_request(request),
        accreditation=found,
        approve=payload.approve,
        reason=payload.reason,
    )
    return 201, AccreditationOut(**accreditation_out(decided))


# --- the secretariat: organisations and categories (right `manage_participants`) -------------
# The door is asked before anything else is looked up.


@router.post(
    "/venues/{venue}/organisations",
    operation_id=KEPT + "create_organisation",
    **write(OrganisationOut),
)
def create_organisation(request: HttpRequest, venue: str, payload: OrganisationIn) -> Any:
    """Create an organisation (right `manage_participants` at the venue; organisations are
    shared by all venues)."""
    actor = Actor.of_request(request)
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(actor, found)
    made = check_create_organisation(
        actor=actor,
        venue=found,
        slug=payload.slug,
        name=payload.name,
        group=_by_slug(StakeholderGroup, payload.group),
        country=payload.country,
        ecosoc_status=payload.ecosoc_status,
        itu_sector_member=payload.itu_sector_member,
    )
    return 201, OrganisationOut(**organisation_out(made))


@router.post(
    "/venues/{venue}/categories", operation_id=KEPT + "create_category", **write(CategoryOut)
)
def create_category(request: HttpRequest, venue: str, payload: CategoryIn) -> Any:
    """Create a membership category of the venue mapped onto a stakeholder group."""
    actor = Actor.of_request(request)
    found = get_venue(viewer=request.user, slug=venue)
    require_manage_participants(actor, found)
    made = check_create_venue_category(
        actor=actor,
        venue=found,
        slug=payload.slug,
        name=payload.name,
        group=_by_slug(StakeholderGroup, payload.group),
    )
    return 201, CategoryOut(**category_out(made))


# --- belonging: statuses, focal points, claims -----------------------------------------------


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
        actor=Actor.of_request(request),
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
        actor=Actor.of_request(request),
        venue=found,
        organisation=get_object_or_404(Organisation, slug=organisation),
        user=get_person_by_email(viewer=None, email=payload.email),
    )
    return 201, FocalPointOut(
        organisation=organisation, venue=found.slug, name=public_name(focal.user)
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
    belonging.require_confirm_affiliation(Actor.of_request(request), organisation=org, venue=found)
    return [claim_out(c) for c in list_claims(viewer=request.user, organisation=org, venue=found)]


@router.post("/claims/{claim_id}/answer", response={201: ClaimOut, **ERRORS})
def answer_claim(request: HttpRequest, claim_id: int, payload: AnswerIn) -> Any:
    """Confirm or refuse (with a reason) a claim to belong to the organisation; a
    confirmation may accredit the claimant at once, as the organisation."""
    claim = get_object_or_404(
        Affiliation.objects.select_related("organisation", "venue", "user__profile"), pk=claim_id
    )
    answered = belonging.check_answer_claim(
        actor=Actor.of_request(request),
        claim=claim,
        confirm=payload.confirm,
        reason=payload.reason,
    )
    return 201, claim_out(answered)


# --- roles -----------------------------------------------------------------------------------


@router.post("/venues/{venue}/roles", response={201: RoleOut, **ERRORS}, tags=["set-up"])
def assign_role(request: HttpRequest, venue: str, payload: RoleIn) -> Any:
    """Give a person a role at the venue: chair, secretariat or moderator, or a seat one of
    the venue's modalities declares, with its stakeholder group and year (right
    `assign_roles`: the venue's secretariat). A seat the composition or term limits refuse
    answers 409 with the rule (`error.rule`)."""
    found = get_venue(viewer=request.user, slug=venue)
    person = get_person_by_email(viewer=request.user, email=payload.email)
    try:
        role = check_assign_role(
            actor=Actor.of_request(request),
            venue=found,
            user=person,
            role=payload.role,
            group=payload.group or "",
            year=payload.year,
        )
    except SeatRefused as exc:
        # The modality's composition or term limits refuse: 409, naming the rule.
        return 409, body("seat_limit", " ".join(exc.messages), rule=exc.admission.rule)
    return 201, RoleOut(venue=found.slug, email=person.email, role=role.role)


# The venue's seats (issue 12, richer standing): seat_api.py.
router.add_router("", seat_api.router)
