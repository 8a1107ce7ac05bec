"""Appending to the audit trail. Every action calls `record_event` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .chain import GENESIS, event_hash
from .models import ChainHead, Event

SYSTEM = "system"


def _actor_label(actor: Any) -> str:
    if actor is None:
        return SYSTEM
    if isinstance(actor, str):
        return actor
    return actor.get_username() or f"user:{actor.pk}"


def record_event(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    summary: dict[str, Any] | str = "",
) -> Event:
    """Append one event. `actor` is a user, None for the system, or a label (e.g. a command)."""
    with transaction.atomic():
        head, _created = ChainHead.objects.select_for_update().get_or_create(
            id=1, defaults={"seq": 0, "hash": GENESIS}
        )
        event = Event(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor if actor is not None and not isinstance(actor, str) else None,
            actor_label=_actor_label(actor),
            verb=verb,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            summary=summary if isinstance(summary, dict) else {"text": summary},
            prev_hash=head.hash,
        )
        event.hash = event_hash(
            seq=event.seq,
            at=event.at,
            actor=event.actor_label,
            verb=event.verb,
            target_type=event.target_type,
            target_id=event.target_id,
            summary=event.summary,
            prev_hash=event.prev_hash,
        )
        event.save()
        ChainHead.objects.filter(id=1).update(seq=event.seq, hash=event.hash)
        return event
