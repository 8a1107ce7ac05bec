"""What `/healthz` checks: the database answers, and the task queue is being worked.

A load balancer takes any 200 as healthy; monitoring reads the JSON. The queue counts as stalled
when a task has waited past its start time for longer than ROUNDTABLE_HEALTH_QUEUE_STALE_S: the
site still answers, but imports, mail and notifications are not going out, so it is reported
(503) instead of hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from roundtable.workers.beats import alive


@dataclass(frozen=True)
class Health:
    database: str  # "ok" or the error's class name (never its text: it may hold a DSN)
    tasks_ready: int
    tasks_running: int
    oldest_ready_s: float
    stale_after_s: int
    workers_alive: int = 0

    @property
    def ok(self) -> bool:
        return self.database == "ok" and self.oldest_ready_s <= self.stale_after_s

    def as_json(self) -> dict[str, object]:
        return {
            "status": "ok" if self.ok else "failing",
            "database": self.database,
            "tasks": {
                "ready": self.tasks_ready,
                "running": self.tasks_running,
                "oldest_ready_seconds": round(self.oldest_ready_s, 1),
                "stale_after_seconds": self.stale_after_s,
            },
            "workers": {"alive": self.workers_alive},
        }


def check_health() -> Health:
    stale_after = settings.ROUNDTABLE_HEALTH_QUEUE_STALE_S
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        now = timezone.now()
        ready = DBTaskResult.objects.ready()
        # A task without a start time waits from its enqueueing; a delayed one from its start time.
        undated = ready.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"]
        dated = ready.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"]
        oldest = min((at for at in (undated, dated) if at is not None), default=now)
        running = DBTaskResult.objects.running().count()
        waited = max(now - oldest, timedelta(0)).total_seconds()
        return Health("ok", ready.count(), running, waited, stale_after, len(alive(now=now)))
    except DatabaseError as error:
        return Health(type(error).__name__, 0, 0, 0.0, stale_after)
