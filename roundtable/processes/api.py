"""API endpoints of venues, processes and phases: the public reads (a venue, a process, who
may do what now, the engine's decision for the caller), and setting up and running a process
(venues, processes, phases: add, edit, move, close; uploaded rule files). Mounted by
roundtable/api/api.py.

Every write asks the door (rights `create_venue` in platform.yaml; `manage_process` and
`assign_roles` in participation.yaml) and answers 201/200, 400 or 422 (bad input), 401 (a bad
token), 403 (the door's refusal, with its rule), 404, or 409 with a code (`exists`, `overlap`,
`already_closed`, `not_started`, `reserved`, `call_not_open`).

The endpoints that were served by roundtable/api/api.py keep their operation ids.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router

from roundtable.inputs.bounds import InterfaceLanguage
from roundtable.modalities.engine import Decision
from roundtable.outputs.errors import Error, write
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, get_modality, require
from roundtable.permissions.explain import decision_json
from roundtable.permissions.readable import readable_matrix
from roundtable.venues.queries import get_venue

from .queries import get_matrix, get_phase, get_process, list_processes, list_venues
from .schemas import (
    DecisionOut,
    PhaseChangeIn,
    PhaseIn,
    PhaseOut,
    ProcessIn,
    ProcessOut,
    RuleFileIn,
    RuleFileOut,
    VenueIn,
    VenueOut,
    phase_out,
    process_out,
    venue_out,
)
from .setup import (
    check_add_phase,
    check_close_phase,
    check_create_process,
    check_create_venue,
    check_register_rule_file,
    check_update_phase,
)
from .situation import situation

router = Router(tags=["set-up"])


def _observe(request: HttpRequest) -> None:
    require(request, right="observe", modality="platform")


def _decision(d: Decision) -> dict[str, Any]:
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


# --- public reads ---------------------------------------------------------------------------


@router.get(
    "/venues/{venue}",
    response={200: VenueOut, 404: Error},
    tags=["venues"],
    operation_id="roundtable_api_api_venue",
)
def venue(request: HttpRequest, venue: str) -> Any:
    _observe(request)
    return venue_out(get_venue(viewer=request.user, slug=venue))


@router.get(
    "/processes/{venue}/{process}",
    response={200: ProcessOut, 404: Error},
    tags=["processes"],
    operation_id="roundtable_api_api_process_detail",
)
def process_detail(request: HttpRequest, venue: str, process: str) -> Any:
    _observe(request)
    return process_out(get_process(viewer=request.user, venue=venue, slug=process))


@router.get(
    "/processes/{venue}/{process}/matrix",
    response={200: dict, 404: Error},
    tags=["processes"],
    operation_id="roundtable_api_api_process_matrix",
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


@router.get(
    "/processes/{venue}/{process}/decisions/{right}",
    response={200: DecisionOut, 404: Error, 422: Error},
    tags=["processes"],
    operation_id="roundtable_api_api_process_decision",
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


# The public reads that share a path with a write here (Django routes a path to one router).


@router.get("/venues", response=list[VenueOut], tags=["venues"])
def venues(request: HttpRequest) -> Any:
    _observe(request)
    return [venue_out(v) for v in list_venues(viewer=request.user)]


@router.get(
    "/venues/{venue}/processes", response={200: list[ProcessOut], 404: Error}, tags=["processes"]
)
def venue_processes(request: HttpRequest, venue: str) -> Any:
    _observe(request)
    found = get_venue(viewer=request.user, slug=venue)
    return [process_out(p) for p in list_processes(viewer=request.user, venue=found)]


@router.post("/venues", **write(VenueOut))
def create_venue(request: HttpRequest, payload: VenueIn) -> Any:
    """Create a venue (right `create_venue`: operators)."""
    venue = check_create_venue(
        actor=Actor.of_request(request),
        slug=payload.slug,
        name=payload.name,
        default_modality=payload.default_modality,
        description=payload.description,
        language=payload.language,
    )
    return 201, VenueOut(**venue_out(venue))


@router.post("/venues/{venue}/processes", **write(ProcessOut))
def create_process(request: HttpRequest, venue: str, payload: ProcessIn) -> Any:
    """Create a process at a venue (right `manage_process`: the venue's secretariat). Its
    modality is a preset or a rule file uploaded to the registry, never a path."""
    found = get_venue(viewer=request.user, slug=venue)
    process = check_create_process(
        actor=Actor.of_request(request),
        venue=found,
        slug=payload.slug,
        title=payload.title,
        summary=payload.summary,
        language=payload.language,
        topics=payload.topics,
        modality=payload.modality,
        alternative_modalities=payload.alternative_modalities,
    )
    return 201, ProcessOut(
        **process_out(get_process(viewer=request.user, venue=venue, slug=process.slug))
    )


@router.post("/venues/{venue}/rule-files", **write(RuleFileOut))
def upload_rule_file(request: HttpRequest, venue: str, payload: RuleFileIn) -> Any:
    """Upload a rule file (right `manage_process`); a refusal lists file:line: field: problem."""
    found = get_venue(viewer=request.user, slug=venue)
    rule_file = check_register_rule_file(
        actor=Actor.of_request(request), venue=found, text=payload.text, filename=payload.filename
    )
    return 201, RuleFileOut(
        name=rule_file.name,
        version=rule_file.version,
        title=rule_file.title,
        venue=rule_file.venue,
        filename=rule_file.filename,
        uploaded_at=rule_file.uploaded_at,
    )


@router.patch("/processes/{venue}/{process}/phases/{phase_id}", **write(PhaseOut, 200))
def update_phase(
    request: HttpRequest, venue: str, process: str, phase_id: int, payload: PhaseChangeIn
) -> Any:
    """Edit or move a phase (right `manage_process`); an overlap is a 409 naming the phase."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    phase = get_phase(viewer=request.user, process=found, phase_id=phase_id)
    changed = check_update_phase(
        actor=Actor.of_request(request),
        phase=phase,
        title=payload.title,
        kind=payload.kind,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        tentative=payload.tentative,
        description=payload.description,
    )
    return 200, PhaseOut(**phase_out(changed))


@router.post("/processes/{venue}/{process}/phases/{phase_id}/close", **write(PhaseOut, 200))
def close_phase(request: HttpRequest, venue: str, process: str, phase_id: int) -> Any:
    """End a phase today (right `manage_process`); 409 `already_closed` or `not_started`."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    phase = get_phase(viewer=request.user, process=found, phase_id=phase_id)
    closed = check_close_phase(actor=Actor.of_request(request), phase=phase)
    return 200, PhaseOut(**phase_out(closed))


@router.post(
    "/processes/{venue}/{process}/phases",
    tags=["processes"],
    operation_id="roundtable_api_api_add_phase",
    **write(PhaseOut),
)
def add_phase(request: HttpRequest, venue: str, process: str, payload: PhaseIn) -> Any:
    """Add a phase (right `manage_process`); overlapping phases are refused (409)."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    phase = check_add_phase(
        actor=Actor.of_request(request),
        process=found,
        kind=payload.kind,
        title=payload.title,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        tentative=payload.tentative,
        modality=payload.modality,
        day=payload.day,
        agenda=payload.agenda,
    )
    return 201, PhaseOut(**phase_out(phase))
