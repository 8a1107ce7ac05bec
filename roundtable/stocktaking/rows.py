"""What a balance counts: the rows of the processes counted, as querysets, and a person's group
as a subquery (shared by the whole balance and the balance over time, so that both put a person
in the same group). See docs/stocktaking.md "Whose group"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from roundtable.contributions.models import Contribution
from roundtable.decisions.models import Position
from roundtable.drafting.models import Amendment, Document
from roundtable.drafting.queries import list_documents
from roundtable.lists.models import Message
from roundtable.meetings.models import Intervention
from roundtable.processes.models import Phase, Process
from roundtable.stakeholders.models import Accreditation
from roundtable.venues.models import Venue


@dataclass(frozen=True)
class Rows:
    """What is counted, as querysets (none of them evaluated here)."""

    contributions: QuerySet[Any]
    amendments: QuerySet[Any]
    interventions: QuerySet[Any]
    positions: QuerySet[Any]
    posts: QuerySet[Any]
    phases: QuerySet[Any]

    @property
    def own(self) -> QuerySet[Any]:
        """Contributions sent by their author (an imported one is its respondent's)."""
        return self.contributions.filter(source_ref="")


def rows_of_processes(viewer: Any, processes: Iterable[Process]) -> Rows:
    found = list(processes)
    ids = [p.pk for p in found]
    # Amendments and positions on a members-only document count only for those who may read it.
    documents = Q(pk__in=[])
    for process in found:
        documents |= Q(pk__in=list_documents(viewer=viewer, process=process).values("pk"))
    shown = Document.objects.filter(documents).values("pk")
    return Rows(
        Contribution.objects.filter(call__process__in=ids, status=Contribution.Status.PUBLISHED),
        Amendment.objects.filter(document__process__in=ids, document__in=shown),
        Intervention.objects.filter(meeting__process__in=ids, ended_at__isnull=False),
        Position.objects.filter(adoption__process__in=ids, adoption__document__in=shown),
        Message.objects.filter(mailing_list__process__in=ids),
        Phase.objects.filter(process__in=ids),
    )


def taking_part(rows: Rows) -> QuerySet[Any]:
    """Everyone who took part: sent an input, proposed an amendment, spoke, took a position or
    posted from their account's address (an imported input's respondent has no account)."""
    user = get_user_model()
    poster_ids = user.objects.filter(email__in=rows.posts.values("from_addr")).values("pk")
    return user.objects.filter(
        Q(pk__in=rows.own.values("author"))
        | Q(pk__in=rows.amendments.values("proposer"))
        | Q(pk__in=rows.interventions.values("user"))
        | Q(pk__in=rows.positions.values("user"))
        | Q(pk__in=poster_ids)
    )


def group_of(user_ref: str, venue: Venue) -> Subquery:
    """The group of the user's approved accreditation at the venue (the first by the groups'
    order when they hold several)."""
    return Subquery(
        Accreditation.objects.filter(
            user=OuterRef(user_ref), venue=venue, status=Accreditation.Status.APPROVED
        )
        .order_by("group__position", "group__slug")
        .values("group__slug")[:1]
    )


def person_group(rows: Rows, venue: Venue, user_ref: str) -> Coalesce:
    """A participant's group: their accreditation, else the group of their first own
    contribution counted (null: no group)."""
    first_contribution_group = Subquery(
        rows.own.filter(author=OuterRef(user_ref))
        .exclude(group=None)
        .order_by("submitted_at", "pk")
        .values("group__slug")[:1]
    )
    return Coalesce(group_of(user_ref, venue), first_contribution_group)


def contribution_group(venue: Venue) -> Coalesce:
    """A contribution keeps the group its author had when submitting, else the accreditation."""
    return Coalesce("group__slug", group_of("author", venue))


def poster_group(venue: Venue) -> Subquery:
    """A list post's group: the accreditation of the person whose address sent it."""
    return Subquery(
        Accreditation.objects.filter(
            user__email=OuterRef("from_addr"),
            venue=venue,
            status=Accreditation.Status.APPROVED,
        )
        .order_by("group__position", "group__slug")
        .values("group__slug")[:1]
    )
