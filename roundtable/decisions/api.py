"""REST endpoints for adoption (consensus calls and votes), outcomes and follow-up; hung
from `roundtable.drafting.api.router`. Tallies are the pure core's, arithmetic included."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from pydantic import Field

from roundtable.drafting.queries import get_document
from roundtable.inputs.bounds import (
    Body,
    Code,
    Email,
    FilledBody,
    FilledName,
    FilledTitle,
    Input,
    Label,
    Note,
)
from roundtable.outputs.errors import Error
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.permissions.vocabulary import label
from roundtable.venues.people import public_name
from roundtable.venues.queries import get_person_by_email, get_venue

from . import actions, outcomes, positions, remedies, speakers
from .ballots import current_tally
from .models import Adoption, FollowUp, MinorityStatement, Outcome
from .queries import (
    get_adoption,
    get_follow_up,
    get_outcome,
    list_anonymous_statements,
    list_follow_ups,
    list_positions,
    readable_tally,
    voter_names,
)

router = Router(tags=["decisions"])
ERRORS = {status: Error for status in (400, 401, 403, 404, 409, 422)}
WRITE: dict[str, Any] = {"response": {201: dict, **ERRORS}}
READ: dict[str, Any] = {"response": {200: dict, 404: Error}}


class OpenIn(Input):
    closes_at: datetime
    procedure: Label = ""
    secret: bool | None = None


class PositionIn(Input):
    position: Code
    text: Body = ""


class ConcludeIn(Input):
    designation: Label = ""
    note: Note = ""


class StatementIn(Input):
    text: FilledBody


class FollowUpIn(Input):
    title: FilledTitle
    owner: FilledName
    due_on: date | None = None
    paragraphs: Annotated[list[Code], Field(max_length=200)] = []


class ProgressIn(Input):
    text: FilledBody
    status: Code


def _observe(request: HttpRequest) -> None:
    require(Actor.of_request(request), right="observe", modality="platform")


def adoption_json(a: Adoption) -> dict[str, Any]:
    positions = list_positions(viewer=None, adoption=a)
    live = None
    if not a.secret and a.status == Adoption.Status.OPEN:
        live = current_tally(a).to_json()
    return {
        "id": a.pk,
        "document": a.document_id,
        "version": a.version.number,
        "modality": a.modality,
        "phase": a.phase,
        "procedure": a.procedure,
        "kind": a.kind,
        "secret": a.secret,
        "status": a.status,
        "opened_at": a.opened_at,
        "closes_at": a.closes_at,
        "positions": [
            {
                "voter": public_name(p.user),
                "group": p.group,
                "chamber": p.chamber,
                "position": p.position or None,
                "text": p.text,
                "addressed": p.addressed,
                "stakeholder_group": p.stakeholder_group or None,
                # "" in the meeting; "absentee", "proxy" or "alternate"; who cast it for them.
                "via": p.via or None,
                "cast_by": public_name(p.cast_by) if p.cast_by is not None else None,
            }
            for p in positions
        ],
        # A secret ballot's statements (where its procedure publishes them), without attribution.
        "statements_without_attribution": list_anonymous_statements(viewer=None, adoption=a),
        "live_tally": live,
        "designated_level": a.designated_level or None,
        # Changed by an appeal's decision: the chair's level before it, and the appeal.
        "changed_on_appeal": a.changed_on_appeal_id,
        "level_before_appeal": a.level_before_appeal or None
        if a.changed_on_appeal_id is not None
        else None,
        "result": a.result or None,
        "adopted": a.adopted,
        "outcome": getattr(getattr(a, "outcome", None), "pk", None)
        if a.status == Adoption.Status.CONCLUDED
        else None,
    }


def follow_up_json(f: FollowUp) -> dict[str, Any]:
    return {
        "id": f.pk,
        "outcome": f.outcome_id,
        "title": f.title,
        "owner": f.owner,
        "due_on": f.due_on,
        "status": f.status,
        "paragraphs": list(f.paragraphs),
        "notes": [
            {"text": n.text, "status": n.status, "written_at": n.written_at} for n in f.notes.all()
        ],
    }


def statement_json(s: MinorityStatement) -> dict[str, Any]:
    """A minority statement as the pages show it: its group by slug and by its label in the
    reader's language, and its author (statements are signed; secret voters' are not these)."""
    return {
        "group": s.group,
        "group_label": label("group", s.group) if s.group else None,
        "author": public_name(s.author),
        "text": s.text,
    }


def outcome_json(o: Outcome) -> dict[str, Any]:
    statements = o.adoption.minority_statements.all() if o.adoption else []
    return {
        "id": o.pk,
        "process": f"{o.process.venue.slug}/{o.process.slug}",
        "kind": o.kind,
        "binding": o.binding,
        "title": o.title,
        "summary": o.summary,
        "document": o.document_id,
        "version": o.version.number if o.version else None,
        "adoption": o.adoption_id,
        "result": o.adoption.result if o.adoption else None,
        "minority_statements": [statement_json(s) for s in statements],
        "follow_ups": [follow_up_json(f) for f in o.follow_ups.all()],
    }


@router.post("/documents/{document_id}/adoptions", **WRITE)
def open_adoption(request: HttpRequest, document_id: int, payload: OpenIn) -> Any:
    """Put the latest version to the phase's procedure (or another the modality declares)."""
    found = get_document(viewer=request.user, pk=document_id)
    made = actions.check_open_adoption(
        actor=Actor.of_request(request),
        document=found,
        closes_at=payload.closes_at,
        procedure=payload.procedure,
        secret=payload.secret,
    )
    return 201, adoption_json(made)


@router.get("/adoptions/{adoption_id}", **READ)
def adoption(request: HttpRequest, adoption_id: int) -> Any:
    _observe(request)
    return adoption_json(get_adoption(viewer=request.user, pk=adoption_id))


@router.post("/adoptions/{adoption_id}/positions", **WRITE)
def take_position(request: HttpRequest, adoption_id: int, payload: PositionIn) -> Any:
    """Support / object (with text) / abstain, or vote; changeable until the close."""
    found = get_adoption(viewer=request.user, pk=adoption_id)
    positions.check_take_position(
        actor=Actor.of_request(request),
        adoption=found,
        position=payload.position,
        text=payload.text,
    )
    return 201, adoption_json(get_adoption(viewer=request.user, pk=found.pk))


class SpeakerIn(Input):
    email: Email


@router.post("/adoptions/{adoption_id}/speaker", **WRITE)
def designate_speaker(request: HttpRequest, adoption_id: int, payload: SpeakerIn) -> Any:
    """The head of a delegation designates a member to take or change the delegation's
    position in this adoption (right `designate_speaker`)."""
    actor = Actor.of_request(request)
    found = get_adoption(viewer=request.user, pk=adoption_id)
    require(
        actor,
        right="designate_speaker",
        modality=PARTICIPATION,
        context={"venue": found.process.venue.slug},
    )
    member = get_person_by_email(viewer=None, email=payload.email)
    speakers.check_designate_speaker(actor=actor, adoption=found, user=member)
    return 201, adoption_json(get_adoption(viewer=request.user, pk=found.pk))


@router.post("/adoptions/{adoption_id}/close", **WRITE)
def close(request: HttpRequest, adoption_id: int) -> Any:
    found = get_adoption(viewer=request.user, pk=adoption_id)
    closed = actions.check_close_window(actor=Actor.of_request(request), adoption=found)
    return 201, adoption_json(closed)


@router.post("/adoptions/{adoption_id}/conclusion", **WRITE)
def conclude(request: HttpRequest, adoption_id: int, payload: ConcludeIn) -> Any:
    """Tally by the pure core (with the chair's designated level for consensus kinds)."""
    found = get_adoption(viewer=request.user, pk=adoption_id)
    done = actions.check_conclude_adoption(
        actor=Actor.of_request(request),
        adoption=found,
        designation=payload.designation,
        note=payload.note,
    )
    return 201, adoption_json(get_adoption(viewer=request.user, pk=done.pk))


@router.post("/adoptions/{adoption_id}/minority-statements", **WRITE)
def minority_statement(request: HttpRequest, adoption_id: int, payload: StatementIn) -> Any:
    found = get_adoption(viewer=request.user, pk=adoption_id)
    made = positions.check_add_minority_statement(
        actor=Actor.of_request(request), adoption=found, text=payload.text
    )
    # A secret ballot's statement is published without attribution: no group.
    group = made.group if isinstance(made, MinorityStatement) else ""
    return 201, {"id": made.pk, "group": group, "text": made.text}


class AbsenteeIn(Input):
    position: Code


class StandInIn(Input):
    member: Email
    holder: Email
    kind: Code


class StandInVoteIn(Input):
    member: Email
    position: Code


@router.post("/adoptions/{adoption_id}/absentee-ballots", **WRITE)
def absentee_ballot(request: HttpRequest, adoption_id: int, payload: AbsenteeIn) -> Any:
    """An absent member votes by absentee ballot, inside the window the procedure sets."""
    found = get_adoption(viewer=request.user, pk=adoption_id)
    remedies.check_cast_absentee(
        actor=Actor.of_request(request), adoption=found, position=payload.position
    )
    return 201, adoption_json(get_adoption(viewer=request.user, pk=found.pk))


@router.post("/adoptions/{adoption_id}/stand-ins", **WRITE)
def name_stand_in(request: HttpRequest, adoption_id: int, payload: StandInIn) -> Any:
    """Name a proxy or a temporary alternate for an absent member (right `name_stand_in`)."""
    found = get_adoption(viewer=request.user, pk=adoption_id)
    made = remedies.check_name_stand_in(
        actor=Actor.of_request(request),
        adoption=found,
        member=get_person_by_email(viewer=None, email=payload.member),
        holder=get_person_by_email(viewer=None, email=payload.holder),
        kind=payload.kind,
    )
    return 201, {"id": made.pk, "kind": made.kind, "adoption": found.pk}


@router.post("/adoptions/{adoption_id}/stand-in-votes", **WRITE)
def stand_in_vote(request: HttpRequest, adoption_id: int, payload: StandInVoteIn) -> Any:
    """The named proxy or alternate casts the absent member's vote (counted once, for them)."""
    found = get_adoption(viewer=request.user, pk=adoption_id)
    remedies.check_cast_as_stand_in(
        actor=Actor.of_request(request),
        adoption=found,
        member=get_person_by_email(viewer=None, email=payload.member),
        position=payload.position,
    )
    return 201, adoption_json(get_adoption(viewer=request.user, pk=found.pk))


@router.get("/adoptions/{adoption_id}/tally", response={200: dict, 404: Error, 409: Error})
def adoption_tally(request: HttpRequest, adoption_id: int) -> Any:
    """The tally so far (or the stored one), with quorum, stakeholder groups, absentee and
    stand-in votes, in the reader's language beside the data. A secret ballot's tally only
    once concluded."""
    _observe(request)
    found = get_adoption(viewer=request.user, pk=adoption_id)
    if found.secret and found.status != Adoption.Status.CONCLUDED:
        raise ValidationError(
            _("A secret ballot's tally is published when it is concluded."), code="conflict"
        )
    result = found.result or current_tally(found).to_json()
    words = readable_tally(result, voter_names(found))
    return {
        "adoption": found.pk,
        "result": result,
        "words": {
            "summary": words["summary"],
            "quorum": words["quorum"] or None,
            "alternatives": [a["words"] for a in words["alternatives"]],
            "remedies": [{"rule": rule or None, "text": text} for rule, text in words["remedies"]],
        },
    }


@router.get("/outcomes/{outcome_id}", **READ)
def outcome(request: HttpRequest, outcome_id: int) -> Any:
    _observe(request)
    return outcome_json(get_outcome(viewer=request.user, pk=outcome_id))


@router.post("/outcomes/{outcome_id}/follow-ups", **WRITE)
def add_follow_up(request: HttpRequest, outcome_id: int, payload: FollowUpIn) -> Any:
    found = get_outcome(viewer=request.user, pk=outcome_id)
    made = outcomes.check_add_follow_up(
        actor=Actor.of_request(request),
        outcome=found,
        title=payload.title,
        owner=payload.owner,
        due_on=payload.due_on,
        paragraphs=payload.paragraphs,
    )
    return 201, follow_up_json(made)


@router.post("/follow-ups/{follow_up_id}/notes", **WRITE)
def note_progress(request: HttpRequest, follow_up_id: int, payload: ProgressIn) -> Any:
    found = get_follow_up(viewer=request.user, pk=follow_up_id)
    outcomes.check_note_progress(
        actor=Actor.of_request(request), follow_up=found, text=payload.text, status=payload.status
    )
    return 201, follow_up_json(get_follow_up(viewer=request.user, pk=found.pk))


@router.get("/venues/{venue}/follow-ups", response={200: list[dict[str, Any]], 404: Error})
def tracker(request: HttpRequest, venue: str) -> Any:
    """The venue-wide follow-up tracker."""
    _observe(request)
    found = get_venue(viewer=request.user, slug=venue)
    return [follow_up_json(f) for f in list_follow_ups(viewer=request.user, venue=found)]
