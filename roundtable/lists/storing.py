"""Storing a prepared batch of an import, in one transaction: its new messages (one
executemany), their attachments and search-index rows, its quarantined messages, and the
run's counts and position (see the module doc of `actions.py`).

A message already held (same Message-ID, same content) is a duplicate; the same Message-ID
with other content is stored too, flagged on both sides (`conflicting_id`), under a permalink
key that also hashes its content.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction

from roundtable.mail.pipeline import Prepared
from roundtable.mail.records import Attachment as AttachmentRecord
from roundtable.mail.records import ParsedMessage, Quarantined

from . import search
from .activity import month_of, recount_months
from .batches import PreparedBatch
from .models import Attachment, ImportRun, MailingList, Message, QuarantinedMessage


def message_key(message_id: str, content_hash: str | None = None) -> str:
    """The permalink key: a hash of the Message-ID (and, for a flagged variant, its content)."""
    seed = message_id if content_hash is None else f"{message_id}\n{content_hash}"
    return hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def store_batches(
    run: ImportRun,
    mailing_list: MailingList,
    batches: Iterator[PreparedBatch],
) -> None:
    for number, position, prepared, _path in batches:
        _store_batch(run, mailing_list, prepared, number, position)
        del prepared  # not held while the next batch is prepared


def _store_batch(
    run: ImportRun,
    mailing_list: MailingList,
    batch: list[Prepared],
    number: int,
    position: int,
) -> None:
    source_position, message_position = number, position
    parsed = [(p.message, p.own_text) for p in batch if isinstance(p.message, ParsedMessage)]
    held = [p.message for p in batch if isinstance(p.message, Quarantined)]
    stored = duplicates = quarantined = 0
    with transaction.atomic():
        known: dict[str, set[str]] = defaultdict(set)
        ids = sorted({item.message_id for item, _own in parsed})
        for start in range(0, len(ids), 500):
            rows = Message.objects.filter(
                mailing_list=mailing_list, message_id__in=ids[start : start + 500]
            ).values_list("message_id", "content_hash")
            for message_id, content_hash in rows:
                known[message_id].add(content_hash)
        new: list[dict[str, Any]] = []
        new_attachments: list[tuple[str, AttachmentRecord]] = []
        conflicted: set[str] = set()
        for item, own in parsed:
            hashes = known[item.message_id]
            if item.content_hash in hashes:
                duplicates += 1
                continue
            conflict = bool(hashes)
            if conflict:
                conflicted.add(item.message_id)
            hashes.add(item.content_hash)
            key = message_key(item.message_id, item.content_hash if conflict else None)
            new.append(
                {
                    "mailing_list_id": mailing_list.pk,
                    "key": key,
                    "message_id": item.message_id,
                    "message_id_generated": item.message_id_generated,
                    "conflicting_id": conflict,
                    "content_hash": item.content_hash,
                    "subject": item.subject,
                    "from_name": item.from_name[:300],
                    "from_addr": item.from_addr[:300],
                    "date": item.date,
                    "date_source": item.date_source,
                    "references": list(item.references),
                    "parent_message_id": "",
                    "depth": 0,
                    "position": 0,
                    "text": item.text,
                    "own_text": own,
                    "html": item.html,
                    "raw": item.raw,
                    "source": item.source,
                    "source_index": item.index,
                    "notes": list(item.notes),
                }
            )
            for attachment in item.attachments:
                new_attachments.append((key, attachment))
        if new:
            touched = {month_of(row["date"]) for row in new}
            pks = _insert_messages(mailing_list, new)
            recount_months(mailing_list, touched)
            stored = len(new)
            if new_attachments:
                _store_attachments(pks, new_attachments)
            search.index_rows(
                [
                    (
                        pks[row["key"]],
                        row["subject"],
                        row["from_name"],
                        row["from_addr"],
                        row["own_text"],
                    )
                    for row in new
                ]
            )
        if conflicted:
            Message.objects.filter(
                mailing_list=mailing_list, message_id__in=sorted(conflicted)
            ).update(conflicting_id=True)
        if held:
            held_duplicates, quarantined = _store_quarantined(mailing_list, held)
            duplicates += held_duplicates
        run.read += len(batch)
        run.stored += stored
        run.duplicates += duplicates
        run.quarantined += quarantined
        run.source_position = source_position
        run.message_position = message_position
        run.save(
            update_fields=[
                "read", "stored", "duplicates", "quarantined", "source_position",
                "message_position",
            ]
        )  # fmt: skip


def _store_attachments(
    pks: dict[str, int], attachments: list[tuple[str, AttachmentRecord]]
) -> None:
    """The attachments of the new messages (by permalink key), numbered within each message."""
    numbers: Counter[int] = Counter()
    rows_to_create = []
    for key, attachment in attachments:
        numbers[pks[key]] += 1
        rows_to_create.append(
            Attachment(
                message_id=pks[key],
                number=numbers[pks[key]],
                filename=attachment.filename[:300],
                content_type=attachment.content_type[:200],
                size=attachment.size,
                data=attachment.data,
                truncated=attachment.truncated,
                url=attachment.url,
            )
        )
    Attachment.objects.bulk_create(rows_to_create, batch_size=500)


def _store_quarantined(mailing_list: MailingList, held: list[Quarantined]) -> tuple[int, int]:
    """Quarantine the messages that could not be parsed, once per raw content; returns
    (duplicates, quarantined)."""
    hashes_seen = {hashlib.sha256(item.raw).hexdigest(): item for item in held}
    existing = set(
        QuarantinedMessage.objects.filter(
            mailing_list=mailing_list, raw_hash__in=list(hashes_seen)
        ).values_list("raw_hash", flat=True)
    )
    duplicates = quarantined = 0
    fresh: list[QuarantinedMessage] = []
    for item in held:
        raw_hash = hashlib.sha256(item.raw).hexdigest()
        if raw_hash in existing:
            duplicates += 1
            continue
        existing.add(raw_hash)
        quarantined += 1
        fresh.append(
            QuarantinedMessage(
                mailing_list=mailing_list,
                raw_hash=raw_hash,
                reason=item.reason,
                raw=item.raw,
                source=item.source,
                source_index=item.index,
            )
        )
    QuarantinedMessage.objects.bulk_create(fresh)
    return duplicates, quarantined


MESSAGE_COLUMNS = (
    "mailing_list_id", "key", "message_id", "message_id_generated", "conflicting_id",
    "content_hash", "subject", "from_name", "from_addr", "date", "date_source", "references",
    "parent_message_id", "depth", "position", "text", "own_text", "html", "raw", "source",
    "source_index", "notes",
)  # fmt: skip


def _insert_messages(mailing_list: MailingList, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert with one executemany (Django's bulk_create spends most of an import preparing
    each field of each row); returns the primary keys by permalink key."""
    meta = Message._meta
    json_fields = {"references": meta.get_field("references"), "notes": meta.get_field("notes")}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in MESSAGE_COLUMNS)
    marks = ", ".join(["%s"] * len(MESSAGE_COLUMNS))
    adapt_datetime = connection.ops.adapt_datetimefield_value
    values = []
    for row in rows:
        for name, field in json_fields.items():
            row[name] = field.get_db_prep_save(row[name], connection)
        if row["date"] is not None:
            row["date"] = adapt_datetime(row["date"])
        values.append([row[name] for name in MESSAGE_COLUMNS])
    with connection.cursor() as cursor:
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
        cursor.executemany(sql, values)
    keys = [row["key"] for row in rows]
    pks: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        pks.update(
            (key, pk)
            for pk, key in Message.objects.filter(
                mailing_list=mailing_list, key__in=keys[start : start + 500]
            ).values_list("id", "key")
        )
    return pks
