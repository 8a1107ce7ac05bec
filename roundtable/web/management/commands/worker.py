"""`roundtable worker`: run the task workers (django-tasks, database backend).

Imports, outgoing mail and notifications are enqueued as tasks by the actions and run here,
never inside a request. Several workers may run side by side: each claims a task with a row
lock, and a task left by a worker that died is picked up again (see docs/running.md).
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorker

from roundtable.permissions.door import require_command


class Command(DbWorker):
    help = "Run the task workers (imports, outgoing mail, notifications) until stopped."

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        super().handle(*args, **options)
