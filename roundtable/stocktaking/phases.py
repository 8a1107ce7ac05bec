"""Balance over time: the balance's measures per phase of the processes counted.

A row is in the phase whose dates hold its own day (the first by start when phases overlap;
in none: "Outside the phases"): an input's submission, an amendment's proposal (for
`amendments_accepted`, its decision), a turn's start, a position's time, a post's date. Each
measure is one aggregate by the database, ``values(phase, group).annotate(...)``, whatever the
number of phases or rows. Participants are the people who did any of these in the phase: the
(person, phase) rows of five tables joined by one SQL ``UNION`` (which keeps each once), joined
to each person's group and counted by the database, plus one respondent per imported input. A person's group is the
whole balance's (rows.person_group), so a person is in the same group in every phase.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate

from roundtable.drafting.models import Amendment
from roundtable.processes.models import Phase
from roundtable.venues.models import Venue

from .rows import Rows, contribution_group, group_of, person_group, poster_group, taking_part

PHASE_MEASURES = (
    "participants",
    "contributions",
    "words",
    "amendments_proposed",
    "amendments_accepted",
    "speaking_seconds",
    "positions",
    "list_posts",
)


@dataclass(frozen=True)
class PhaseCounts:
    """One phase of a process (pk None: rows dated outside every phase), its counts per group."""

    pk: int | None
    title: str
    starts_on: str  # ISO dates, "" outside the phases
    ends_on: str
    measures: dict[str, dict[str, int]]


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


def _dated(rows: QuerySet[Any], day: Any, process_ref: str, group: Any = None) -> QuerySet[Any]:
    dated: QuerySet[Any] = rows.annotate(balance_day=TruncDate(day)).annotate(
        balance_phase=_phase_of(process_ref, "balance_day")
    )
    if group is not None:
        dated = dated.annotate(balance_group=Coalesce(group, Value("")))
    return dated


def _per_phase(rows: QuerySet[Any], day: Any, process_ref: str, group: Any, n: Any) -> Any:
    """One aggregate: counts per (phase, group) of `rows`."""
    return (
        _dated(rows, day, process_ref, group)
        .values("balance_phase", "balance_group")
        .annotate(n=n)
        .order_by()
    )


def _active(rows: Rows, venue: Venue) -> list[tuple[int | None, str, int]]:
    """People who did something dated in a phase, per (phase, group): one query. The group is
    looked up once per person (a join), not once per row."""
    emails = get_user_model().objects.values("email")
    person = Subquery(get_user_model().objects.filter(email=OuterRef("from_addr")).values("pk")[:1])
    parts = [
        _dated(found.annotate(balance_person=who), day, process_ref)
        .values("balance_phase", "balance_person")
        .order_by()
        for found, day, process_ref, who in (
            (rows.own, "submitted_at", "call__process", F("author")),
            (rows.amendments, "proposed_at", "document__process", F("proposer")),
            (rows.interventions, "started_at", "meeting__process", F("user")),
            (rows.positions, "created_at", "adoption__process", F("user")),
            (rows.posts.exclude(date=None).filter(from_addr__in=emails), "date",
             "mailing_list__process", person),
        )
    ]  # fmt: skip
    union = parts[0].union(*parts[1:])  # UNION, not UNION ALL: each (person, phase) once
    groups = (
        taking_part(rows)
        .annotate(
            balance_person=F("pk"),
            balance_group=Coalesce(person_group(rows, venue, "pk"), Value("")),
        )
        .values("balance_person", "balance_group")
        .order_by()
    )
    try:
        active, active_params = union.query.get_compiler(using=union.db).as_sql()
        who, who_params = groups.query.get_compiler(using=union.db).as_sql()
    except EmptyResultSet:  # no process counted (a venue's year without any): nobody
        return []
    # Django cannot group a UNION's rows: the compiled querysets (values passed as parameters)
    # are joined and counted by hand.
    counted = (
        f"SELECT active.balance_phase, who.balance_group, COUNT(*) FROM ({active}) active"  # noqa: S608
        f" JOIN ({who}) who ON who.balance_person = active.balance_person"
        " GROUP BY active.balance_phase, who.balance_group"
    )
    with connections[union.db].cursor() as cursor:
        cursor.execute(counted, (*active_params, *who_params))
        return [(phase, group, int(n)) for phase, group, n in cursor.fetchall()]


def phases(rows: Rows, venue: Venue) -> tuple[PhaseCounts, ...]:
    """Every phase of the processes counted in order of its start (all of them, even when
    nothing happened in one), then "Outside the phases" when rows fall there."""
    inputs = contribution_group(venue)
    proposer = group_of("proposer", venue)
    accepted = rows.amendments.filter(status=Amendment.Status.ACCEPTED)
    duration = ExpressionWrapper(F("ended_at") - F("started_at"), output_field=DurationField())
    found: dict[tuple[int | None, str], Counter[str]] = {}
    counted: list[tuple[str, Any]] = [
        ("participants", _per_phase(rows.contributions.exclude(source_ref=""), "submitted_at",
                                    "call__process", inputs, Count("pk"))),
        ("contributions", _per_phase(rows.contributions, "submitted_at", "call__process", inputs,
                                     Count("pk"))),
        ("words", _per_phase(rows.contributions, "submitted_at", "call__process", inputs,
                             Sum("word_count"))),
        ("amendments_proposed", _per_phase(rows.amendments, "proposed_at", "document__process",
                                           proposer, Count("pk"))),
        ("amendments_accepted", _per_phase(accepted, Coalesce("decided_at", "proposed_at"),
                                           "document__process", proposer, Count("pk"))),
        ("speaking_seconds", _per_phase(rows.interventions, "started_at", "meeting__process",
                                        group_of("user", venue), Sum(duration))),
        ("positions", _per_phase(rows.positions, "created_at", "adoption__process",
                                 group_of("user", venue), Count("pk"))),
        ("list_posts", _per_phase(rows.posts.exclude(date=None), "date", "mailing_list__process",
                                  poster_group(venue), Count("pk"))),
    ]  # fmt: skip
    for measure, aggregate in counted:
        for row in aggregate:
            n = row["n"]
            n = int(n.total_seconds()) if isinstance(n, timedelta) else int(n or 0)
            found.setdefault((row["balance_phase"], measure), Counter())[row["balance_group"]] += n
    for pk, group, people in _active(rows, venue):
        found.setdefault((pk, "participants"), Counter())[group] += people
    listed = [
        PhaseCounts(p.pk, p.title, p.starts_on.isoformat(), p.ends_on.isoformat(), {})
        for p in rows.phases.order_by("starts_on", "pk")
    ]
    if any(pk is None and +counts for (pk, _measure), counts in found.items()):
        listed.append(PhaseCounts(None, "", "", "", {}))
    for phase in listed:
        for measure in PHASE_MEASURES:
            phase.measures[measure] = dict(+found.get((phase.pk, measure), Counter()))
    return tuple(listed)
