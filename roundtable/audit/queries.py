"""Reading the audit trail, and checking that nobody rewrote it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models

from .chain import GENESIS, event_hash
from .models import ChainHead, Event


@dataclass(frozen=True)
class Break:
    seq: int
    event_id: int | None
    problem: str


@dataclass(frozen=True)
class Verification:
    checked: int
    first_break: Break | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


def verify_chain(*, batch_size: int = 2000) -> Verification:
    """Recompute every hash in order; report the first event whose link does not hold."""
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    for event in _iter_events(batch_size):
        if event.seq != expected_seq:
            return Verification(
                checked,
                Break(
                    expected_seq, None, f"event #{expected_seq} is missing (next is #{event.seq})"
                ),
            )
        if event.prev_hash != expected_prev:
            return Verification(
                checked,
                Break(event.seq, event.pk, "its previous-hash does not match the event before it"),
            )
        recomputed = event_hash(
            seq=event.seq,
            at=event.at,
            actor=event.actor_label,
            verb=event.verb,
            target_type=event.target_type,
            target_id=event.target_id,
            summary=event.summary,
            prev_hash=event.prev_hash,
        )
        if recomputed != event.hash:
            return Verification(
                checked,
                Break(event.seq, event.pk, "its content no longer matches its hash"),
            )
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
    head = ChainHead.objects.filter(id=1).first()
    if head is not None and head.seq != checked:
        return Verification(
            checked,
            Break(checked + 1, None, f"the chain head says {head.seq} events but {checked} remain"),
        )
    return Verification(checked, None)


def _iter_events(batch_size: int) -> Iterator[Event]:
    last = 0
    while True:
        batch = list(Event.objects.filter(seq__gt=last).order_by("seq")[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq


def list_events_for(target: models.Model) -> models.QuerySet[Event]:
    return Event.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).order_by("seq")
