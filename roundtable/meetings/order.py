"""The order of the floor now: the engine's over the waiting requests, in arrival order,
from the meeting's rotation cursor; requests the chair put in order come first, in that order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roundtable.modalities.model import SpeakerPolicy
from roundtable.modalities.speakers import QueueState, Slot, SpeakRequest, order
from roundtable.permissions.door import get_modality

from .authority import meeting_context
from .models import FloorRequest, Meeting

CHAIR_VIA = "chair-order"


@dataclass(frozen=True)
class Place:
    request: FloorRequest
    via: str
    round: int
    position: int


def policy_of(meeting: Meeting) -> SpeakerPolicy:
    modality, _context = meeting_context(meeting.process, meeting)
    return get_modality(modality).speaker_order


def engine_request(request: FloorRequest, policy: SpeakerPolicy) -> SpeakRequest:
    roles = frozenset(policy.chair_roles[:1]) if request.chair else frozenset()
    return SpeakRequest(
        speaker=str(request.pk),
        group=request.group or None,
        remote=request.remote,
        roles=roles,
        tier=request.tier,
    )


def engine_slots(
    policy: SpeakerPolicy, waiting: Sequence[FloorRequest], cursor: int
) -> tuple[Slot, ...]:
    pending = tuple(engine_request(r, policy) for r in waiting)
    return order(QueueState(policy, pending, cursor))


def waiting_requests(meeting: Meeting) -> list[FloorRequest]:
    return list(
        meeting.requests.filter(status=FloorRequest.Status.WAITING)
        .select_related("user__profile", "agenda_item")
        .order_by("asked_at", "id")
    )


def queue_order(meeting: Meeting, policy: SpeakerPolicy | None = None) -> list[Place]:
    waiting = waiting_requests(meeting)
    by_id = {r.pk: r for r in waiting}
    pinned = [by_id[pk] for pk in meeting.chair_order if pk in by_id]
    places = [Place(r, CHAIR_VIA, 0, -1) for r in pinned]
    rest = [r for r in waiting if r.pk not in {p.pk for p in pinned}]
    slots = engine_slots(policy or policy_of(meeting), rest, meeting.rotation_cursor)
    places += [Place(by_id[int(s.speaker)], s.via, s.round, s.position) for s in slots]
    return places
