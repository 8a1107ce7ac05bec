"""The REST API at /api/ (OpenAPI 3 at /api/openapi.json, browsable docs at /api/docs).

Everything public can be read without a token. Writes take `Authorization: Bearer <token>`
and ask the door exactly as the web pages do; without a token the door decides for an
anonymous visitor. Every error, whatever its cause, has one shape:
``{"error": {"code": ..., "message": ..., ...}}`` (see `errors.py`).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query

from roundtable.contributions.actions import (
    check_comment,
    check_hide_contribution,
    check_open_call,
    check_submit_contribution,
    check_withdraw_contribution,
)
from roundtable.contributions.models import Contribution
from roundtable.contributions.queries import (
    get_call,
    get_contribution,
    list_calls,
    list_contributions,
)
from roundtable.inputs.bounds import InterfaceLanguage
from roundtable.inputs.params import LARGEST
from roundtable.permissions.door import decide, get_modality, require
from roundtable.permissions.explain import decision_json
from roundtable.permissions.readable import readable_matrix
from roundtable.processes.api import router as setup_router
from roundtable.processes.models import Process
from roundtable.processes.queries import get_matrix, get_process
from roundtable.processes.setup import check_add_phase
from roundtable.processes.situation import situation
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
from roundtable.venues.queries import get_venue

from . import errors
from .openapi import RoundtableAPI
from .schemas import (
    AccreditationIn,
    AccreditationOut,
    CallIn,
    CallOut,
    CategoryIn,
    CategoryOut,
    CommentIn,
    CommentOut,
    ContributionIn,
    ContributionOut,
    DecisionIn,
    DecisionOut,
    DelegationIn,
    DelegationOut,
    Error,
    HeadIn,
    HideIn,
    MemberIn,
    OrganisationIn,
    OrganisationOut,
    PhaseIn,
    PhaseOut,
    ProcessOut,
    VenueOut,
)
from .security import token, write
from .serialise import call_out as _call
from .serialise import phase_out as _phase
from .serialise import process_out as _process
from .serialise import venue_out as _venue

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


def _contribution(c: Contribution) -> dict[str, Any]:
    published = c.status == Contribution.Status.PUBLISHED
    return {
        "id": c.pk,
        "call": c.call_id,
        "title": c.title,
        "author": _author(c.author),
        "group": c.group.slug if c.group else None,
        "organisation": c.organisation.name if c.organisation else None,
        "delegation": c.delegation.name if c.delegation else None,
        "language": c.language,
        "word_count": c.word_count,
        "status": c.status,
        "submitted_at": c.submitted_at,
        "body": c.body if published else None,
        "body_html": c.body_html if published else None,
        "moderation_reason": c.moderation_reason,
        "attachments": [
            reverse("contributions:attachment", args=[c.pk, a.pk]) for a in c.attachments.all()
        ]
        if published
        else [],
        "comment_count": getattr(c, "comment_count", 0),
    }


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


def _decision(d: Any) -> dict[str, Any]:
    words = decision_json(d)
    return {
        "right": d.right,
        "modality": d.modality.name,
        "allowed": d.allowed,
        "rule": d.rule,
        "reason": d.reason,
        "obligations": [o.to_json() for o in d.obligations],
        "would_allow": [str(w) for w in d.would_allow],
        "standing": d.standing.describe(),
        "explanation": words["explanation"],
        "language": words["language"],
        "right_label": words["right_label"],
        "verdict": words["verdict"],
        "because_translated": words["because_translated"],
        "what_would_allow": words["what_would_allow"],
        "standing_label": words["standing_label"],
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


@api.get("/venues/{venue}", response={200: VenueOut, 404: Error}, tags=["venues"])
def venue(request: HttpRequest, venue: str) -> Any:
    _observe(request)
    return _venue(get_venue(viewer=request.user, slug=venue))


@api.get("/processes/{venue}/{process}", response={200: ProcessOut, 404: Error}, tags=["processes"])
def process_detail(request: HttpRequest, venue: str, process: str) -> Any:
    _observe(request)
    return _process(get_process(viewer=request.user, venue=venue, slug=process))


@api.get(
    "/processes/{venue}/{process}/matrix", response={200: dict, 404: Error}, tags=["processes"]
)
def process_matrix(
    request: HttpRequest,
    venue: str,
    process: str,
    modality: str = "",
    lang: InterfaceLanguage | None = None,
) -> Any:
    """Who may do what now, under the modality in force (or `modality`, one it may be viewed under).

    The raw matrix (``rights``, ``rows``: ids) and, under ``readable``, the same in words in the
    reader's language (``lang``, else Accept-Language): labels, a word and an icon per cell.
    """
    _observe(request)
    found = get_process(viewer=request.user, venue=venue, slug=process)
    where = situation(found, view=modality or None)
    matrix = get_matrix(where.modality, where.context["phase"])
    return {
        **matrix.to_json(),
        "language": get_language(),
        "readable": readable_matrix(matrix, get_modality(where.modality)),
    }


@api.get(
    "/processes/{venue}/{process}/decisions/{right}",
    response={200: DecisionOut, 404: Error, 422: Error},
    auth=token,
    tags=["processes"],
)
def process_decision(
    request: HttpRequest,
    venue: str,
    process: str,
    right: str,
    lang: InterfaceLanguage | None = None,
) -> Any:
    """What the engine decides for the caller (token or anonymous) and `right` now, and why."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    where = situation(found)
    return _decision(decide(request, right=right, modality=where.modality, context=where.context))


@api.get(
    "/processes/{venue}/{process}/calls",
    response={200: list[CallOut], 404: Error},
    tags=["contributions"],
)
def process_calls(request: HttpRequest, venue: str, process: str) -> Any:
    _observe(request)
    found = get_process(viewer=request.user, venue=venue, slug=process)
    return [
        _call(c)
        for c in list_calls(viewer=request.user, process=found).select_related("process__venue")
    ]


@api.get("/calls/{call_id}", response={200: CallOut, 404: Error}, tags=["contributions"])
def call_detail(request: HttpRequest, call_id: int) -> Any:
    _observe(request)
    return _call(get_call(viewer=request.user, pk=call_id))


@api.get(
    "/calls/{call_id}/contributions",
    response={200: list[ContributionOut], 404: Error},
    tags=["contributions"],
)
def call_contributions(
    request: HttpRequest,
    call_id: int,
    offset: int = Query(0, ge=0, le=LARGEST),
    limit: int = Query(100, ge=1, le=500),
) -> Any:
    _observe(request)
    call = get_call(viewer=request.user, pk=call_id)
    found = list_contributions(viewer=request.user, call=call)[offset : offset + limit]
    return [_contribution(c) for c in found]


@api.get(
    "/contributions/{contribution_id}",
    response={200: ContributionOut, 404: Error},
    tags=["contributions"],
)
def contribution_detail(request: HttpRequest, contribution_id: int) -> Any:
    _observe(request)
    return _contribution(get_contribution(viewer=request.user, pk=contribution_id))


@api.get(
    "/contributions/{contribution_id}/comments",
    response={200: list[CommentOut], 404: Error},
    tags=["contributions"],
)
def contribution_comments(request: HttpRequest, contribution_id: int) -> Any:
    _observe(request)
    found = get_contribution(viewer=request.user, pk=contribution_id)
    return [
        {
            "id": c.pk,
            "author": _author(c.author),
            "body": c.body,
            "body_html": c.body_html,
            "posted_at": c.posted_at,
        }
        for c in found.comments.all()
    ]


EXPORT_FIELDS = (
    "id", "call", "title", "author", "group", "organisation", "delegation", "language",
    "word_count", "status", "submitted_at", "moderation_reason", "body",
)  # fmt: skip


def _cell(value: Any) -> Any:
    """Spreadsheets run cells that start with = + - @ as formulas: quote them as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _export_rows(
    request: HttpRequest, venue: str, process: str
) -> tuple[Process, list[dict[str, Any]]]:
    _observe(request)
    found = get_process(viewer=request.user, venue=venue, slug=process)
    return found, [_contribution(c) for c in list_contributions(viewer=request.user, process=found)]


@api.get(
    "/processes/{venue}/{process}/contributions.json",
    response={200: list[ContributionOut], 404: Error},
    tags=["export"],
)
def export_json(request: HttpRequest, venue: str, process: str) -> Any:
    """Every contribution of the process (withdrawn and hidden ones without their text)."""
    return _export_rows(request, venue, process)[1]


@api.get("/processes/{venue}/{process}/contributions.csv", tags=["export"], response={404: Error})
def export_csv(request: HttpRequest, venue: str, process: str) -> HttpResponse:
    """The same as the JSON export, one row per contribution, UTF-8 with a header row."""
    found, rows = _export_rows(request, venue, process)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = {**row, "submitted_at": row["submitted_at"].isoformat(), "body": row["body"] or ""}
        writer.writerow({key: _cell(value) for key, value in flat.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{found.venue.slug}-{found.slug}-contributions.csv"'
    )
    return response


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


@api.post("/processes/{venue}/{process}/phases", tags=["processes"], **write(PhaseOut))
def add_phase(request: HttpRequest, venue: str, process: str, payload: PhaseIn) -> Any:
    """Add a phase (right `manage_process`); overlapping phases are refused (409)."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    phase = check_add_phase(request=request, process=found, **payload.dict())
    return 201, PhaseOut(**_phase(phase))


@api.post("/processes/{venue}/{process}/calls", tags=["contributions"], **write(CallOut))
def open_call(request: HttpRequest, venue: str, process: str, payload: CallIn) -> Any:
    """Open a call for input (right `manage_process`)."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    call = check_open_call(request=request, process=found, **payload.dict())
    return 201, CallOut(**_call(call))


@api.post("/calls/{call_id}/contributions", tags=["contributions"], **write(ContributionOut))
def submit_contribution(request: HttpRequest, call_id: int, payload: ContributionIn) -> Any:
    """Submit input (right `submit_input` under the process's modality, with its word limit)."""
    call = get_call(viewer=request.user, pk=call_id)
    contribution = check_submit_contribution(
        request=request,
        call=call,
        title=payload.title,
        body=payload.body,
        language=payload.language,
        organisation=_by_slug(Organisation, payload.organisation),
        delegation=_by_slug(Delegation, payload.delegation, venue=call.process.venue),
    )
    return 201, ContributionOut(
        **_contribution(get_contribution(viewer=request.user, pk=contribution.pk))
    )


@api.post("/contributions/{contribution_id}/comments", tags=["contributions"], **write(CommentOut))
def comment(request: HttpRequest, contribution_id: int, payload: CommentIn) -> Any:
    """Comment on a contribution (right `comment`)."""
    found = get_contribution(viewer=request.user, pk=contribution_id)
    made = check_comment(request=request, contribution=found, body=payload.body)
    return 201, CommentOut(
        id=made.pk,
        author=_author(made.author),
        body=made.body,
        body_html=made.body_html,
        posted_at=made.posted_at,
    )


@api.post(
    "/contributions/{contribution_id}/withdraw", tags=["contributions"], **write(ContributionOut)
)
def withdraw(request: HttpRequest, contribution_id: int) -> Any:
    """The author withdraws their contribution (right `withdraw_contribution` of the
    platform rules, with the fact `is-author`: only the author may)."""
    found = get_contribution(viewer=request.user, pk=contribution_id)
    if not request.user.is_authenticated:
        raise errors.NotSignedIn()
    check_withdraw_contribution(request=request, contribution=found)
    return 201, ContributionOut(**_contribution(get_contribution(viewer=request.user, pk=found.pk)))


@api.post("/contributions/{contribution_id}/hide", tags=["contributions"], **write(ContributionOut))
def hide(request: HttpRequest, contribution_id: int, payload: HideIn) -> Any:
    """Moderation: hide with a public reason (right `moderate`)."""
    found = get_contribution(viewer=request.user, pk=contribution_id)
    check_hide_contribution(request=request, contribution=found, reason=payload.reason)
    return 201, ContributionOut(**_contribution(get_contribution(viewer=request.user, pk=found.pk)))


api.add_router("", "roundtable.api.tokens.router", auth=token)  # the caller's own tokens
api.add_router("", "roundtable.stakeholders.api.router", auth=token)  # belonging (issue 9)
api.add_router("", "roundtable.drafting.api.router", auth=token)  # drafting (issue 6)
api.add_router("", "roundtable.decisions.api.router", auth=token)  # decisions (issue 6)
api.add_router("/", "roundtable.contributions.api.router")  # closing a call (issue 9)
