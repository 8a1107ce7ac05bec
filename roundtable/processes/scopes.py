"""Where a process's rows sit for the shared-page cache (audit/scopes.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from roundtable.audit.scopes import PROCESS, PROCESS_SELF, VENUE, register, scope

from .models import Phase, Process


def under_process(process_id: int) -> set[str] | None:
    """A row inside a process (a call, a contribution, a document): the process's subtree and
    its venue's; None (so: the whole site) where the process is gone."""
    venue_id = Process.objects.filter(pk=process_id).values_list("venue_id", flat=True).first()
    if venue_id is None:
        return None
    return {scope(PROCESS, process_id), scope(VENUE, venue_id)}


def in_process(row: models.Model) -> set[str] | None:
    """A row with its own `process_id` (a call, a document, an adoption, a meeting)."""
    process_id: int | None = getattr(row, "process_id", None)
    return None if process_id is None else under_process(process_id)


def inside(parent: type[models.Model], field: str) -> Callable[[models.Model], set[str] | None]:
    """The mapper of rows inside a `parent` that sits in a process (a contribution inside its
    call, a vote inside its adoption), found by the row's `field`, the parent's id."""

    def mapper(row: models.Model) -> set[str] | None:
        parent_id: int | None = getattr(row, field, None)
        if parent_id is None:
            return None
        found = parent._default_manager.filter(pk=parent_id).values_list("process_id", flat=True)
        process_id = found.first()
        return None if process_id is None else under_process(process_id)

    return mapper


def process_row(row: models.Model) -> set[str]:
    assert isinstance(row, Process)  # noqa: S101 -- registered for Process only
    # Its own row (modality, state, title) is read by every page in it and by its lists.
    return {
        scope(PROCESS_SELF, row.pk),
        scope(PROCESS, row.pk),
        scope(VENUE, row.venue_id),
    }


def process_history(row: models.Model) -> set[str]:
    assert isinstance(row, Process)  # noqa: S101 -- registered for Process only
    # Its history (list_history) shows on the process page, inside the subtree; an event that
    # names another row (a contribution, a comment) leaves the process's own row as it was.
    return {scope(PROCESS, row.pk), scope(VENUE, row.venue_id)}


def phase_row(row: models.Model) -> set[str] | None:
    assert isinstance(row, Phase)  # noqa: S101 -- registered for Phase only
    found = under_process(row.process_id)
    return None if found is None else found | {scope(PROCESS_SELF, row.process_id)}


def register_scopes() -> None:
    register(Process, process_row, history=process_history)
    register(Phase, phase_row)
