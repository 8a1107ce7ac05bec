"""Outgoing mail for the shared-page cache (audit/scopes.py): no page an anonymous reader
sees shows the outbox, so queueing copies or a bounce on one bumps no scope."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import register, register_verb

from .models import OutgoingMessage


def shown_nowhere(row: models.Model) -> set[str]:
    return set()


def register_scopes() -> None:
    register(OutgoingMessage, shown_nowhere)
    register_verb("outbox.enqueue")
