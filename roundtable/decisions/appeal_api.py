"""REST endpoints for appeals of a chair's designation and of a refused accreditation: the
chain the modality declares, each appeal with every step's decision and reasons; lodging,
deciding and bringing it further."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from roundtable.inputs.bounds import Body, Code, FilledBody, Input, Label
from roundtable.outputs.errors import Error
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality, require
from roundtable.processes.queries import get_process
from roundtable.processes.situation import situation
from roundtable.stakeholders.disclosures import check_file_disclosure
from roundtable.venues.people import public_name

from . import appeals
from . import refusal_appeals as refusal_appeals_rules
from .models import Appeal
from .queries import (
    get_adoption,
    get_appeal,
    get_refused_accreditation,
    list_appeals,
    list_refusal_appeals,
)

router = Router(tags=["appeals"])
ERRORS = {status: Error for status in (400, 401, 403, 404, 409, 422)}
WRITE: dict[str, Any] = {"response": {201: dict, **ERRORS}}
READ: dict[str, Any] = {"response": {200: dict, 404: Error}}


class AppealIn(Input):
    grounds: FilledBody


class DisclosureIn(Input):
    kind: Label
    text: Body = ""


class AppealDecisionIn(Input):
    outcome: Code
    reasons: FilledBody
    # Overturning a designation: the level designated instead ("" sets it aside).
    level: Label = ""


def _observe(request: HttpRequest) -> None:
    require(Actor.of_request(request), right="observe", modality="platform")


def appeal_json(a: Appeal) -> dict[str, Any]:
    chain = get_modality(a.modality).appeals
    step = chain.step(a.step) if chain is not None else None
    return {
        "id": a.pk,
        "adoption": a.adoption_id,
        # An appeal of a refusal: the refused accreditation (its status follows the appeal).
        "accreditation": a.accreditation_id,
        "accreditation_status": a.accreditation.status if a.accreditation is not None else None,
        "subject": a.subject,
        "modality": a.modality,
        "appellant": public_name(a.appellant),
        "grounds": a.grounds,
        "status": a.status,
        "lodged_at": a.lodged_at,
        "step": step.name if step is not None else None,
        "step_since": a.step_since,
        "decisions": [
            {
                "step": d.step_name,
                "outcome": d.outcome,
                "level": d.level or None,
                "reasons": d.reasons,
                "decided_by": public_name(d.decided_by),
                "decided_at": d.decided_at,
            }
            for d in a.decisions.all()
        ],
    }


@router.get("/adoptions/{adoption_id}/appeals", **READ)
def adoption_appeals(request: HttpRequest, adoption_id: int) -> Any:
    """The modality's appeals chain (steps, who decides, time limits) and every appeal."""
    _observe(request)
    found = get_adoption(viewer=request.user, pk=adoption_id)
    chain = appeals.chain_for(found)
    return {
        "adoption": found.pk,
        "chain": chain.to_json() if chain is not None else None,
        "appeals": [appeal_json(a) for a in list_appeals(viewer=request.user, adoption=found)],
    }


@router.get("/appeals/{appeal_id}", **READ)
def appeal(request: HttpRequest, appeal_id: int) -> Any:
    _observe(request)
    return appeal_json(get_appeal(viewer=request.user, pk=appeal_id))


@router.get("/accreditations/{accreditation_id}/appeals", **READ)
def refusal_appeals(request: HttpRequest, accreditation_id: int) -> Any:
    """A refused accreditation's appeals, with the venue's chain (the person refused, the
    deciders of the chain's steps and of the venue's requests may read them)."""
    _observe(request)
    found = get_refused_accreditation(viewer=request.user, pk=accreditation_id)
    chain = get_modality(refusal_appeals_rules.refusal_modality(found)).appeals
    return {
        "accreditation": found.pk,
        "status": found.status,
        "reason": found.reason,
        "chain": chain.to_json() if chain is not None else None,
        "appeals": [
            appeal_json(a) for a in list_refusal_appeals(viewer=request.user, accreditation=found)
        ],
    }


@router.post("/accreditations/{accreditation_id}/appeals", **WRITE)
def lodge_refusal_appeal(request: HttpRequest, accreditation_id: int, payload: AppealIn) -> Any:
    """The person refused appeals the refusal to the chain's first step, within its time."""
    found = get_refused_accreditation(viewer=request.user, pk=accreditation_id)
    made = refusal_appeals_rules.check_lodge_refusal_appeal(
        actor=Actor.of_request(request), accreditation=found, grounds=payload.grounds
    )
    return 201, appeal_json(made)


@router.post("/adoptions/{adoption_id}/appeals", **WRITE)
def lodge(request: HttpRequest, adoption_id: int, payload: AppealIn) -> Any:
    """Appeal the chair's designation to the chain's first step, within its time limit."""
    found = get_adoption(viewer=request.user, pk=adoption_id)
    made = appeals.check_lodge_appeal(
        actor=Actor.of_request(request), adoption=found, grounds=payload.grounds
    )
    return 201, appeal_json(made)


@router.post("/appeals/{appeal_id}/decisions", **WRITE)
def decide(request: HttpRequest, appeal_id: int, payload: AppealDecisionIn) -> Any:
    """The current step's decision (`upheld` or `overturned`), with its reasons."""
    found = get_appeal(viewer=request.user, pk=appeal_id)
    appeals.check_decide_appeal(
        actor=Actor.of_request(request),
        appeal=found,
        outcome=payload.outcome,
        reasons=payload.reasons,
        level=payload.level,
    )
    return 201, appeal_json(get_appeal(viewer=request.user, pk=found.pk))


@router.post("/appeals/{appeal_id}/escalation", **WRITE)
def escalate(request: HttpRequest, appeal_id: int) -> Any:
    """The appellant brings an upheld decision to the next step, within its time limit."""
    found = get_appeal(viewer=request.user, pk=appeal_id)
    made = appeals.check_escalate_appeal(actor=Actor.of_request(request), appeal=found)
    return 201, appeal_json(made)


@router.post("/processes/{venue}/{process}/disclosures", **WRITE)
def file_disclosure(request: HttpRequest, venue: str, process: str, payload: DisclosureIn) -> Any:
    """File or update one's own statement (`statement_of_interest`, `note_well`) at the
    process's venue, as its modality requires (right `file_disclosure`)."""
    found = get_process(viewer=request.user, venue=venue, slug=process)
    here = situation(found)
    made = check_file_disclosure(
        actor=Actor.of_request(request),
        venue=found.venue,
        modality=here.modality,
        context=here.context,
        kind=payload.kind,
        text=payload.text,
    )
    return 201, {"id": made.pk, "kind": made.kind, "text": made.text, "filed_at": made.filed_at}
