"""Imports as tasks: `roundtable lists import --background` queues one, `roundtable worker`
runs it (docs/lists.md, "Imports in the background"). And the search index's upkeep: its
pending list merged every few minutes (`merge_search_index`).

The task receives only what the operator typed on the server: the list's address, the paths
(resolved to absolute server paths when queued, so the worker's directory does not matter) and
the label that names who asked. It reads no request. Its progress is the `ImportRun` it writes,
so `roundtable lists runs` and the list page show it as it goes; a worker killed in the middle
leaves a running `ImportRun` that the same import, queued again, resumes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from roundtable.audit.actions import record_event
from roundtable.mail import readers
from roundtable.permissions.actor import Actor
from roundtable.workers.recurring import ensure_waiting

from . import search
from .actions import do_import_archive

#: How often the worker merges the search index's pending list (PostgreSQL): new messages
#: between imports land there, and every lookup reads it whole (search.merge_pending).
MERGE_EVERY = timedelta(minutes=5)


@task()
def import_archive(
    list_address: str, paths: list[str], actor_label: str, workers: int | None = 0
) -> dict[str, Any]:
    result = do_import_archive(
        actor=Actor.operator(actor_label),
        list_address=list_address,
        paths=paths,
        workers=workers,
    )
    return {**result.as_dict(), "run_id": result.run_id, "resumed": result.resumed}


def server_paths(paths: Sequence[str]) -> list[str]:
    """The paths as the worker will read them; FileNotFoundError when nothing is there now."""
    if not any(True for _ in readers.expand(paths)):
        raise FileNotFoundError(f"nothing to import at {', '.join(paths)}")
    return [str(Path(path).expanduser().absolute()) for path in paths]


def do_queue_import(
    *, actor: Actor, list_address: str, paths: Sequence[str], workers: int | None = 0
) -> str:
    """Queue an import; returns the task's id. The task row and its audit event are written in
    one transaction, so a worker sees the task only once both are there."""
    absolute = server_paths(paths)
    address = list_address.strip().lower()
    with transaction.atomic():
        queued = import_archive.enqueue(address, absolute, actor.audit_label(), workers)
        record_event(
            actor=actor,
            verb="lists.import_queued",
            summary={"address": address, "paths": absolute, "task": str(queued.id)},
        )
    return str(queued.id)


@task()
def merge_search_index() -> None:
    """Merge the pending list, then enqueue the next run: live posting between imports would
    otherwise leave up to 4 MB of it for every search to read until autovacuum (docs/lists.md,
    "Search"). SQLite: nothing to merge, the task only keeps its turn."""
    search.merge_pending()
    merge_search_index.using(run_after=timezone.now() + MERGE_EVERY).enqueue()


def schedule_search_merge() -> None:
    """`roundtable worker` calls it when it starts: a queue that lost the task gets it back,
    and one that has it waiting gets no second one."""
    ensure_waiting(merge_search_index, timezone.now() + MERGE_EVERY)
