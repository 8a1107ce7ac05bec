"""Reads about meetings, each through the door (`observe` under the process's modality)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from roundtable.processes.models import Process
from roundtable.processes.reading import audience_facts, may_observe, observable_ids
from roundtable.venues.models import Venue
from roundtable.venues.people import public_name

from .authority import require_meeting
from .models import FloorRequest, Intervention, Meeting
from .order import Place, queue_order


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("process__venue", "phase")


def get_meeting(*, viewer: Any, pk: int) -> Meeting:
    """A meeting; `Denied` unless the viewer may observe it under its process's modality."""
    found = get_object_or_404(_meetings(), pk=pk)
    require_meeting(viewer, right="observe", process=found.process, meeting=found)
    return found


def get_request(*, viewer: Any, pk: int) -> FloorRequest:
    found = get_object_or_404(FloorRequest.objects.select_related("meeting__process__venue"), pk=pk)
    require_meeting(viewer, right="observe", process=found.meeting.process, meeting=found.meeting)
    return found


def list_process_meetings(*, viewer: Any, process: Process) -> list[Meeting]:
    """The process's meetings (the caller asked the door about the process)."""
    return list(_meetings().filter(process=process))


def list_venue_meetings(*, viewer: Any, venue: Venue) -> list[Meeting]:
    """The meetings of the venue's processes the viewer may observe."""
    processes = list(Process.objects.filter(venue=venue).select_related("venue"))
    allowed = observable_ids(viewer, processes)
    return list(_meetings().filter(process_id__in=allowed).prefetch_related("agenda"))


def seen_documents(*, viewer: Any, meeting: Meeting) -> set[int]:
    """Ids of the meeting's documents (its own and its agenda's) the viewer may observe: a
    document for members only is named to members only."""
    documents = {d.pk: d for d in meeting.documents.all()}
    documents.update({a.document.pk: a.document for a in meeting.agenda.all() if a.document})
    return {
        pk
        for pk, d in documents.items()
        if may_observe(viewer, meeting.process, facts=audience_facts(d.audience))
    }


@dataclass
class QueueView:
    meeting: Meeting
    places: list[Place]
    current: Intervention | None
    done: list[Intervention]
    seconds_by_group: dict[str, int]
    now: datetime
    names: dict[int, str] = field(default_factory=dict)
    current_name: str = ""

    @property
    def version(self) -> str:
        """Changes whenever what the fragment shows changes (but the running clocks)."""
        current = self.current
        state = [
            str(self.meeting.list_closed),
            f"{current.pk}:{current.muted}" if current else "-",
            ",".join(str(p.request.pk) for p in self.places),
            str(len(self.done)),
        ]
        return "|".join(state)

    @property
    def remaining(self) -> int | None:
        """Seconds left on the current speaker's timer (negative: over time)."""
        if self.current is None or not self.current.slot_seconds:
            return None
        spent = int((self.now - self.current.started_at).total_seconds())
        return self.current.slot_seconds - spent


def _spent(intervention: Intervention, now: datetime) -> int:
    end = intervention.ended_at or now
    return max(0, int((end - intervention.started_at).total_seconds()))


def queue_view(meeting: Meeting) -> QueueView:
    """The queue now: the order, who has the floor, and speaking time per stakeholder group."""
    # The chair's order, the cursor and the list's state as stored now, not as first read.
    meeting.refresh_from_db(fields=["chair_order", "rotation_cursor", "list_closed"])
    now = timezone.now()
    interventions = list(
        Intervention.objects.filter(meeting=meeting).select_related("user__profile")
    )
    current = next((i for i in interventions if i.ended_at is None), None)
    seconds: Counter[str] = Counter()
    for item in interventions:
        seconds[item.group] += _spent(item, now)
    places = queue_order(meeting)
    names = {p.request.pk: public_name(p.request.user) for p in places}
    return QueueView(
        meeting=meeting,
        places=places,
        current=current,
        done=[i for i in interventions if i.ended_at is not None],
        seconds_by_group=dict(sorted(seconds.items())),
        now=now,
        names=names,
        current_name=public_name(current.user) if current else "",
    )


def attendance_by_group(meeting: Meeting) -> dict[str, dict[str, int]]:
    """Per stakeholder group: registered in the room and remote (``in_room``, ``remote``), and
    the attendance the chair recorded (``present_in_room``, ``present_remote``, ``absent``)."""
    table: dict[str, dict[str, int]] = {}
    recorded = {"in-room": "present_in_room", "remote": "present_remote", "absent": "absent"}
    rows = meeting.registrations.values_list("group", "remote", "attendance")
    for group, remote, attendance in rows:
        row = table.setdefault(group, dict.fromkeys(("in_room", "remote", *recorded.values()), 0))
        row["remote" if remote else "in_room"] += 1
        if attendance in recorded:
            row[recorded[attendance]] += 1
    return dict(sorted(table.items()))
