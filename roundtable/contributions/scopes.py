"""Where calls and contributions sit for the shared-page cache (audit/scopes.py)."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import register
from roundtable.processes.scopes import under_process

from .models import CallExtension, CallForInput, Comment, Contribution


def call_row(row: models.Model) -> set[str] | None:
    assert isinstance(row, CallForInput)  # noqa: S101 -- registered for calls only
    return under_process(row.process_id)


def in_call(row: models.Model) -> set[str] | None:
    call_id: int | None = getattr(row, "call_id", None)
    if call_id is None:
        return None
    process_id = CallForInput.objects.filter(pk=call_id).values_list("process_id", flat=True)
    found = process_id.first()
    return None if found is None else under_process(found)


def comment_row(row: models.Model) -> set[str] | None:
    assert isinstance(row, Comment)  # noqa: S101 -- registered for comments only
    found = Contribution.objects.filter(pk=row.contribution_id).first()
    return None if found is None else in_call(found)


def register_scopes() -> None:
    register(CallForInput, call_row)
    register(Contribution, in_call)
    register(CallExtension, in_call)
    register(Comment, comment_row)
