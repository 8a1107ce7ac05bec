"""Writes of the outbox: queue copies of a message, in the caller's transaction.

Callers (the lists' delivery, digests, notices) have asked the door already for what they send;
queueing is their consequence, so there is no `check_` here. The delivery task is enqueued on
commit: a rolled-back transaction sends nothing, and a committed one always gets a worker.
"""

from __future__ import annotations

import email.policy
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from django.db import transaction
from django.utils import timezone

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor

from . import verp
from .models import OutgoingMessage
from .tasks import schedule_delivery


@dataclass(frozen=True)
class Copy:
    """One recipient's copy: its own bytes (list headers differ per member) and what it is
    for (`reference`, e.g. "lists.subscription:12", charged when it bounces)."""

    recipient: str
    raw: bytes
    reference: str = ""


def message_bytes(message: EmailMessage) -> bytes:
    """The wire form: CRLF line ends, headers folded for SMTP."""
    return message.as_bytes(policy=email.policy.SMTP)


def enqueue_mail(*, actor: Actor, to: list[str], message: EmailMessage, purpose: str) -> list[int]:
    """Queue one copy of `message` per address in `to`; returns the copies' ids."""
    raw = message_bytes(message)
    return enqueue_copies(
        actor=actor, copies=[Copy(recipient=address, raw=raw) for address in to], purpose=purpose
    )


def enqueue_copies(*, actor: Actor, copies: Sequence[Copy], purpose: str) -> list[int]:
    """Queue prepared copies (one row each, VERP return path by id); returns their ids."""
    if not copies:
        return []
    now = timezone.now()
    with transaction.atomic():
        rows = OutgoingMessage.objects.bulk_create(
            [
                OutgoingMessage(
                    recipient=copy.recipient.strip(),
                    raw=copy.raw,
                    reference=copy.reference,
                    purpose=purpose,
                    next_attempt_at=now,
                    created_at=now,
                )
                for copy in copies
            ],
            batch_size=500,
        )
        ids = [row.pk for row in rows]
        if any(pk is None for pk in ids):
            # A backend that returns no ids from a bulk insert: read them back, in order.
            ids = list(
                OutgoingMessage.objects.filter(created_at=now, purpose=purpose)
                .order_by("id")
                .values_list("id", flat=True)
            )[-len(copies) :]
        for row, pk in zip(rows, ids, strict=True):
            row.pk = pk
            row.envelope_sender = verp.return_path(pk)
        OutgoingMessage.objects.bulk_update(rows, ["envelope_sender"], batch_size=500)
        record_event(
            actor=actor,
            verb="outbox.enqueue",
            summary={"purpose": purpose, "copies": len(ids), "first": ids[0], "last": ids[-1]},
        )
        transaction.on_commit(schedule_delivery)
    return ids
