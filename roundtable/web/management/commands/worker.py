"""`roundtable worker`: run the task workers (django-tasks, database backend).

Imports, outgoing mail and notifications are enqueued as tasks by the actions and run here,
never inside a request. Several workers may run side by side: each claims a task with a row
lock. A worker that starts first schedules again what a stopped one left (the outbox's
copies, the next digests, the upkeep of the search index and of live events), so a restart
resumes the queue; while it runs it beats, and gives back to the queue the tasks of a worker
that died running them (roundtable/workers/beats.py; docs/running.md, docs/lists.md).
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorker

from roundtable.lists.digests import schedule_digests
from roundtable.lists.tasks import schedule_search_merge
from roundtable.live.tasks import schedule_pruning
from roundtable.outbox.tasks import resume as resume_outbox
from roundtable.permissions.door import require_command
from roundtable.workers.beats import Heart, leave


class Command(DbWorker):
    help = "Run the task workers (imports, outgoing mail, notifications) until stopped."

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        resume_outbox()
        schedule_digests()
        schedule_pruning()
        schedule_search_merge()
        heart = Heart(options["worker_id"])
        heart.start()
        try:
            super().handle(*args, **options)
        finally:
            heart.stop()
            leave(heart.worker_id)
