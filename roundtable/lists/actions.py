"""Writes for mailing lists: importing archives (idempotent, resumable, lossless).

An import walks its sources in a fixed order and commits in batches; each batch commits its
messages, its search-index rows and the run's position and counts together, so a killed import
resumes at the last committed batch and ends in the same state as an uninterrupted one. Every
message read ends as stored, duplicate (already held: same Message-ID and same content, or the
same raw bytes already in quarantine) or quarantined (with its reason and raw bytes):
read = stored + duplicates + quarantined.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from roundtable.audit.actions import record_event
from roundtable.mail import limits as mail_limits
from roundtable.mail import parts, pipeline, readers
from roundtable.mail.limits import Limits
from roundtable.mail.pipeline import Prepared
from roundtable.mail.records import ParsedMessage, Quarantined, RawMessage

from . import search, threading
from .models import Attachment, ImportRun, MailingList, Message, QuarantinedMessage, Thread

BATCH_SIZE = 1000
BATCH_BYTES = 64 * 1024 * 1024  # a batch also ends once its messages hold this many bytes
ProgressCallback = Callable[[str, int, int], None]  # (source, source number, messages read)


def message_key(message_id: str, content_hash: str | None = None) -> str:
    """The permalink key: a hash of the Message-ID (and, for a flagged variant, its content)."""
    seed = message_id if content_hash is None else f"{message_id}\n{content_hash}"
    return hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:16]


thread_key = message_key


@dataclass(frozen=True)
class ImportResult:
    read: int
    stored: int
    duplicates: int
    quarantined: int
    threads: int
    run_id: int
    resumed: bool

    def as_dict(self) -> dict[str, int]:
        return {
            "read": self.read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "quarantined": self.quarantined,
            "threads": self.threads,
        }


def do_ensure_list(*, actor: Any, address: str, name: str = "") -> MailingList:
    address = address.strip().lower()
    existing = MailingList.objects.filter(address=address).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        base = slugify(address.split("@")[0]) or "list"
        slug, number = base, 1
        while MailingList.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        mailing_list = MailingList.objects.create(address=address, slug=slug, name=name)
        record_event(
            actor=actor, verb="lists.create", target=mailing_list, summary={"address": address}
        )
    return mailing_list


def do_import_archive(
    *,
    actor: Any,
    list_address: str,
    paths: Sequence[str],
    batch_size: int = BATCH_SIZE,
    on_progress: ProgressCallback | None = None,
    attachment_cap: int | None = None,
    workers: int | None = None,
) -> ImportResult:
    """Import files, folders or globs (format detected) into a list; see the module doc."""
    limits = import_limits(attachment_cap=attachment_cap)
    sources = [[str(path.resolve()), kind] for path, kind in readers.expand(paths)]
    if not sources:
        raise FileNotFoundError(f"nothing to import at {', '.join(paths)}")
    signature = hashlib.sha256(json.dumps(sources).encode()).hexdigest()
    mailing_list = do_ensure_list(actor=actor, address=list_address)
    run = (
        ImportRun.objects.filter(
            mailing_list=mailing_list, signature=signature, status=ImportRun.RUNNING
        )
        .order_by("-id")
        .first()
    )
    resumed = run is not None
    if run is None:
        run = ImportRun.objects.create(
            mailing_list=mailing_list,
            signature=signature,
            sources=sources,
            actor_label=str(actor) if actor is not None else "system",
        )
    footers = tuple(mailing_list.footers)
    batches = _prepared_batches(
        run, sources, footers, limits, batch_size, _workers(workers, sources), on_progress
    )
    _store_batches(run, mailing_list, batches)  # a function: the last batch is freed here
    thread_count = _finish(run, mailing_list, actor)
    return ImportResult(
        read=run.read,
        stored=run.stored,
        duplicates=run.duplicates,
        quarantined=run.quarantined,
        threads=thread_count,
        run_id=run.pk,
        resumed=resumed,
    )


def import_limits(*, attachment_cap: int | None = None) -> Limits:
    """The import's bounds, from the settings (docs/lists.md, "Limits")."""

    def setting(name: str, default: int) -> int:
        return max(1, int(getattr(settings, name, default)))

    return Limits(
        message_bytes=setting("ROUNDTABLE_LIST_MESSAGE_CAP", mail_limits.MESSAGE_BYTES),
        expanded_bytes=setting("ROUNDTABLE_LIST_EXPANDED_CAP", mail_limits.EXPANDED_BYTES),
        body_chars=setting("ROUNDTABLE_LIST_BODY_CAP", mail_limits.BODY_CHARS),
        attachment_bytes=attachment_cap
        or setting("ROUNDTABLE_LIST_ATTACHMENT_CAP", mail_limits.ATTACHMENT_BYTES),
    )


def _store_batches(
    run: ImportRun,
    mailing_list: MailingList,
    batches: Iterator[tuple[int, int, list[Prepared], str]],
) -> None:
    for number, position, prepared, _path in batches:
        _store_batch(run, mailing_list, prepared, number, position)
        del prepared  # not held while the next batch is prepared


PARALLEL_ABOVE_BYTES = 2 * 1024 * 1024


def _workers(requested: int | None, sources: list[list[str]]) -> int:
    """Helper processes for parsing: one on a multi-core machine for a sizeable import (a
    process start costs more than it saves on a few small files)."""
    if requested is not None:
        return max(0, requested)
    configured = getattr(settings, "ROUNDTABLE_LIST_IMPORT_WORKERS", None)
    if configured is not None:
        return int(configured)
    if (os.cpu_count() or 1) < 2:
        return 0
    size = 0
    for path, _kind in sources:
        try:
            size += Path(path).stat().st_size if Path(path).is_file() else PARALLEL_ABOVE_BYTES
        except OSError:
            continue
        if size >= PARALLEL_ABOVE_BYTES:
            return 1
    return 0


def _die_with_parent() -> None:
    """A helper process must not outlive a killed import (Linux: PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except Exception:  # noqa: BLE001, S110 - best effort on other platforms
        pass


def _raw_batches(
    run: ImportRun,
    sources: list[list[str]],
    batch_size: int,
    limits: Limits,
    on_progress: ProgressCallback | None = None,
) -> Iterator[tuple[int, int, list[RawMessage], str]]:
    """(source number, message index, raw messages, path): batches run across source
    boundaries (few, large transactions); the position is where the next batch starts."""
    batch: list[RawMessage] = []
    held = 0
    path = ""
    seen = run.read
    for number, (path, kind) in enumerate(sources):
        if number < run.source_position:
            continue
        skip = run.message_position if number == run.source_position else 0
        for raw in readers.read(Path(path), kind, limits):
            if raw.index < skip:
                continue
            batch.append(raw)
            held += len(raw.data)
            seen += 1
            if len(batch) >= batch_size or held >= BATCH_BYTES:
                yield number, raw.index + 1, batch, path
                batch, held = [], 0
        if on_progress:
            on_progress(path, number + 1, seen)
    yield len(sources), 0, batch, path


def _prepared_batches(
    run: ImportRun,
    sources: list[list[str]],
    footers: tuple[str, ...],
    limits: Limits,
    batch_size: int,
    workers: int,
    on_progress: ProgressCallback | None = None,
) -> Iterator[tuple[int, int, list[Prepared], str]]:
    """Prepare batches in order; with workers, in helper processes a batch ahead each
    (bounded, so memory stays flat)."""
    raw_batches = _raw_batches(run, sources, batch_size, limits, on_progress)
    if workers <= 0:
        for number, position, raws, path in raw_batches:
            prepared = pipeline.prepare(raws, footers, limits)
            del raws
            yield number, position, prepared, path
            del prepared
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent) as pool:
        pending: deque[tuple[int, int, Future[list[Prepared]], str]] = deque()
        for number, position, raws, path in raw_batches:
            pending.append(
                (number, position, pool.submit(pipeline.prepare, raws, footers, limits), path)
            )
            del raws  # sent to the helper
            while len(pending) > workers:
                number, position, future, path = pending.popleft()
                yield number, position, future.result(), path
                del future  # a stored batch is not held while the next one comes
        while pending:
            number, position, future, path = pending.popleft()
            yield number, position, future.result(), path
            del future


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
        new_attachments: list[tuple[str, Any]] = []
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
            pks = _insert_messages(mailing_list, new)
            stored = len(new)
            if new_attachments:
                numbers: Counter[int] = Counter()
                rows_to_create = []
                for key, attachment in new_attachments:
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
            hashes_seen = {hashlib.sha256(item.raw).hexdigest(): item for item in held}
            existing = set(
                QuarantinedMessage.objects.filter(
                    mailing_list=mailing_list, raw_hash__in=list(hashes_seen)
                ).values_list("raw_hash", flat=True)
            )
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


def _finish(run: ImportRun, mailing_list: MailingList, actor: Any) -> int:
    with transaction.atomic():
        learned = _learn_footers(mailing_list)
        if learned != tuple(mailing_list.footers):
            mailing_list.footers = list(learned)
            mailing_list.save(update_fields=["footers"])
            _resplit(mailing_list, learned)
        count = do_rethread(mailing_list=mailing_list)
        run.threads = count
        run.status = ImportRun.DONE
        run.finished_at = timezone.now()
        run.save(update_fields=["threads", "status", "finished_at"])
        record_event(
            actor=actor,
            verb="lists.import",
            target=mailing_list,
            summary={
                "read": run.read,
                "stored": run.stored,
                "duplicates": run.duplicates,
                "quarantined": run.quarantined,
                "threads": count,
                "sources": len(run.sources),
                "run": run.pk,
            },
        )
    return count


def _learn_footers(mailing_list: MailingList) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    total = 0
    for text in (
        Message.objects.filter(mailing_list=mailing_list)
        .values_list("text", flat=True)
        .iterator(chunk_size=1000)
    ):
        total += 1
        block = parts.trailing_block(text[-2000:])
        if block and not parts.FOOTER_TITLE.search(block):
            counts[block] += 1
    return parts.learn_footers(counts, total)


def _resplit(mailing_list: MailingList, footers: tuple[str, ...]) -> None:
    firsts = {footer.strip("\n").split("\n")[0] for footer in footers}
    changed: list[Message] = []
    old_rows = []
    for message in Message.objects.filter(mailing_list=mailing_list).only(
        "id", "text", "own_text", "subject", "from_name", "from_addr"
    ):
        if not any(first in message.text for first in firsts):
            continue
        own = parts.own_text(parts.split_body(message.text, footers))
        if own != message.own_text:
            old_rows.append(
                (
                    message.pk,
                    message.subject,
                    message.from_name,
                    message.from_addr,
                    message.own_text,
                )
            )
            message.own_text = own
            changed.append(message)
    if changed:
        search.unindex_messages(old_rows)
        Message.objects.bulk_update(changed, ["own_text"], batch_size=500)
        search.index_messages([message.pk for message in changed])


def do_rethread(*, mailing_list: MailingList) -> int:
    """Recompute the threads of a list (deterministic for a given set of messages), in
    memory bounded by its largest thread: see `roundtable.lists.threading`."""
    return threading.rethread(mailing_list)


def iter_export(*, mailing_list: MailingList, thread: Thread | None = None) -> Iterable[bytes]:
    """mboxrd entries for a list or one thread, oldest first (thread: in tree order)."""
    from roundtable.mail.writers import mboxrd_entry

    messages = Message.objects.filter(mailing_list=mailing_list)
    if thread is not None:
        messages = messages.filter(thread=thread).order_by("position")
    else:
        messages = messages.order_by("date", "id")
    for raw, sender, date in messages.values_list("raw", "from_addr", "date").iterator(
        chunk_size=500
    ):
        yield mboxrd_entry(bytes(raw), sender=sender, date=date)
