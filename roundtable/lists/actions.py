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
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from roundtable.audit.actions import record_event
from roundtable.mail import limits as mail_limits
from roundtable.mail import parts, readers
from roundtable.mail.limits import Limits
from roundtable.mail.writers import mboxrd_entry
from roundtable.permissions.actor import Actor
from roundtable.processes.models import Process
from roundtable.venues.models import Venue

from . import search, threading
from .batches import ProgressCallback, helper_count, prepared_batches
from .models import ImportRun, MailingList, Message, Thread
from .storing import store_batches

BATCH_SIZE = 1000


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


def do_ensure_list(*, actor: Actor, address: str, name: str = "") -> MailingList:
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


def do_place_list(
    *, actor: Actor, mailing_list: MailingList, venue: Venue | None, process: Process | None
) -> MailingList:
    """Say which venue or process a list belongs to (its standing and moderators come from
    there: docs/lists.md, "Posting")."""
    with transaction.atomic():
        mailing_list.venue = venue
        mailing_list.process = process
        mailing_list.save(update_fields=["venue", "process"])
        record_event(actor=actor, verb="lists.place", target=mailing_list, summary={
            "venue": venue.slug if venue else None, "process": process.pk if process else None,
        })  # fmt: skip
    return mailing_list


def do_import_archive(
    *,
    actor: Actor,
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
            actor_label=_label(actor),
        )
    footers = tuple(mailing_list.footers)
    batches = prepared_batches(
        run, sources, footers, limits, batch_size, helper_count(workers, sources), on_progress
    )
    store_batches(run, mailing_list, batches)  # a function: the last batch is freed here
    thread_count = _finish(run, mailing_list, actor)
    search.merge_pending()  # after the rethread, whose updates also add to the pending list
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


def _label(actor: Actor) -> str:
    """How the import run names who started it (as the audit trail does)."""
    return actor.user.get_username() if actor.user is not None else actor.audit_label()


def _finish(run: ImportRun, mailing_list: MailingList, actor: Actor) -> int:
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
    messages = Message.objects.filter(mailing_list=mailing_list)
    if thread is not None:
        messages = messages.filter(thread=thread).order_by("position")
    else:
        messages = messages.order_by("date", "id")
    for raw, sender, date in messages.values_list("raw", "from_addr", "date").iterator(
        chunk_size=500
    ):
        yield mboxrd_entry(bytes(raw), sender=sender, date=date)
