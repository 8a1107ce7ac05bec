"""Reads for venues and processes. Venues, processes and phases are public records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.models import Event
from roundtable.modalities import Matrix, Standing, matrix
from roundtable.permissions.door import decide, get_modality, standing_for_user

from .models import Phase, Process, Venue
from .situation import Situation, situation


def list_venues_with_processes(*, viewer: Any) -> QuerySet[Venue]:
    # Venues and processes are public records; `viewer` is kept for when drafts are not.
    return Venue.objects.prefetch_related(
        Prefetch("processes", queryset=Process.objects.order_by("title"))
    )


def list_venues(*, viewer: Any) -> QuerySet[Venue]:
    return Venue.objects.all()


def get_venue(*, viewer: Any, slug: str) -> Venue:
    return get_object_or_404(Venue, slug=slug)


def list_processes(*, viewer: Any, venue: Venue | None = None) -> QuerySet[Process]:
    processes = Process.objects.select_related("venue").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on"))
    )
    return processes.filter(venue=venue) if venue is not None else processes


def get_process(*, viewer: Any, venue: str, slug: str) -> Process:
    """A process with its venue and its phases (prefetched, in date order)."""
    return get_object_or_404(list_processes(viewer=viewer), venue__slug=venue, slug=slug)


@lru_cache(maxsize=256)
def get_matrix(modality: str, phase: str | None) -> Matrix:
    """Who may do what under `modality` in `phase`: the engine's matrix."""
    return matrix(get_modality(modality), phase)


@dataclass(frozen=True)
class GroupCount:
    slug: str
    name: str
    count: int


def count_inputs_by_group(*, viewer: Any, process: Process) -> list[GroupCount]:
    """Published contributions per stakeholder group (one query, whatever the number)."""
    from roundtable.contributions.models import Contribution

    rows = (
        Contribution.objects.filter(call__process=process)
        .values("group__slug", "group__name", "group__position")
        .annotate(
            n=Count("id", filter=Q(status=Contribution.Status.PUBLISHED)),
        )
        .order_by("group__position", "group__slug")
    )
    return [
        GroupCount(r["group__slug"] or "", r["group__name"] or "", r["n"]) for r in rows if r["n"]
    ]


def list_history(*, viewer: Any, process: Process, limit: int = 50) -> list[Event]:
    """The latest events of the process from the audit trail, newest first."""
    return list(
        Event.objects.filter(
            target_type=process._meta.label_lower, target_id=str(process.pk)
        ).order_by("-seq")[:limit]
    )


def get_phase(*, viewer: Any, process: Process, phase_id: int) -> Phase:
    return get_object_or_404(
        Phase.objects.select_related("process__venue"), process=process, pk=phase_id
    )


def get_person_by_email(*, viewer: Any, email: str) -> Any:
    """The account with this address (for assigning a role); a clear 400 when there is none."""
    person = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise ValidationError(
            _("No account has the address %(email)s: the person signs up first.")
            % {"email": email},
            code="unknown_person",
        )
    return person


def list_observable_processes(*, viewer: Any, now: datetime | None = None) -> list[Situation]:
    """Where each process stands now, for the processes the viewer may observe (the door asks
    the modality in force, in the current phase), in venue and title order."""
    moment = now or timezone.now()
    found = []
    standings: dict[str, Standing] = {}  # one standing per venue, however many processes
    for process in list_processes(viewer=viewer):
        where = situation(process, now=moment, phases=list(process.phases.all()))
        slug = process.venue.slug
        if slug not in standings:
            standings[slug] = standing_for_user(viewer, slug)
        who = standings[slug]
        if decide(who, right="observe", modality=where.modality, context=where.context).allowed:
            found.append(where)
    return found


def observable_process_ids(*, viewer: Any, now: datetime | None = None) -> list[int]:
    return [where.process.pk for where in list_observable_processes(viewer=viewer, now=now)]


def list_open_consultations(*, viewer: Any, now: datetime | None = None) -> list[Situation]:
    """Processes the viewer may observe whose current phase is an open consultation."""
    return [
        where
        for where in list_observable_processes(viewer=viewer, now=now)
        if where.phase is not None and where.phase.kind == "open-consultation"
    ]
