"""Reads about imports: the recent `ImportRun`s and the import tasks still waiting or failed.

The operator's `roundtable lists runs` and the list page's progress notice read these; the
counters are those the import writes after each batch, so they move while it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django_tasks_db.models import DBTaskResult

from .models import ImportRun, MailingList
from .tasks import import_archive

RECENT = 20


@dataclass(frozen=True)
class QueuedImport:
    """An import task as django-tasks holds it (READY, RUNNING, FAILED, SUCCESSFUL)."""

    task_id: str
    list_address: str
    paths: list[str]
    status: str
    enqueued_at: datetime
    finished_at: datetime | None


def recent_runs(*, address: str | None = None, limit: int = RECENT) -> list[ImportRun]:
    runs: QuerySet[ImportRun] = ImportRun.objects.select_related("mailing_list")
    if address:
        runs = runs.filter(mailing_list__address=address.strip().lower())
    return list(runs.order_by("-started_at", "-id")[:limit])


def running_import(mailing_list: MailingList) -> ImportRun | None:
    """The list's import under way now, if any (the newest when several are)."""
    return (
        ImportRun.objects.filter(mailing_list=mailing_list, status=ImportRun.RUNNING)
        .order_by("-id")
        .first()
    )


def any_running(*, address: str | None = None) -> bool:
    runs = ImportRun.objects.filter(status=ImportRun.RUNNING)
    if address:
        runs = runs.filter(mailing_list__address=address.strip().lower())
    return runs.exists() or any(
        q.status in {"READY", "RUNNING"} for q in queued_imports(address=address)
    )


def queued_imports(*, address: str | None = None, limit: int = RECENT) -> list[QueuedImport]:
    """The newest import tasks, each with what it was asked to import."""
    rows = DBTaskResult.objects.filter(task_path=import_archive.module_path).order_by(
        "-enqueued_at"
    )
    wanted = address.strip().lower() if address else None
    found: list[QueuedImport] = []
    for row in rows[: limit * 5 if wanted else limit]:
        args = list(row.args_kwargs.get("args", []))
        list_address, paths = (args + ["", []])[:2]
        if wanted and list_address != wanted:
            continue
        found.append(
            QueuedImport(
                task_id=str(row.id),
                list_address=str(list_address),
                paths=[str(path) for path in paths],
                status=str(row.status),
                enqueued_at=row.enqueued_at,
                finished_at=row.finished_at,
            )
        )
    return found[:limit]
