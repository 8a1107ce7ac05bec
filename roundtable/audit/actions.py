"""Appending to the audit trail. Every action calls `record_event` inside its transaction."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from django.db import models, transaction
from django.utils import timezone

from .chain import CURRENT_FORMAT, GENESIS, event_hash
from .models import ChainHead, Event
from .rows import digest_of
from .scopes import bump, scopes_of_event

SYSTEM = "system"


@runtime_checkable
class Acting(Protocol):
    """Who acted, as the trail needs it: an account (or None) and a label when none acts.
    `roundtable.permissions.actor.Actor` is one; the trail does not import the door."""

    user: Any

    def audit_label(self) -> str: ...


def _account(actor: Any) -> Any:
    if isinstance(actor, Acting):
        return actor.user
    return actor if actor is not None and not isinstance(actor, str) else None


def _actor_label(actor: Any) -> str:
    if isinstance(actor, Acting):
        if actor.user is None:
            return actor.audit_label()
        actor = actor.user
    if actor is None:
        return SYSTEM
    if isinstance(actor, str):
        return actor
    # A person is a pseudonym here, never their address: the label is hashed into the chain and
    # cannot be erased later, while the account row (and its address) can (withdrawal.py).
    return f"user:{actor.pk}"


def record_event(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    summary: dict[str, Any] | str = "",
    row: models.Model | None = None,
) -> Event:
    """Append one event. `actor` is an Actor, a user, None for the system, or a label (e.g. a
    command).

    The event's hash covers the actor's account id and the digest of the target's row as stored
    now, so `roundtable audit verify` can tell when a row was changed behind the trail's back.
    `row` is the row the event describes when it is not the target itself (a vote, whose
    event belongs to the adoption's history). Call it after saving that row.
    """
    with transaction.atomic():
        head, _created = ChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"seq": 0, "hash": GENESIS}
        )
        event = Event(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=_account(actor),
            actor_label=_actor_label(actor),
            verb=verb,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            summary=summary if isinstance(summary, dict) else {"text": summary},
            prev_hash=head.hash,
            format=CURRENT_FORMAT,
        )
        described = row if row is not None else target
        if described is not None and described.pk is not None:
            event.row_type = described._meta.label_lower
            event.row_id = str(described.pk)
            event.row_digest = digest_of(described)
        append(event)
        bump(scopes_of_event(target, row, verb), event.seq)
        return event


def append(event: Event) -> None:
    """Seal `event` (its hash over its fields and the previous hash) and make it the chain's
    head. Call inside a transaction that holds the head row."""
    event.hash = event_hash(
        seq=event.seq,
        at=event.at,
        actor=event.actor_label,
        verb=event.verb,
        target_type=event.target_type,
        target_id=event.target_id,
        summary=event.summary,
        prev_hash=event.prev_hash,
        format=event.format,
        actor_id=event.actor_id,
        row_type=event.row_type,
        row_id=event.row_id,
        row_digest=event.row_digest,
    )
    event.save()
    ChainHead.objects.filter(id=1).update(seq=event.seq, hash=event.hash)
