"""Where calls and contributions sit for the shared-page cache (audit/scopes.py)."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import register
from roundtable.processes.scopes import in_process, inside

from .models import CallExtension, CallForInput, Comment, Contribution

in_call = inside(CallForInput, "call_id")


def comment_row(row: models.Model) -> set[str] | None:
    assert isinstance(row, Comment)  # noqa: S101 -- registered for comments only
    found = Contribution.objects.filter(pk=row.contribution_id).first()
    return None if found is None else in_call(found)


def register_scopes() -> None:
    register(CallForInput, in_process)
    register(Contribution, in_call)
    register(CallExtension, in_call)
    register(Comment, comment_row)
