"""Balance of a process, a venue's year or a set of people: who took part, per stakeholder group.

Every figure is one aggregate per group made by the database (``values(group).annotate(...)``):
no row is read into Python. A person's group is the group of their approved accreditation at
the venue (the first by the groups' order when they hold several); a contribution keeps the
group its author had when submitting (``Contribution.group``), falling back to the
accreditation. People with neither count under "" (no group). An imported contribution is one
participant (its respondent), not its importer's. List posts are matched to people
by their address (both are stored lower-cased). The rows and the groups are in rows.py, the
figures per phase in phases.py. See docs/stocktaking.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404

from roundtable.contributions.campaigns import majority
from roundtable.drafting.models import Amendment
from roundtable.processes.models import Process
from roundtable.processes.queries import get_process
from roundtable.processes.reading import observable_processes
from roundtable.stakeholders.models import Profile, StakeholderGroup
from roundtable.venues.models import Venue

from .phases import PHASE_MEASURES, PhaseCounts, phases
from .rows import (
    Rows,
    contribution_group,
    group_of,
    person_group,
    poster_group,
    rows_of_processes,
    taking_part,
)

__all__ = ["MEASURES", "PHASE_MEASURES", "Balance", "PhaseCounts"]

MEASURES = (
    "participants",
    "contributions",
    "voices",
    "words",
    "amendments_proposed",
    "amendments_accepted",
    "speaking_seconds",
    "positions",
    "list_posts",
)


@dataclass(frozen=True)
class Balance:
    """Counts per group slug ("" = no group) for each of MEASURES; contributions per month;
    participants per declared region and gender (raw: apply analysis.balance.private_cells
    before showing them)."""

    groups: tuple[str, ...]
    measures: dict[str, dict[str, int]]
    months: dict[str, dict[str, int]] = field(default_factory=dict)
    regions: dict[str, int] = field(default_factory=dict)
    genders: dict[str, int] = field(default_factory=dict)
    phases: tuple[PhaseCounts, ...] = ()


def _per_group(rows: QuerySet[Any], group: Any, value: Any = None) -> dict[str, int]:
    counted = (
        rows.annotate(balance_group=Coalesce(group, Value("")))
        .values("balance_group")
        .annotate(n=value if value is not None else Count("pk"))
        .order_by()
    )
    return {row["balance_group"]: int(row["n"] or 0) for row in counted}


def _voices(contributions: QuerySet[Any], group: Any) -> dict[str, int]:
    """Inputs with each campaign counted once (issue 17), in its members' majority group."""
    voices = Counter(_per_group(contributions.filter(campaign_member__isnull=True), group))
    members: dict[int, list[str]] = {}
    rows = (
        contributions.filter(campaign_member__isnull=False)
        .annotate(balance_group=Coalesce(group, Value("")))
        .order_by("submitted_at", "pk")
        .values_list("campaign_member__campaign", "balance_group")
    )
    for campaign, slug in rows:
        members.setdefault(campaign, []).append(slug)
    voices.update(majority(groups) for groups in members.values())
    return dict(voices)


def _seconds(rows: dict[str, Any]) -> dict[str, int]:
    return {key: int(value.total_seconds()) if value else 0 for key, value in rows.items()}


def _balance(rows: Rows, venue: Venue) -> Balance:
    people = taking_part(rows)
    inputs = contribution_group(venue)
    duration = ExpressionWrapper(F("ended_at") - F("started_at"), output_field=DurationField())
    participants = Counter(_per_group(people, person_group(rows, venue, "pk")))
    # An imported contribution (an EU "Have your say" feedback) is one respondent's; the
    # account that imported it is not a participant.
    participants.update(_per_group(rows.contributions.exclude(source_ref=""), inputs))
    measures = {
        "participants": dict(participants),
        "contributions": _per_group(rows.contributions, inputs),
        "voices": _voices(rows.contributions, inputs),
        "words": _per_group(rows.contributions, inputs, Sum("word_count")),
        "amendments_proposed": _per_group(rows.amendments, group_of("proposer", venue)),
        "amendments_accepted": _per_group(
            rows.amendments.filter(status=Amendment.Status.ACCEPTED), group_of("proposer", venue)
        ),
        "speaking_seconds": {},
        "positions": _per_group(rows.positions, group_of("user", venue)),
        "list_posts": _per_group(rows.posts, poster_group(venue)),
    }
    spoken = (
        rows.interventions.annotate(balance_group=Coalesce(group_of("user", venue), Value("")))
        .values("balance_group")
        .annotate(n=Sum(duration))
        .order_by()
    )
    measures["speaking_seconds"] = _seconds({r["balance_group"]: r["n"] for r in spoken})
    months: dict[str, dict[str, int]] = {}
    by_month = (
        rows.contributions.annotate(
            month=TruncMonth("submitted_at"), balance_group=Coalesce(inputs, Value(""))
        )
        .values("month", "balance_group")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    for row in by_month:
        months.setdefault(f"{row['month']:%Y-%m}", {})[row["balance_group"]] = row["n"]
    profiles = Profile.objects.filter(user__in=people.values("pk"))  # imported: none declared
    regions = profiles.values("region").annotate(n=Count("pk")).order_by()
    genders = profiles.values("gender").annotate(n=Count("pk")).order_by()
    seen = {group for counts in measures.values() for group in counts}
    known = list(
        StakeholderGroup.objects.filter(slug__in=seen)
        .order_by("position", "slug")
        .values_list("slug", flat=True)
    )
    return Balance(
        groups=(*known, *([""] if "" in seen else [])),
        measures=measures,
        months=months,
        regions={r["region"]: r["n"] for r in regions},
        genders={g["gender"]: g["n"] for g in genders},
        phases=phases(rows, venue),
    )


def get_process_balance(*, viewer: Any, venue: str, process: str) -> tuple[Process, Balance]:
    """The balance of one process; `Denied` unless the viewer may observe it."""
    found = get_process(viewer=viewer, venue=venue, slug=process)
    return found, _balance(rows_of_processes(viewer, [found]), found.venue)


def venue_year_processes(*, viewer: Any, venue: Venue, year: int) -> list[Process]:
    """The venue's processes with a phase in `year` that the viewer may observe."""
    processes = (
        Process.objects.filter(venue=venue, phases__starts_on__year__lte=year)
        .filter(phases__ends_on__year__gte=year)
        .select_related("venue")
        .prefetch_related("phases")
        .distinct()
        .order_by("title")
    )
    return observable_processes(viewer, processes)


def get_venue_year_balance(
    *, viewer: Any, venue: str, year: int
) -> tuple[Venue, list[Process], Balance]:
    """The balance of a venue's year: its processes the viewer may observe, counted together."""
    found = get_object_or_404(Venue, slug=venue)
    if not 1 <= year <= 9999:  # what a date can hold
        raise Http404
    processes = venue_year_processes(viewer=viewer, venue=found, year=year)
    return found, processes, _balance(rows_of_processes(viewer, processes), found)
