"""API endpoints for setting up and running a process: venues, processes, phases (edit, move,
close) and uploaded rule files. Mounted by roundtable/api/api.py.

Every write asks the door (rights `create_venue` in platform.yaml; `manage_process` and
`assign_roles` in participation.yaml) and answers 201/200, 400 or 422 (bad input), 401 (a bad
token), 403 (the door's refusal, with its rule), 404, or 409 with a code (`exists`, `overlap`,
`already_closed`, `not_started`, `reserved`, `call_not_open`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from roundtable.api.schemas import PhaseOut, ProcessOut, VenueOut
from roundtable.api.security import write
from roundtable.api.serialise import phase_out, process_out, venue_out
from roundtable.inputs.bounds import (
    NO_NUL,
    Body,
    Code,
    FilledName,
    Input,
    Language,
    Name,
    Slug,
    Title,
)
from roundtable.outputs.errors import Error
from roundtable.permissions.door import require
from roundtable.venues.queries import get_venue

from .queries import get_phase, get_process, list_processes, list_venues
from .setup import (
    check_close_phase,
    check_create_process,
    check_create_venue,
    check_register_rule_file,
    check_update_phase,
)

router = Router(tags=["set-up"])

Topic = Annotated[str, Field(pattern=NO_NUL, max_length=100)]


class VenueIn(Input):
    slug: Slug
    name: Annotated[str, Field(pattern=NO_NUL, min_length=1, max_length=200)]
    default_modality: FilledName
    description: Body = ""
    language: Language = ""


class ProcessIn(Input):
    slug: Slug
    title: Annotated[str, Field(pattern=NO_NUL, min_length=1, max_length=300)]
    summary: Body = ""
    language: Language = ""
    topics: Annotated[list[Topic], Field(max_length=50)] = []
    modality: Name = ""
    alternative_modalities: Annotated[list[Name], Field(max_length=20)] = []


class PhaseChangeIn(Input):
    title: Title | None = None
    kind: Code | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    tentative: bool | None = None
    description: Body | None = None


class RuleFileIn(Input):
    text: Annotated[str, Field(pattern=NO_NUL, min_length=1, max_length=200_000)]
    filename: Annotated[str, Field(pattern=NO_NUL, max_length=200)] = "upload.yaml"


class RuleFileOut(Schema):
    name: str
    version: int
    title: str
    venue: str
    filename: str
    uploaded_at: datetime


# The public reads that share a path with a write here (Django routes a path to one router).


@router.get("/venues", response=list[VenueOut], tags=["venues"])
def venues(request: HttpRequest) -> Any:
    require(request, right="observe", modality="platform")
    return [venue_out(v) for v in list_venues(viewer=request.user)]


@router.get(
    "/venues/{venue}/processes", response={200: list[ProcessOut], 404: Error}, tags=["processes"]
)
def venue_processes(request: HttpRequest, venue: str) -> Any:
    require(request, right="observe", modality="platform")
    found = get_venue(viewer=request.user, slug=venue)
    return [process_out(p) for p in list_processes(viewer=request.user, venue=found)]


@router.post("/venues", **write(VenueOut))
def create_venue(request: HttpRequest, payload: VenueIn) -> Any:
    """Create a venue (right `create_venue`: operators)."""
    venue = check_create_venue(request=request, **payload.dict())
    return 201, VenueOut(**venue_out(venue))


@router.post("/venues/{venue}/processes", **write(ProcessOut))
def create_process(request: HttpRequest, venue: str, payload: ProcessIn) -> Any:
    """Create a process at a venue (right `manage_process`: the venue's secretariat). Its
    modality is a preset or a rule file uploaded to the registry, never a path."""
    found = get_venue(viewer=request.user, slug=venue)
    process = check_create_process(request=request, venue=found, **payload.dict())
    return 201, ProcessOut(
        **process_out(get_process(viewer=request.user, venue=venue, slug=process.slug))
    )


@router.post("/venues/{venue}/rule-files", **write(RuleFileOut))
def upload_rule_file(request: HttpRequest, venue: str, payload: RuleFileIn) -> Any:
    """Upload a rule file (right `manage_process`); a refusal lists file:line: field: problem."""
    found = get_venue(viewer=request.user, slug=venue)
    rule_file = check_register_rule_file(request=request, venue=found, **payload.dict())
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
    changed = check_update_phase(request=request, phase=phase, **payload.dict())
    return 200, PhaseOut(**phase_out(changed))


@router.post("/processes/{venue}/{process}/phases/{phase_id}/close", **write(PhaseOut, 200))
def close_phase(request: HttpRequest, venue: str, process: str, phase_id: int) -> Any:
    """End a phase today (right `manage_process`); 409 `already_closed` or `not_started`."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    phase = get_phase(viewer=request.user, process=found, phase_id=phase_id)
    return 200, PhaseOut(**phase_out(check_close_phase(request=request, phase=phase)))
