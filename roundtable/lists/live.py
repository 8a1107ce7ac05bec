"""Archiving mail as it arrives (by LMTP, or a held post once approved): the same pipeline as
an import (parse, normalise, split; the same limits, the same quarantine with reason and
bytes), stored through the same batch writer, under one standing import run per list
(`LIVE_SIGNATURE`) whose counts add up what came in live; then the list is threaded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from roundtable.audit.actions import record_event
from roundtable.mail import pipeline
from roundtable.mail.records import ParsedMessage, RawMessage
from roundtable.permissions.actor import Actor

from . import threading
from .actions import import_limits
from .delivery import enqueue_list_delivery
from .models import ImportRun, MailingList, Message
from .storing import store_batches

LIVE_SIGNATURE = "live"
LIVE_SOURCE = "lmtp"


@dataclass(frozen=True)
class Archived:
    """What became of the messages given: the new archive rows (by primary key, in the order
    given; None where a message was a duplicate or was quarantined) and the counts."""

    message_ids: list[int | None]
    stored: int
    duplicates: int
    quarantined: int


def live_run(mailing_list: MailingList) -> ImportRun:
    run, _created = ImportRun.objects.get_or_create(
        mailing_list=mailing_list,
        signature=LIVE_SIGNATURE,
        defaults={"sources": [[LIVE_SOURCE, "lmtp"]], "actor_label": LIVE_SOURCE},
    )
    return run


def raw_message(data: bytes, index: int, cap: int) -> RawMessage:
    """A received message as the pipeline takes it, cut at the message limit as an import
    cuts it (the real size is recorded, and the message says how much was dropped)."""
    if len(data) > cap:
        return RawMessage(data=data[:cap], source=LIVE_SOURCE, index=index, format="eml",
                          size=len(data))  # fmt: skip
    return RawMessage(data=data, source=LIVE_SOURCE, index=index, format="eml")


def do_archive_messages(
    *, actor: Actor, mailing_list: MailingList, raws: Sequence[tuple[int, bytes]]
) -> Archived:
    """Archive received messages (`(index, bytes)`: the index names the spool row) and thread
    the list again; one audit event for the lot."""
    limits = import_limits()
    prepared = pipeline.prepare(
        [raw_message(data, index, limits.message_bytes) for index, data in raws],
        tuple(mailing_list.footers),
        limits,
    )
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=live_run(mailing_list).pk)
        before = (run.stored, run.duplicates, run.quarantined)
        store_batches(run, mailing_list, iter([(0, 0, prepared, LIVE_SOURCE)]))
        stored = run.stored - before[0]
        duplicates = run.duplicates - before[1]
        quarantined = run.quarantined - before[2]
        ids: list[int | None] = []
        for item in prepared:
            message = item.message
            if not isinstance(message, ParsedMessage):
                ids.append(None)
                continue
            found = (
                Message.objects.filter(
                    mailing_list=mailing_list,
                    message_id=message.message_id,
                    content_hash=message.content_hash,
                    source=LIVE_SOURCE,
                    source_index=message.index,
                )
                .values_list("pk", flat=True)
                .first()
            )
            ids.append(found)
        threads = threading.rethread(mailing_list)
        run.threads = threads
        run.save(update_fields=["threads"])
        record_event(
            actor=actor,
            verb="lists.receive",
            target=mailing_list,
            summary={
                "received": len(raws),
                "stored": stored,
                "duplicates": duplicates,
                "quarantined": quarantined,
            },
        )
    return Archived(ids, stored, duplicates, quarantined)


def deliver_posts(*, actor: Actor, message_ids: Sequence[int | None]) -> int:
    """Queue newly archived posts for the members (in the caller's transaction, so nothing
    goes out for a post that is not archived); duplicates and quarantined mail (None) are not
    sent. Returns the copies queued."""
    return sum(
        enqueue_list_delivery(actor=actor, message_id=pk) for pk in message_ids if pk is not None
    )
