"""The pruning task: it runs once an hour, then enqueues its own next run; `roundtable worker`
calls `schedule_pruning()` when it starts, so a queue that lost the task gets it back."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from roundtable.live.retention import prune
from roundtable.workers.recurring import ensure_waiting

EVERY = timedelta(hours=1)


@task()
def prune_live_events() -> int:
    deleted = prune()
    prune_live_events.using(run_after=timezone.now() + EVERY).enqueue()
    return deleted


def schedule_pruning() -> None:
    ensure_waiting(prune_live_events, timezone.now() + EVERY)
