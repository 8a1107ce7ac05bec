"""Recurring tasks: each run enqueues its own next one, and a worker that starts makes sure one
is waiting (a queue that lost it gets it back; one that has it gets no second). Used by the live
events' pruning, the daily digests and the search index's upkeep."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django_tasks_db.models import DBTaskResult, get_date_max


def ensure_waiting(task: Any, run_after: datetime) -> None:
    """Enqueue `task` to run at `run_after` unless a run of it is already waiting with a time
    (due or to come: a due one runs and enqueues its next itself, so a second would make two
    chains). A run queued without a time (`get_date_max`) is not a recurring turn."""
    waiting = DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exclude(
        run_after=get_date_max()
    )
    if not waiting.exists():
        task.using(run_after=run_after).enqueue()
