"""The per-call, per-group contribution counts (`CallGroupTally`), kept as contributions
arrive or change status, in the same transaction, so the call and process pages read a handful
of counter rows instead of counting a call's contributions on every request."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Q

from .models import CallGroupTally, Contribution


def add(call_id: int, group_id: int | None, *, contributions: int, published: int) -> None:
    """Move the counters of (call, group) by these amounts (negative to take away)."""
    if not contributions and not published:
        return
    rows = CallGroupTally.objects.filter(call_id=call_id, group_id=group_id)
    with transaction.atomic():
        if not rows.update(
            contributions=F("contributions") + contributions, published=F("published") + published
        ):
            CallGroupTally.objects.get_or_create(call_id=call_id, group_id=group_id)
            rows.update(
                contributions=F("contributions") + contributions,
                published=F("published") + published,
            )


def added(rows: Iterable[Contribution]) -> None:
    """Count contributions just created (one counter update per call and group)."""
    everything: Counter[tuple[int, int | None]] = Counter()
    shown: Counter[tuple[int, int | None]] = Counter()
    for row in rows:
        everything[row.call_id, row.group_id] += 1
        shown[row.call_id, row.group_id] += row.status == Contribution.Status.PUBLISHED
    for (call_id, group_id), n in sorted(everything.items(), key=str):
        add(call_id, group_id, contributions=n, published=shown[call_id, group_id])


def unpublished(row: Contribution) -> None:
    """A published contribution was withdrawn or hidden: one fewer published."""
    add(row.call_id, row.group_id, contributions=0, published=-1)


def recount(call_ids: Iterable[int] | None = None) -> None:
    """Count again from the rows (all calls, or these): for data written around the actions
    (the migration that introduced the counters, the scale generator)."""
    contributions = Contribution.objects.all()
    tallies = CallGroupTally.objects.all()
    if call_ids is not None:
        wanted = list(call_ids)
        contributions = contributions.filter(call_id__in=wanted)
        tallies = tallies.filter(call_id__in=wanted)
    counted = (
        contributions.values("call_id", "group_id")
        .annotate(n=Count("id"), shown=Count("id", filter=Q(status=Contribution.Status.PUBLISHED)))
        .order_by("call_id", "group_id")
    )
    with transaction.atomic():
        tallies.delete()
        CallGroupTally.objects.bulk_create(
            CallGroupTally(
                call_id=r["call_id"], group_id=r["group_id"], contributions=r["n"],
                published=r["shown"],
            )
            for r in counted
        )  # fmt: skip
