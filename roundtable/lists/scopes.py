"""Where a mailing list's rows sit for the shared-page cache (audit/scopes.py). A list is
its own scope: no process or venue page reads its messages."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import LIST, register, scope

from .models import HeldMessage, MailingList, Message, Subscription, Thread


def list_row(row: models.Model) -> set[str]:
    return {scope(LIST, row.pk)}


def in_list(row: models.Model) -> set[str] | None:
    list_id = getattr(row, "mailing_list_id", None)
    return None if list_id is None else {scope(LIST, list_id)}


def register_scopes() -> None:
    register(MailingList, list_row)
    for model in (Message, Thread, Subscription, HeldMessage):
        register(model, in_list)
