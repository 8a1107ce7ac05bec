"""Reads for calls and contributions. A constant number of queries, whatever the count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from roundtable.outputs import fulltext
from roundtable.processes.models import Process
from roundtable.processes.queries import observable_process_ids
from roundtable.processes.reading import observable_ids, require_observe

from .models import (
    CONTRIBUTION_TEXT,
    Attachment,
    CallExtension,
    CallForInput,
    CallGroupTally,
    Comment,
    Contribution,
)


def _tally_sum(column: str) -> Coalesce:
    """A call's counter rows summed (a few rows per call, whatever its contributions)."""
    total = (
        CallGroupTally.objects.filter(call=OuterRef("pk"))
        .order_by()
        .values("call")
        .annotate(n=Sum(column))
        .values("n")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


def list_calls(*, viewer: Any, process: Process) -> QuerySet[CallForInput]:
    require_observe(viewer, process)
    return (
        CallForInput.objects.filter(process=process)
        .annotate(contribution_count=_tally_sum("contributions"))
        .prefetch_related("extensions")
    )


def count_contributions(*, viewer: Any, call: CallForInput) -> int:
    """Every contribution of the call (withdrawn and hidden ones too), from its counters."""
    require_observe(viewer, call.process)
    found = CallGroupTally.objects.filter(call=call).aggregate(n=Sum("contributions"))["n"]
    return int(found or 0)


def get_call(*, viewer: Any, pk: int) -> CallForInput:
    found = get_object_or_404(
        CallForInput.objects.select_related("process__venue").prefetch_related(
            "process__phases", "extensions"
        ),
        pk=pk,
    )
    require_observe(viewer, found.process)
    return found


def reply_targets(*, viewer: Any, call: CallForInput) -> list[Contribution]:
    """What a reply may answer: the call's published contributions of its comment period."""
    require_observe(viewer, call.process)
    return list(
        Contribution.objects.filter(
            call=call, status=Contribution.Status.PUBLISHED, submitted_at__lt=call.closes_at
        ).order_by("submitted_at", "id")
    )


def list_extensions(*, viewer: Any, call: CallForInput) -> list[CallExtension]:
    require_observe(viewer, call.process)
    return list(call.extensions.all())  # prefetched by get_call, in the model's order


def _contributions() -> QuerySet[Contribution]:
    return (
        # Few joins: PostgreSQL spent 25-65 ms planning the call page's statement when it also
        # joined organisation, delegation, call and the replied-to row (0.5 ms running it; under
        # 1 ms planning as here). Those are read by primary keys instead (none when no row has
        # one); no list reads a row's call (`call_id` is enough; get_contribution joins it).
        Contribution.objects.select_related("author__profile", "group")
        .prefetch_related(
            "organisation",
            "delegation",
            "replies_to",
            Prefetch("attachments", queryset=Attachment.objects.order_by("id")),
        )
        # a correlated count, so only the rows of the page are counted (a join and GROUP BY
        # would group the whole range before the LIMIT)
        .annotate(
            comment_count=Coalesce(
                Subquery(
                    Comment.objects.filter(contribution=OuterRef("pk"))
                    .order_by()
                    .values("contribution")
                    .annotate(n=Count("id"))
                    .values("n"),
                    output_field=IntegerField(),
                ),
                0,
            )
        )
        .order_by("submitted_at", "id")
    )


def list_contributions(
    *, viewer: Any, call: CallForInput | None = None, process: Process | None = None
) -> QuerySet[Contribution]:
    """Contributions of a call (or of all a process's calls), oldest first.

    Everyone sees every contribution's entry; a withdrawn or hidden one shows its status (and
    the moderator's public reason) instead of its text: the templates and the API decide that
    from `status`, never by leaving the entry out.
    """
    found = _contributions()
    if call is not None:
        require_observe(viewer, call.process)
        found = found.filter(call=call)
    if process is not None:
        require_observe(viewer, process)
        found = found.filter(call__process=process)
    if call is None and process is None:
        shown = observable_ids(viewer, Process.objects.select_related("venue"))
        found = found.filter(call__process__in=shown)
    return found


def count_by_group(*, viewer: Any, call: CallForInput) -> list[dict[str, Any]]:
    """How many contributions each stakeholder group made to the call (group slug, or None
    for contributions without a group), largest first; every contribution counts once."""
    rows = (
        CallGroupTally.objects.filter(call=call, contributions__gt=0)
        .values("group__slug", "contributions")
        .order_by("-contributions", "group__slug")
    )
    return [{"group": r["group__slug"], "count": r["contributions"]} for r in rows]


def get_contribution(*, viewer: Any, pk: int) -> Contribution:
    found = get_object_or_404(
        _contributions()
        .select_related("call__process__venue")
        .prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author__profile"))
        ),
        pk=pk,
    )
    require_observe(viewer, found.call.process)
    return found


def get_attachment(*, viewer: Any, contribution: int, pk: int) -> Attachment:
    """An attachment of a published contribution (the page and the API list them only then);
    of a withdrawn or hidden one, or another contribution's, 404 as if it did not exist."""
    if not (0 < contribution < 2**63 and 0 < pk < 2**63):
        raise Http404  # beyond any id the database can hold
    return get_object_or_404(
        Attachment.objects.select_related("contribution"),
        pk=pk,
        contribution_id=contribution,
        contribution__status=Contribution.Status.PUBLISHED,
    )


def visible_body(contribution: Contribution) -> str:
    """The rendered text, only for a published contribution."""
    return contribution.body_html if contribution.status == Contribution.Status.PUBLISHED else ""


@dataclass(frozen=True)
class GroupCount:
    slug: str
    name: str
    count: int


def count_inputs_by_group(*, viewer: Any, process: Process) -> list[GroupCount]:
    """Published contributions per stakeholder group, from the calls' counters (one query
    over a few rows per call, whatever the number of contributions)."""
    rows = (
        CallGroupTally.objects.filter(call__process=process)
        .values("group__slug", "group__name", "group__position")
        .annotate(n=Sum("published"))
        .order_by("group__position", "group__slug")
    )
    return [
        GroupCount(r["group__slug"] or "", r["group__name"] or "", r["n"]) for r in rows if r["n"]
    ]


def list_open_calls(
    *,
    viewer: Any,
    now: datetime | None = None,
    limit: int = 10,
    observable: list[int] | None = None,
) -> list[CallForInput]:
    """Calls open now (opened, not yet closed) in processes the viewer may observe, closing
    soonest first. `observable`: the viewer's observable process ids, when the page already
    asked the door for them (`observable_process_ids`)."""
    moment = now or timezone.now()
    if observable is None:
        observable = observable_process_ids(viewer=viewer, now=moment)
    return list(
        CallForInput.objects.filter(
            process__in=observable,
            opens_at__lte=moment,
            closes_at__gt=moment,
        )
        .select_related("process__venue")
        .order_by("closes_at", "id")[:limit]
    )


def search_contributions(
    *,
    viewer: Any,
    text: str,
    limit: int = 10,
    offset: int = 0,
    processes: list[int] | None = None,
) -> list[fulltext.Found]:
    """Published contributions whose title or text matches `text` (words, "phrases"), in
    processes the viewer may observe, newest first, each with `snippet_html` (a highlighted
    excerpt of its text); a withdrawn or hidden one is never found. Bounded: the newest
    matches are ranked (roundtable/outputs/fulltext.py), whatever the number of rows."""
    if processes is None:
        processes = observable_process_ids(viewer=viewer)
    if not processes or not text.strip():
        return []
    marks = ",".join("%s" for _ in processes)
    return fulltext.found(
        CONTRIBUTION_TEXT,
        text=text,
        shown={
            "title": "t.title",
            "submitted_at": "t.submitted_at",
            "process_title": "p.title",
            "language": "t.language",
        },
        shown_join=(
            f"JOIN {CallForInput._meta.db_table} c ON c.id = t.call_id "
            f"JOIN {Process._meta.db_table} p ON p.id = c.process_id"
        ),
        join=f"JOIN {CallForInput._meta.db_table} c ON c.id = t.call_id",
        where=f"t.status = %s AND c.process_id IN ({marks})",
        params=[Contribution.Status.PUBLISHED, *processes],
        limit=limit,
        offset=offset,
        column="body",
        moments=("submitted_at",),
    )


def list_my_contributions(*, viewer: Any, limit: int = 50) -> list[Contribution]:
    """The viewer's own contributions, newest first (none for an anonymous visitor)."""
    if not getattr(viewer, "is_authenticated", False):
        return []
    return list(
        Contribution.objects.filter(author=viewer)
        .select_related("call__process__venue")
        .order_by("-submitted_at", "-id")[:limit]
    )
