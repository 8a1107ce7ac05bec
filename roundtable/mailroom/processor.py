"""Working through the spool: every pending `InboundMail`, oldest first. Posts to one list are
archived together (one transaction, one rethreading) and marked done in that transaction, so a
crash at any point leaves each message either pending (done again on restart) or archived.
Held posts enter the moderation queue; replies, commands, confirmations and bounces are
handled one by one. A message that fails is marked failed with the reason, never retried in a
loop."""

from __future__ import annotations

import logging
from collections import defaultdict
from email.parser import BytesParser
from email.policy import compat32

from django.db import close_old_connections, transaction
from django.utils import timezone

from roundtable.lists import notices
from roundtable.lists.live import deliver_posts, do_archive_messages
from roundtable.lists.models import MailingList
from roundtable.lists.moderation import do_hold_post

from . import commands, replies
from .intake import ACTOR, BOUNCE, COMMAND, CONFIRM, HOLD, POST, REPLY, route
from .models import InboundMail

log = logging.getLogger(__name__)
BATCH = 200


def _subject(raw: bytes) -> str:
    try:
        parsed = BytesParser(policy=compat32).parsebytes(raw, headersonly=True)
        return str(parsed.get("Subject", "") or "")[:1000]
    except Exception:  # noqa: BLE001 - malformed headers: held with an empty subject
        return ""


def _finish(item: InboundMail, status: str, outcome: str) -> None:
    InboundMail.objects.filter(pk=item.pk).update(
        status=status, outcome=outcome[:2000], processed_at=timezone.now()
    )


def process_pending(limit: int = BATCH) -> int:
    """Handle up to `limit` pending messages; how many were handled."""
    close_old_connections()
    pending = list(InboundMail.objects.filter(status=InboundMail.PENDING).order_by("id")[:limit])
    posts: dict[int, list[InboundMail]] = defaultdict(list)
    lists: dict[int, MailingList] = {}
    for item in pending:
        where = route(item.recipient)
        if item.kind == POST and where is not None and where.mailing_list is not None:
            posts[where.mailing_list.pk].append(item)
            lists[where.mailing_list.pk] = where.mailing_list
            continue
        try:
            with transaction.atomic():
                outcome = _one(item)
                _finish(item, InboundMail.DONE, outcome)
        except Exception as exc:  # noqa: BLE001 - one bad message must not stop the others
            log.exception("inbound mail %s failed", item.pk)
            _finish(item, InboundMail.FAILED, f"{type(exc).__name__}: {exc}")
    for list_pk, items in posts.items():
        _archive(lists[list_pk], items)
    return len(pending)


def _archive(mailing_list: MailingList, items: list[InboundMail]) -> None:
    try:
        with transaction.atomic():
            archived = do_archive_messages(
                actor=ACTOR,
                mailing_list=mailing_list,
                raws=[(item.pk, bytes(item.raw)) for item in items],
            )
            deliver_posts(actor=ACTOR, message_ids=archived.message_ids)
            for item, pk in zip(items, archived.message_ids, strict=True):
                _finish(
                    item, InboundMail.DONE, f"message {pk}" if pk else "duplicate or quarantined"
                )
    except Exception:  # noqa: BLE001 - retry one by one, so one bad message fails alone
        if len(items) == 1:
            log.exception("inbound mail %s failed", items[0].pk)
            _finish(items[0], InboundMail.FAILED, "could not be archived")
            return
        for item in items:
            _archive(mailing_list, [item])
        return


def _one(item: InboundMail) -> str:
    where = route(item.recipient)
    raw = bytes(item.raw)
    if item.kind == HOLD and where is not None and where.mailing_list is not None:
        held = do_hold_post(actor=ACTOR, mailing_list=where.mailing_list, raw=raw,
                            sender=item.sender, subject=_subject(raw), rule=item.outcome)  # fmt: skip
        notices.tell_held(ACTOR, held)
        return f"held {held.pk}"
    if item.kind == REPLY and where is not None:
        return replies.apply(where.token, raw)
    if item.kind == COMMAND and where is not None and where.mailing_list is not None:
        return commands.run_command(where.mailing_list, where.command, item.sender, raw)
    if item.kind == CONFIRM and where is not None:
        return commands.confirm(where.token)
    if item.kind == BOUNCE:
        return commands.bounce(item.recipient, raw)
    return "no longer routable"
