"""One row per running `roundtable worker` process, touched every few seconds while it lives."""

from __future__ import annotations

from django.db import models


class WorkerBeat(models.Model):
    # The id the worker claims tasks with (django-tasks writes it into the task's worker_ids).
    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host}:{self.pid}"
