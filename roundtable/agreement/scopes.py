"""Where statements and marks sit for the shared-page cache (audit/scopes.py): in their process,
so a mark renews that process's pages and leaves every other page kept."""

from __future__ import annotations

from roundtable.audit.scopes import register
from roundtable.processes.scopes import in_process, inside

from .models import Mark, Statement


def register_scopes() -> None:
    register(Statement, in_process)
    register(Mark, inside(Statement, "statement_id"))
