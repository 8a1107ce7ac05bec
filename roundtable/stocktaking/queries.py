"""Balance of a process, a venue's year or a set of people: who took part, per stakeholder group.

Every figure is one aggregate per group made by the database (``values(group).annotate(...)``):
no row is read into Python. A person's group is the group of their approved accreditation at
the venue (the first by the groups' order when they hold several); a contribution keeps the
group its author had when submitting (``Contribution.group``), falling back to the
accreditation. People with neither count under "" (no group). An imported contribution is one
participant (its respondent), not its importer's. List posts are matched to people
by their address (both are stored lower-cased). See docs/stocktaking.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404

from roundtable.contributions.campaigns import majority
from roundtable.contributions.models import Contribution
from roundtable.decisions.models import Position
from roundtable.drafting.models import Amendment, Document
from roundtable.drafting.queries import list_documents
from roundtable.lists.models import Message
from roundtable.meetings.models import Intervention
from roundtable.processes.models import Phase, Process
from roundtable.processes.queries import get_process
from roundtable.processes.reading import observable_processes
from roundtable.stakeholders.models import Accreditation, Profile, StakeholderGroup
from roundtable.venues.models import Venue

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
# Balance over time: what is counted per phase (a row is in the phase whose dates hold its day).
PHASE_MEASURES = ("participants", "contributions", "list_posts")


@dataclass(frozen=True)
class PhaseCounts:
    """One phase of a process (pk None: rows dated outside every phase), its counts per group."""

    pk: int | None
    title: str
    starts_on: str  # ISO dates, "" outside the phases
    ends_on: str
    measures: dict[str, dict[str, int]]


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


def _group_of(user_ref: str, venue: Venue) -> Subquery:
    return Subquery(
        Accreditation.objects.filter(
            user=OuterRef(user_ref), venue=venue, status=Accreditation.Status.APPROVED
        )
        .order_by("group__position", "group__slug")
        .values("group__slug")[:1]
    )


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


@dataclass(frozen=True)
class _Rows:
    """What is counted, as querysets (none of them evaluated here)."""

    contributions: QuerySet[Any]
    amendments: QuerySet[Any]
    interventions: QuerySet[Any]
    positions: QuerySet[Any]
    posts: QuerySet[Any]
    phases: QuerySet[Any]


def _rows_of_processes(viewer: Any, processes: Iterable[Process]) -> _Rows:
    found = list(processes)
    ids = [p.pk for p in found]
    # Amendments and positions on a members-only document count only for those who may read it.
    documents = Q(pk__in=[])
    for process in found:
        documents |= Q(pk__in=list_documents(viewer=viewer, process=process).values("pk"))
    shown = Document.objects.filter(documents).values("pk")
    return _Rows(
        Contribution.objects.filter(call__process__in=ids, status=Contribution.Status.PUBLISHED),
        Amendment.objects.filter(document__process__in=ids, document__in=shown),
        Intervention.objects.filter(meeting__process__in=ids, ended_at__isnull=False),
        Position.objects.filter(adoption__process__in=ids, adoption__document__in=shown),
        Message.objects.filter(mailing_list__process__in=ids),
        Phase.objects.filter(process__in=ids),
    )


def _phase_of(process_ref: str, day_ref: str) -> Subquery:
    return Subquery(
        Phase.objects.filter(
            process=OuterRef(process_ref),
            starts_on__lte=OuterRef(day_ref),
            ends_on__gte=OuterRef(day_ref),
        )
        .order_by("starts_on", "pk")
        .values("pk")[:1]
    )


def _per_phase(rows: QuerySet[Any], day: Any, process_ref: str, group: Any, n: Any) -> Any:
    """One aggregate: counts per (phase, group) of `rows`."""
    return (
        rows.annotate(balance_day=TruncDate(day))
        .annotate(
            balance_phase=_phase_of(process_ref, "balance_day"),
            balance_group=Coalesce(group, Value("")),
        )
        .values("balance_phase", "balance_group")
        .annotate(n=n)
        .order_by()
    )


def _phases(
    rows: _Rows, venue: Venue, contribution_group: Any, poster_group: Any
) -> tuple[PhaseCounts, ...]:
    """Participants (people who sent inputs: each author once per phase, an imported input one
    respondent), inputs and list posts per phase of the processes counted, phases in order."""
    own = rows.contributions.filter(source_ref="")
    author_group = Coalesce(_group_of("author", venue), F("group__slug"))
    found: dict[tuple[int | None, str], Counter[str]] = {}
    for measure, counted in (
        ("participants", _per_phase(own, "submitted_at", "call__process", author_group,
                                    Count("author", distinct=True))),
        ("participants", _per_phase(rows.contributions.exclude(source_ref=""), "submitted_at",
                                    "call__process", contribution_group, Count("pk"))),
        ("contributions", _per_phase(rows.contributions, "submitted_at", "call__process",
                                     contribution_group, Count("pk"))),
        ("list_posts", _per_phase(rows.posts.exclude(date=None), "date",
                                  "mailing_list__process", poster_group, Count("pk"))),
    ):  # fmt: skip
        for row in counted:
            cell = found.setdefault((row["balance_phase"], measure), Counter())
            cell[row["balance_group"]] += row["n"]
    phases = [
        PhaseCounts(p.pk, p.title, p.starts_on.isoformat(), p.ends_on.isoformat(), {})
        for p in rows.phases.order_by("starts_on", "pk")
    ]
    if any(pk is None for pk, _measure in found):
        phases.append(PhaseCounts(None, "", "", "", {}))
    for phase in phases:
        for measure in PHASE_MEASURES:
            phase.measures[measure] = dict(found.get((phase.pk, measure), {}))
    return tuple(phases)


def _balance(rows: _Rows, venue: Venue) -> Balance:
    user = get_user_model()
    poster_ids = user.objects.filter(email__in=rows.posts.values("from_addr")).values("pk")
    own = rows.contributions.filter(source_ref="")
    people = user.objects.filter(
        Q(pk__in=own.values("author"))
        | Q(pk__in=rows.amendments.values("proposer"))
        | Q(pk__in=rows.interventions.values("user"))
        | Q(pk__in=rows.positions.values("user"))
        | Q(pk__in=poster_ids)
    )
    first_contribution_group = Subquery(
        own.filter(author=OuterRef("pk"))
        .exclude(group=None)
        .order_by("submitted_at", "pk")
        .values("group__slug")[:1]
    )
    contribution_group = Coalesce(F("group__slug"), _group_of("author", venue))
    duration = ExpressionWrapper(F("ended_at") - F("started_at"), output_field=DurationField())
    poster_group = Subquery(
        Accreditation.objects.filter(
            user__email=OuterRef("from_addr"),
            venue=venue,
            status=Accreditation.Status.APPROVED,
        )
        .order_by("group__position", "group__slug")
        .values("group__slug")[:1]
    )
    participants = Counter(
        _per_group(people, Coalesce(_group_of("pk", venue), first_contribution_group))
    )
    # An imported contribution (an EU "Have your say" feedback) is one respondent's; the
    # account that imported it is not a participant.
    participants.update(_per_group(rows.contributions.exclude(source_ref=""), contribution_group))
    measures = {
        "participants": dict(participants),
        "contributions": _per_group(rows.contributions, contribution_group),
        "voices": _voices(rows.contributions, contribution_group),
        "words": _per_group(rows.contributions, contribution_group, Sum("word_count")),
        "amendments_proposed": _per_group(rows.amendments, _group_of("proposer", venue)),
        "amendments_accepted": _per_group(
            rows.amendments.filter(status=Amendment.Status.ACCEPTED), _group_of("proposer", venue)
        ),
        "speaking_seconds": {},
        "positions": _per_group(rows.positions, _group_of("user", venue)),
        "list_posts": _per_group(rows.posts, poster_group),
    }
    spoken = (
        rows.interventions.annotate(balance_group=Coalesce(_group_of("user", venue), Value("")))
        .values("balance_group")
        .annotate(n=Sum(duration))
        .order_by()
    )
    measures["speaking_seconds"] = _seconds({r["balance_group"]: r["n"] for r in spoken})
    months: dict[str, dict[str, int]] = {}
    by_month = (
        rows.contributions.annotate(
            month=TruncMonth("submitted_at"), balance_group=Coalesce(contribution_group, Value(""))
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
        phases=_phases(rows, venue, contribution_group, poster_group),
    )


def get_process_balance(*, viewer: Any, venue: str, process: str) -> tuple[Process, Balance]:
    """The balance of one process; `Denied` unless the viewer may observe it."""
    found = get_process(viewer=viewer, venue=venue, slug=process)
    return found, _balance(_rows_of_processes(viewer, [found]), found.venue)


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
    return found, processes, _balance(_rows_of_processes(viewer, processes), found)
