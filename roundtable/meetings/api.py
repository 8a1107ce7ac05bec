"""REST endpoints for meetings, registration, the speaker queue and the chair's actions, so a
room display or a remote hub can drive or mirror the queue. Same door, same error shape.

The chair's "give the floor" is `POST /api/meetings/{id}/floor` (stable: bench/ drives it).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router

from roundtable.drafting.models import Document
from roundtable.outputs.errors import Error, NotSignedIn, write
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Phase
from roundtable.processes.queries import get_process
from roundtable.venues.people import public_name

from . import actions, queue
from .attendance import Mark, check_record_attendance, quorum_count
from .models import AgendaItem, FloorRequest, Meeting
from .queries import (
    get_meeting,
    get_request,
    list_process_meetings,
    queue_view,
    seen_documents,
)
from .schemas import (
    AskIn,
    AttendanceIn,
    ChangeIn,
    FloorIn,
    ListIn,
    MeetingIn,
    MinutesIn,
    MoveIn,
    MuteIn,
    RegisterIn,
    SkipIn,
    intervention_json,
    meeting_json,
    queue_json,
)

router = Router(tags=["meetings"])
READ: dict[str, Any] = {"response": {200: dict, 403: Error, 404: Error}}
LIST: dict[str, Any] = {"response": {200: list[dict[str, Any]], 403: Error, 404: Error}}


def _actor(request: HttpRequest) -> Actor:
    return Actor.of_request(request)


def _person(request: HttpRequest) -> Actor:
    if not request.user.is_authenticated:
        raise NotSignedIn()
    return _actor(request)


def _out(request: HttpRequest, m: Meeting) -> dict[str, Any]:
    return meeting_json(m, seen_documents(viewer=request, meeting=m))


def _queue_now(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    return queue_json(queue_view(get_meeting(viewer=request, pk=meeting_id)))


@router.get("/processes/{venue}/{process}/meetings", **LIST)
def meetings(request: HttpRequest, venue: str, process: str) -> Any:
    found = get_process(viewer=request, venue=venue, slug=process)
    return [_out(request, m) for m in list_process_meetings(viewer=request, process=found)]


@router.post("/processes/{venue}/{process}/meetings", **write(dict))
def schedule(request: HttpRequest, venue: str, process: str, payload: MeetingIn) -> Any:
    """Schedule a meeting (right `manage_meeting`: the venue's secretariat)."""
    found = get_process(viewer=request, venue=venue, slug=process)
    phase = None
    if payload.phase is not None:
        phase = get_object_or_404(Phase, pk=payload.phase, process=found)
    docs = {d.pk: d for d in Document.objects.filter(process=found)}
    wanted = [*payload.documents, *(a.document for a in payload.agenda if a.document)]
    if any(pk not in docs for pk in wanted):
        raise ValidationError(_("That document belongs to another process."), "other_process")
    made = actions.check_schedule_meeting(
        actor=_actor(request), process=found, title=payload.title,
        starts_at=payload.starts_at, ends_at=payload.ends_at, time_zone=payload.time_zone,
        mode=payload.mode, status=payload.status, phase=phase, location=payload.location,
        capacity=payload.capacity, languages=payload.languages, day=payload.day,
        agenda=[
            actions.AgendaEntry(a.title, docs.get(a.document or 0), tuple(a.paragraphs))
            for a in payload.agenda
        ],
        documents=[docs[pk] for pk in payload.documents],
    )  # fmt: skip
    return 201, _out(request, made)


@router.get("/meetings/{meeting_id}", **READ)
def meeting(request: HttpRequest, meeting_id: int) -> Any:
    return _out(request, get_meeting(viewer=request, pk=meeting_id))


@router.post("/meetings/{meeting_id}/change", **write(dict))
def change(request: HttpRequest, meeting_id: int, payload: ChangeIn) -> Any:
    """Confirm, reschedule, move or cancel (the iCalendar SEQUENCE goes up)."""
    found = get_meeting(viewer=request, pk=meeting_id)
    made = actions.check_change_meeting(
        actor=_actor(request), meeting=found, status=payload.status,
        starts_at=payload.starts_at, ends_at=payload.ends_at, location=payload.location,
        mode=payload.mode,
    )  # fmt: skip
    return 201, _out(request, made)


@router.post("/meetings/{meeting_id}/registrations", **write(dict))
def register(request: HttpRequest, meeting_id: int, payload: RegisterIn) -> Any:
    """Register to attend (right `attend` under the process's modality)."""
    found = get_meeting(viewer=request, pk=meeting_id)
    made = actions.check_register(actor=_actor(request), meeting=found, remote=payload.remote)
    return 201, {"meeting": found.pk, "group": made.group or None, "remote": made.remote}


@router.post("/meetings/{meeting_id}/minutes", **write(dict))
def minutes(request: HttpRequest, meeting_id: int, payload: MinutesIn) -> Any:
    found = get_meeting(viewer=request, pk=meeting_id)
    made = actions.check_publish_minutes(
        actor=_actor(request),
        meeting=found,
        minutes=payload.minutes,
        chair_summary=payload.chair_summary,
    )
    return 201, _out(request, made)


@router.post("/meetings/{meeting_id}/attendance", **write(dict))
def attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> Any:
    """The chair records who is present in the room, remotely, or absent (right
    `chair_meeting`); the answer is the roster and the meeting's quorum by its rule."""
    found = get_meeting(viewer=request, pk=meeting_id)
    marks = [Mark(m.registration, m.attendance) for m in payload.marks]
    check_record_attendance(actor=_actor(request), meeting=found, marks=marks)
    quorum = quorum_count(found)
    roster = found.registrations.select_related("user")
    return 201, {
        "meeting": found.pk,
        "registrations": [
            {
                "id": r.pk,
                "person": public_name(r.user),
                "group": r.group or None,
                "remote": r.remote,
                "attendance": r.attendance or None,
            }
            for r in roster
        ],
        "quorum": quorum.as_data() if quorum is not None else None,
    }


@router.get("/meetings/{meeting_id}/queue", **READ)
def queue_now(request: HttpRequest, meeting_id: int) -> Any:
    """The queue, who has the floor, the timer and speaking time per stakeholder group."""
    return _queue_now(request, meeting_id)


@router.post("/meetings/{meeting_id}/queue", **write(dict))
def ask(request: HttpRequest, meeting_id: int, payload: AskIn) -> Any:
    """Ask for the floor (right `speak`); the engine decides the order."""
    found = get_meeting(viewer=request, pk=meeting_id)
    item = None
    if payload.agenda_item is not None:
        item = get_object_or_404(AgendaItem, pk=payload.agenda_item, meeting=found)
    made = queue.check_ask_floor(
        actor=_actor(request),
        meeting=found,
        remote=payload.remote,
        agenda_item=item,
        paragraph=payload.paragraph,
    )
    return 201, {"request": made.pk, **_queue_now(request, meeting_id)}


def _waiting(request: HttpRequest, found_id: int, pk: int | None) -> FloorRequest | None:
    if pk is None:
        return None
    return get_object_or_404(FloorRequest, pk=pk, meeting_id=found_id)


@router.post("/meetings/{meeting_id}/floor", **write(dict))
def give_floor(request: HttpRequest, meeting_id: int, payload: FloorIn) -> Any:
    """The chair gives the floor: to `request`, or to the first in order (right
    `chair_meeting`). `seconds` sets the timer; by default the modality's slot."""
    found = get_meeting(viewer=request, pk=meeting_id)
    made = queue.check_give_floor(
        actor=_actor(request),
        meeting=found,
        floor_request=_waiting(request, found.pk, payload.request),
        seconds=payload.seconds,
    )
    return 201, {"speaking": intervention_json(made), **_queue_now(request, meeting_id)}


@router.post("/meetings/{meeting_id}/floor/end", **write(dict))
def end_floor(request: HttpRequest, meeting_id: int) -> Any:
    found = get_meeting(viewer=request, pk=meeting_id)
    queue.check_end_floor(actor=_actor(request), meeting=found)
    return 201, _queue_now(request, meeting_id)


@router.post("/meetings/{meeting_id}/floor/mute", **write(dict))
def mute(request: HttpRequest, meeting_id: int, payload: MuteIn) -> Any:
    found = get_meeting(viewer=request, pk=meeting_id)
    queue.check_mute(actor=_actor(request), meeting=found, muted=payload.muted)
    return 201, _queue_now(request, meeting_id)


@router.post("/meetings/{meeting_id}/list", **write(dict))
def close_list(request: HttpRequest, meeting_id: int, payload: ListIn) -> Any:
    """Close (or reopen) the list of speakers."""
    found = get_meeting(viewer=request, pk=meeting_id)
    queue.check_close_list(actor=_actor(request), meeting=found, closed=payload.closed)
    return 201, _queue_now(request, meeting_id)


@router.post("/floor-requests/{request_id}/skip", **write(dict))
def skip(request: HttpRequest, request_id: int, payload: SkipIn) -> Any:
    found = get_request(viewer=request, pk=request_id)
    queue.check_skip_request(actor=_actor(request), floor_request=found, reason=payload.reason)
    return 201, _queue_now(request, found.meeting_id)


@router.post("/floor-requests/{request_id}/move", **write(dict))
def move(request: HttpRequest, request_id: int, payload: MoveIn) -> Any:
    """Move a waiting request to `position` (1 = next), with the reason recorded."""
    found = get_request(viewer=request, pk=request_id)
    queue.check_move_request(
        actor=_actor(request),
        floor_request=found,
        position=payload.position,
        reason=payload.reason,
    )
    return 201, _queue_now(request, found.meeting_id)


@router.post("/floor-requests/{request_id}/withdraw", **write(dict))
def withdraw(request: HttpRequest, request_id: int) -> Any:
    found = get_request(viewer=request, pk=request_id)
    queue.check_withdraw_request(actor=_person(request), floor_request=found)
    return 201, _queue_now(request, found.meeting_id)
