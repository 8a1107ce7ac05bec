"""Where a mailing list's rows sit for the shared-page cache (audit/scopes.py). A list is
its own scope: no process or venue page reads its messages."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import LIST, LIST_MEMBERS, register, scope

from .models import HeldMessage, MailingList, Message, Subscription, Thread


def list_row(row: models.Model) -> set[str]:
    return {scope(LIST, row.pk)}


def list_history(row: models.Model) -> set[str]:
    # The list's own history (who joined, what was held) is on no page an anonymous reader
    # sees; events naming another row (a subscription, a held message) are placed by it.
    return {scope(LIST_MEMBERS, row.pk)}


def in_list(row: models.Model) -> set[str] | None:
    list_id = getattr(row, "mailing_list_id", None)
    return None if list_id is None else {scope(LIST, list_id)}


def members_of(row: models.Model) -> set[str] | None:
    # Members show only on the members page and to moderators, never in a shared page (the
    # archive is open: list_modality), so joining or leaving keeps the archive pages.
    list_id = getattr(row, "mailing_list_id", None)
    return None if list_id is None else {scope(LIST_MEMBERS, list_id)}


def register_scopes() -> None:
    register(MailingList, list_row, history=list_history)
    for model in (Message, Thread, HeldMessage):
        register(model, in_list)
    register(Subscription, members_of)
