"""Reading the audit trail, and checking that nobody rewrote it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, models

from .chain import GENESIS, KNOWN_FORMATS, event_hash
from .models import ChainHead, Event
from .rows import current_digests, current_label, labels_of, model_for


@dataclass(frozen=True)
class Break:
    seq: int
    event_id: int | None
    problem: str


@dataclass(frozen=True)
class PublishedHead:
    """A chain head exported with `roundtable audit head` and published elsewhere."""

    seq: int
    hash: str
    at: str = ""


@dataclass(frozen=True)
class RowMismatch:
    seq: int
    target_type: str
    target_id: str
    problem: str


@dataclass(frozen=True)
class Verification:
    checked: int
    first_break: Break | None
    rows_checked: int = 0
    row_mismatches: tuple[RowMismatch, ...] = ()

    @property
    def ok(self) -> bool:
        return self.first_break is None and not self.row_mismatches


def data_generation() -> int:
    """The sequence of the last event appended: every state change appends one in its own
    transaction (`record_event` bumps the head row), so an unchanged number means nothing
    changed. One indexed single-row read; the shared-page cache keys on it (web/page_cache.py)."""
    # Plain SQL: it runs before every shared page, where building an ORM query costs more than
    # the read itself.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT seq FROM {ChainHead._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def get_chain_head() -> PublishedHead:
    """The last event's sequence, hash and time: what to publish so truncation shows."""
    last = Event.objects.order_by("-seq").first()
    if last is None:
        return PublishedHead(seq=0, hash=GENESIS, at="")
    return PublishedHead(
        seq=last.seq, hash=last.hash, at=last.at.isoformat(timespec="microseconds")
    )


def verify_chain(
    *, batch_size: int = 2000, head: PublishedHead | None = None, rows: bool = True
) -> Verification:
    """Recompute every hash in order and report the first event whose link does not hold;
    then check that the published head (if given) is still in the chain, and that every row
    an event describes still has the digest its last event recorded."""
    links = _verify_links(batch_size)
    if links.first_break is not None:
        return links.verification
    if head is not None:
        brk = _check_published_head(head, links.checked)
        if brk is not None:
            return Verification(links.checked, brk)
    if not rows:
        return links.verification
    mismatches, rows_checked = _check_rows(links.last_digests)
    return Verification(links.checked, None, rows_checked, tuple(mismatches))


@dataclass
class _Links:
    verification: Verification
    last_digests: dict[tuple[str, str], tuple[int, str]]

    @property
    def checked(self) -> int:
        return self.verification.checked

    @property
    def first_break(self) -> Break | None:
        return self.verification.first_break


def _verify_links(batch_size: int) -> _Links:
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    # The last digest recorded for each (target_type, target_id) by a format-2 event.
    last: dict[tuple[str, str], tuple[int, str]] = {}

    def broken(brk: Break) -> _Links:
        return _Links(Verification(checked, brk), last)

    for event in _iter_events(batch_size):
        if event.seq != expected_seq:
            return broken(
                Break(
                    expected_seq, None, f"event #{expected_seq} is missing (next is #{event.seq})"
                )
            )
        if event.prev_hash != expected_prev:
            return broken(
                Break(event.seq, event.pk, "its previous-hash does not match the event before it")
            )
        if event.format not in KNOWN_FORMATS:
            return broken(Break(event.seq, event.pk, f"unknown hash format {event.format}"))
        recomputed = event_hash(
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
        if recomputed != event.hash:
            return broken(
                Break(
                    event.seq,
                    event.pk,
                    "its content (or its actor's account id) no longer matches its hash",
                )
            )
        if event.format >= 2 and event.row_type:
            # One key per row, whatever label the event knew its model by (rows.MOVED_MODELS).
            last[(current_label(event.row_type), event.row_id)] = (event.seq, event.row_digest)
        expected_prev = event.hash
        expected_seq += 1
        checked += 1
    head = ChainHead.objects.filter(id=1).first()
    if head is not None and head.seq != checked:
        return broken(
            Break(checked + 1, None, f"the chain head says {head.seq} events but {checked} remain")
        )
    return _Links(Verification(checked, None), last)


def _check_published_head(head: PublishedHead, checked: int) -> Break | None:
    if head.seq > checked:
        return Break(
            head.seq,
            None,
            f"the chain was truncated: the published head is event #{head.seq} "
            f"but the chain ends at #{checked}",
        )
    if head.seq == 0:
        return None
    event = Event.objects.filter(seq=head.seq).first()
    if event is None or event.hash != head.hash:
        return Break(
            head.seq,
            event.pk if event is not None else None,
            "it does not match the published head (the chain was rewritten from there)",
        )
    return None


def _check_rows(
    last: dict[tuple[str, str], tuple[int, str]],
) -> tuple[list[RowMismatch], int]:
    by_type: dict[str, dict[str, tuple[int, str]]] = {}
    for (target_type, target_id), recorded in last.items():
        by_type.setdefault(target_type, {})[target_id] = recorded
    mismatches: list[RowMismatch] = []
    rows_checked = 0
    for target_type, targets in sorted(by_type.items()):
        model = model_for(target_type)
        if model is None:
            continue
        with_digest = {tid: rec for tid, rec in targets.items() if rec[1]}
        current = current_digests(model, with_digest)
        for target_id, (seq, digest) in with_digest.items():
            rows_checked += 1
            now = current.get(target_id)
            if now is None:
                problem = "the row it describes was deleted without an event"
            elif now != digest:
                problem = "the row it describes was changed without an event"
            else:
                continue
            mismatches.append(RowMismatch(seq, target_type, target_id, problem))
    mismatches.sort(key=lambda m: m.seq)
    return mismatches, rows_checked


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
        target_type__in=labels_of(type(target)), target_id=str(target.pk)
    ).order_by("seq")
