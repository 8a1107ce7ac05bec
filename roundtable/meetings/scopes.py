"""Where meetings sit for the shared-page cache (audit/scopes.py): inside their process."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import register
from roundtable.processes.scopes import under_process

from .models import AgendaItem, FloorRequest, Intervention, Meeting, Registration


def meeting_row(row: models.Model) -> set[str] | None:
    assert isinstance(row, Meeting)  # noqa: S101 -- registered for meetings only
    return under_process(row.process_id)


def in_meeting(row: models.Model) -> set[str] | None:
    meeting_id: int | None = getattr(row, "meeting_id", None)
    if meeting_id is None:
        return None
    found = Meeting.objects.filter(pk=meeting_id).values_list("process_id", flat=True).first()
    return None if found is None else under_process(found)


def register_scopes() -> None:
    register(Meeting, meeting_row)
    for model in (AgendaItem, Registration, FloorRequest, Intervention):
        register(model, in_meeting)
