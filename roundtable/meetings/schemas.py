"""What the meetings API takes and gives (plain dicts out, bounded inputs in)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from roundtable.inputs.bounds import Code, FilledNote, FilledTitle, Input, Label, Note, Title
from roundtable.inputs.params import LARGEST
from roundtable.venues.people import public_name

from .models import Intervention, Meeting
from .queries import QueueView, attendance_by_group

Tz = Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_+\-/]+$")]
LanguageCode = Literal["ar", "zh-hans", "en", "es", "fr", "ru"]


class AgendaIn(Input):
    title: FilledTitle
    document: Annotated[int, Field(ge=1, le=LARGEST)] | None = None
    paragraphs: Annotated[list[Code], Field(max_length=200)] = []


class MeetingIn(Input):
    title: FilledTitle
    starts_at: datetime
    ends_at: datetime
    time_zone: Tz = "UTC"
    mode: Literal["in-person", "remote", "hybrid"] = "in-person"
    status: Literal["tentative", "confirmed"] = "tentative"
    phase: Annotated[int, Field(ge=1, le=LARGEST)] | None = None
    location: Title = ""
    capacity: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    languages: Annotated[list[LanguageCode], Field(max_length=6)] = []
    day: Label = ""
    agenda: Annotated[list[AgendaIn], Field(max_length=100)] = []
    documents: Annotated[list[Annotated[int, Field(ge=1, le=LARGEST)]], Field(max_length=100)] = []


class ChangeIn(Input):
    status: Literal["tentative", "confirmed", "cancelled"] | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: Title | None = None
    mode: Literal["in-person", "remote", "hybrid"] | None = None


class RegisterIn(Input):
    remote: bool = False


class AttendanceMarkIn(Input):
    registration: Annotated[int, Field(ge=1, le=LARGEST)]
    attendance: Literal["in-room", "remote", "absent"]


class AttendanceIn(Input):
    """The chair's record of who is present; no marks: the roster as it stands."""

    marks: Annotated[list[AttendanceMarkIn], Field(max_length=1000)] = []


class MinutesIn(Input):
    minutes: Annotated[str, Field(min_length=1, max_length=200_000)]
    chair_summary: Annotated[str, Field(max_length=200_000)] = ""


class AskIn(Input):
    remote: bool = False
    agenda_item: Annotated[int, Field(ge=1, le=LARGEST)] | None = None
    paragraph: Label = ""


class FloorIn(Input):
    request: Annotated[int, Field(ge=1, le=LARGEST)] | None = None
    seconds: Annotated[int, Field(ge=1, le=3600)] | None = None


class MuteIn(Input):
    muted: bool = True


class ListIn(Input):
    closed: bool = True


class SkipIn(Input):
    reason: Note = ""


class MoveIn(Input):
    position: Annotated[int, Field(ge=1, le=10_000)]
    reason: FilledNote


def meeting_json(m: Meeting, seen: set[int]) -> dict[str, Any]:
    """`seen`: the documents the caller may observe (no other is named)."""
    published = m.published_at is not None
    return {
        "id": m.pk,
        "process": f"{m.process.venue.slug}/{m.process.slug}",
        "phase": m.phase.kind if m.phase else None,
        "title": m.title,
        "status": m.status,
        "mode": m.mode,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
        "time_zone": m.time_zone,
        "location": m.location,
        "capacity": m.capacity,
        "languages": list(m.languages),
        "sequence": m.sequence,
        "agenda": [
            {
                "id": a.pk,
                "number": a.number,
                "title": a.title,
                "document": a.document_id if a.document_id in seen else None,
                "paragraphs": list(a.paragraphs) if a.document_id in seen else [],
            }
            for a in m.agenda.all()
        ],
        "documents": [d.pk for d in m.documents.all() if d.pk in seen],
        "registered": m.registrations.count(),
        "attendance": attendance_by_group(m),
        "minutes": m.minutes if published else None,
        "chair_summary": m.chair_summary if published else None,
        "published_at": m.published_at,
    }


def intervention_json(i: Intervention) -> dict[str, Any]:
    return {
        "request": i.request_id,
        "speaker": public_name(i.user),
        "on_behalf_of": i.on_behalf_of or None,
        "group": i.group or None,
        "remote": i.remote,
        "via": i.via,
        "slot_seconds": i.slot_seconds,
        "started_at": i.started_at,
        "ended_at": i.ended_at,
        "seconds": i.seconds,
        "muted": i.muted,
    }


def queue_json(view: QueueView) -> dict[str, Any]:
    return {
        "meeting": view.meeting.pk,
        "list_closed": view.meeting.list_closed,
        "current": intervention_json(view.current) if view.current else None,
        "remaining_seconds": view.remaining,
        "queue": [
            {
                "request": p.request.pk,
                "speaker": view.names[p.request.pk],
                "on_behalf_of": p.request.on_behalf_of or None,
                "group": p.request.group or None,
                "remote": p.request.remote,
                "tier": p.request.tier,
                "via": p.via,
                "round": p.round,
                "agenda_item": p.request.agenda_item_id,
                "paragraph": p.request.paragraph or None,
                "reason": p.request.reason or None,
            }
            for p in view.places
        ],
        "interventions": [intervention_json(i) for i in view.done],
        "seconds_by_group": view.seconds_by_group,
    }
