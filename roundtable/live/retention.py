"""How long live events are kept. A stored event exists so that a viewer whose connection
dropped can resume; after a day or two nobody resumes, and a busy meeting writes thousands of
events, so the worker deletes old ones (tasks.py) and remembers how far it went: a viewer
resuming from before that point gets a `reset` event and reloads the page's whole state."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from roundtable.live.models import LiveEvent, LiveHorizon

# Deleting in slices keeps each transaction (and SQLite's write lock) short.
SLICE = 5_000


def prune(*, now: datetime | None = None, keep: timedelta | None = None) -> int:
    """Delete the events older than `keep` (ROUNDTABLE_LIVE_KEEP_HOURS); return how many."""
    if keep is None:
        keep = timedelta(hours=settings.ROUNDTABLE_LIVE_KEEP_HOURS)
    cutoff = (now or timezone.now()) - keep
    last_old = LiveEvent.objects.filter(at__lt=cutoff).aggregate(last=Max("id"))["last"]
    if last_old is None:
        return 0
    deleted = 0
    while True:
        with transaction.atomic():
            # The horizon moves first: a viewer must never find an event gone that the
            # horizon does not yet cover.
            _raise_horizon(last_old)
            ids = list(
                LiveEvent.objects.filter(id__lte=last_old)
                .order_by("id")
                .values_list("id", flat=True)[:SLICE]
            )
            if not ids:
                return deleted
            deleted += LiveEvent.objects.filter(id__in=ids).delete()[0]


def _raise_horizon(through: int) -> None:
    row, _ = LiveHorizon.objects.select_for_update().get_or_create(pk=1)
    if row.pruned_through < through:
        row.pruned_through = through
        row.save(update_fields=["pruned_through"])
