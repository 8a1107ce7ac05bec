"""Heartbeats, and what happens to the task of a worker that stopped beating.

django-tasks marks a task RUNNING when a worker claims it and never looks at it again: a worker
killed by the OOM killer or a reboot leaves it RUNNING for ever, and the import or delivery it
was doing never finishes. Each `roundtable worker` therefore touches its WorkerBeat row every
ROUNDTABLE_WORKER_BEAT_SECONDS from a thread of its own, and every worker, at each beat, puts
back in the queue the RUNNING tasks whose worker has not beaten for ROUNDTABLE_WORKER_STALE_SECONDS.
A task may thus run twice after a crash, never zero times: every task here resumes or is
idempotent (imports resume their ImportRun; outbox copies are claimed one by one).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from roundtable.workers.models import WorkerBeat

logger = logging.getLogger("roundtable.workers")


def beat(worker_id: str, *, now: datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(last_seen=now)
    if not updated:
        WorkerBeat.objects.create(
            worker_id=worker_id,
            host=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=now,
            last_seen=now,
        )


def alive(*, now: datetime | None = None) -> list[WorkerBeat]:
    since = (now or timezone.now()) - timedelta(seconds=settings.ROUNDTABLE_WORKER_STALE_SECONDS)
    return list(WorkerBeat.objects.filter(last_seen__gte=since).order_by("started_at"))


def reclaim_orphans(*, now: datetime | None = None) -> list[str]:
    """Put back in the queue the RUNNING tasks of workers that stopped beating; their ids."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.ROUNDTABLE_WORKER_STALE_SECONDS)
    living = {beat.worker_id for beat in alive(now=now)}
    reclaimed = []
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING, started_at__lt=stale
        )
        for task in running:
            if task.worker_ids and task.worker_ids[-1] in living:
                continue
            task.status = TaskResultStatus.READY
            task.started_at = None
            task.save(update_fields=["status", "started_at"])
            reclaimed.append(str(task.id))
            logger.warning(
                "task %s (%s) given back: its worker %s stopped beating",
                task.id,
                task.task_path,
                task.worker_ids[-1] if task.worker_ids else "?",
            )
        # Rows of workers gone for good stay a while for monitoring, then go.
        WorkerBeat.objects.filter(last_seen__lt=now - timedelta(days=1)).delete()
    return reclaimed


def leave(worker_id: str) -> None:
    """A worker that stops cleanly says so, so it is not counted alive until it goes stale."""
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


class Heart(threading.Thread):
    """Beats (and reclaims) every ROUNDTABLE_WORKER_BEAT_SECONDS until stopped, on its own
    database connection, so a task that runs for an hour keeps its worker alive."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heart-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while True:
                close_old_connections()
                try:
                    beat(self.worker_id)
                    reclaim_orphans()
                except Exception:  # a database hiccup must not stop the heart for good
                    logger.exception("heartbeat of worker %s failed", self.worker_id)
                if self.stopping.wait(settings.ROUNDTABLE_WORKER_BEAT_SECONDS):
                    return
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=settings.ROUNDTABLE_WORKER_BEAT_SECONDS + 5)
