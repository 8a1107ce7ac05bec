"""Reads for venues and processes. Venues, processes and phases are public records."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from roundtable.audit.models import Event
from roundtable.modalities import Matrix, matrix
from roundtable.modalities.model import Modality
from roundtable.permissions.door import get_modality
from roundtable.venues.models import Venue
from roundtable.venues.people import public_name

from .models import Phase, Process
from .reading import (
    may_see_personal_data,
    observable_ids,
    observable_processes,
    observe_horizon,
    require_observe,
)
from .situation import Situation, situation


def list_venues_with_processes(
    *, viewer: Any, observable: list[int] | None = None
) -> QuerySet[Venue]:
    """Venues with the processes whose public record `viewer` may observe (reading.py);
    `observable`: those process ids, when the page already asked the door for them."""
    shown = observable
    if shown is None:
        shown = list(
            observable_ids(
                viewer, Process.objects.select_related("venue").prefetch_related("phases")
            )
        )
    return Venue.objects.prefetch_related(
        Prefetch("processes", queryset=Process.objects.filter(pk__in=shown).order_by("title"))
    )


def list_venues(*, viewer: Any) -> QuerySet[Venue]:
    return Venue.objects.all()


def _processes(venue: Venue | None = None) -> QuerySet[Process]:
    processes = Process.objects.select_related("venue").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on"))
    )
    return processes.filter(venue=venue) if venue is not None else processes


def list_processes(*, viewer: Any, venue: Venue | None = None) -> list[Process]:
    """The processes whose public record `viewer` may observe under their own modality (one
    pass: the rows the door was asked about are the ones returned, phases prefetched)."""
    return observable_processes(viewer, _processes(venue))


def list_processes_until(*, viewer: Any) -> tuple[list[Process], datetime]:
    """`list_processes`, and the moment until which the door's answers it holds stay right by
    the clock (`reading.observe_horizon`: read before the door is asked, so never late)."""
    found = list(_processes())
    horizon = observe_horizon(found, timezone.now())
    return observable_processes(viewer, found), horizon


def get_process(*, viewer: Any, venue: str, slug: str) -> Process:
    """A process with its venue and its phases (prefetched, in date order); `Denied` unless
    the viewer may observe it."""
    found = get_object_or_404(_processes(), venue__slug=venue, slug=slug)
    require_observe(viewer, found)
    return found


def get_matrix(modality: str, phase: str | None) -> Matrix:
    """Who may do what under `modality` in `phase`: the engine's matrix (of the version in
    force: a new version of an uploaded rule file is a new `Modality`, so a new entry)."""
    return _matrix(get_modality(modality), phase)


@lru_cache(maxsize=256)
def _matrix(modality: Modality, phase: str | None) -> Matrix:
    return matrix(modality, phase)


def list_history(*, viewer: Any, process: Process, limit: int = 50) -> list[Event]:
    """The latest events of the process from the audit trail, newest first. Each carries
    `shown_actor`: the actor's display name, or their address for those who may see personal
    data (`see_personal_data`); the machinery keeps its label."""
    events = list(
        Event.objects.filter(target_type=process._meta.label_lower, target_id=str(process.pk))
        .select_related("actor__profile")
        .order_by("-seq")[:limit]
    )
    personal = may_see_personal_data(viewer, process.venue.slug)
    for event in events:
        person = event.actor
        if personal and person is not None and person.email:
            shown = person.email
        elif person is not None:
            shown = public_name(person)
        elif _names_a_person(event.actor_label):
            shown = "—"  # the account is gone; an old event's address stays off the page
        else:
            shown = event.actor_label
        event.shown_actor = shown  # type: ignore[attr-defined]
    return events


def _names_a_person(label: str) -> bool:
    """A pseudonym (`user:<id>`) or, in events older than pseudonyms, an address."""
    return label.startswith("user:") or "@" in label


def get_phase(*, viewer: Any, process: Process, phase_id: int) -> Phase:
    return get_object_or_404(
        Phase.objects.select_related("process__venue"), process=process, pk=phase_id
    )


def list_observable_processes(*, viewer: Any, now: datetime | None = None) -> list[Situation]:
    """Where each process stands now, for the processes the viewer may observe (the door asks
    each process's own modality: `list_processes`), in venue and title order."""
    moment = now or timezone.now()
    return [
        situation(process, now=moment, phases=list(process.phases.all()))
        for process in list_processes(viewer=viewer)
    ]


def observable_process_ids(*, viewer: Any, now: datetime | None = None) -> list[int]:
    """The ids `list_processes` keeps (the door asks each process's modality in the phase in
    force now, as there; `now` only placed situations there), in id order: one query with its
    phases, without building each process's situation again or reading the rows twice."""
    return sorted(observable_ids(viewer, _processes()))


def list_open_consultations(
    *, viewer: Any, now: datetime | None = None, observable: list[Situation] | None = None
) -> list[Situation]:
    """Processes the viewer may observe whose current phase is an open consultation;
    `observable`: `list_observable_processes`, when the page already has it."""
    if observable is None:
        observable = list_observable_processes(viewer=viewer, now=now)
    return [
        where
        for where in observable
        if where.phase is not None and where.phase.kind == "open-consultation"
    ]
