"""Where meetings sit for the shared-page cache (audit/scopes.py): inside their process."""

from __future__ import annotations

from roundtable.audit.scopes import register
from roundtable.processes.scopes import in_process, inside

from .models import AgendaItem, FloorRequest, Intervention, Meeting, Registration


def register_scopes() -> None:
    register(Meeting, in_process)
    for model in (AgendaItem, Registration, FloorRequest, Intervention):
        register(model, inside(Meeting, "meeting_id"))
