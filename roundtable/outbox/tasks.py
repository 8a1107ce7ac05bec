"""The delivery task and how it is kept scheduled.

`deliver_outbox` drains what is due, then enqueues itself for the next copy due (a retry after
back-off), so the queue needs nothing periodic. A copy is never lost to a missing task either:
`roundtable worker` calls `resume()` when it starts, and `roundtable outbox flush` does the same
by hand (docs/lists.md, "Outgoing mail").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from .delivery import deliver_due, next_due, recover_stale

QUEUE = "default"


@task()
def deliver_outbox() -> dict[str, Any]:
    report = deliver_due()
    if report.next_due is not None:
        schedule_delivery(report.next_due)
    return report.as_dict()


def _already_scheduled(at: datetime) -> bool:
    """A waiting delivery task that will run by `at` makes another one useless."""
    return (
        DBTaskResult.objects.filter(task_path=deliver_outbox.module_path, status="READY")
        .filter(Q(run_after=get_date_max()) | Q(run_after__lte=at))
        .exists()
    )


def schedule_delivery(at: datetime | None = None) -> None:
    """Make sure a delivery task runs at `at` (now when None). Duplicates are harmless (copies
    are claimed one worker at a time), so the check only keeps the task table small."""
    when = at or timezone.now()
    if isinstance(deliver_outbox.get_backend(), DatabaseBackend) and _already_scheduled(when):
        return
    if when <= timezone.now():
        deliver_outbox.enqueue()
    else:
        deliver_outbox.using(run_after=when).enqueue()


def resume() -> datetime | None:
    """After a restart: queue again what a dead worker held, schedule what is due."""
    recover_stale()
    due = next_due()
    if due is not None:
        schedule_delivery(due)
    return due
