"""A seeded archive at scale, written straight into the database with bulk inserts.

    .venv/bin/python bench/make_scale_data.py --messages 1000000 --contributions 100000 [--seed 1]

(`DATABASE_URL` picks the database; bench/bench_pages.py --scale calls `generate` itself.)
Threads of realistic shapes (most short, a few of thousands of messages), a few thousand
authors with Zipf-like activity, dates spread over 25 years, bodies of mail-like lengths whose
words follow a Zipf law. Every derived row is written as the import pipeline writes it: the
threads (key, root, counts, first and last dates) and each message's place in its tree
(parent, depth, position), the search index (SQLite FTS5 rows; PostgreSQL's GIN index keeps
itself), the `ListMonth` counters (recounted as `lists recount` does). Contributions are
spread over the demo's calls, by the demo's contributors. The same seed gives the same data.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.scale_text import Writer  # noqa: E402

START = datetime(2000, 1, 1, tzinfo=UTC)
SPAN = timedelta(days=365 * 25)
AUTHORS = 4000
CHUNK = 5000  # messages per insert batch
LONG_THREAD = 2500  # one thread this long, for the thread page's deepest case


def key_of(message_id: str) -> str:
    """As storing.message_key / threading.thread_key."""
    return hashlib.sha256(message_id.encode()).hexdigest()[:16]


@dataclass
class Mail:
    message_id: str
    parent: int  # index in its thread, -1 for the root
    date: datetime
    author: int
    depth: int = 0
    position: int = 0


def _thread_sizes(rng: random.Random, total: int) -> Iterator[int]:
    left, number = total, 0
    while left > 0:
        size = min(800, int(rng.paretovariate(1.3)) + rng.randint(0, 2))
        if number == 7 and total >= 20 * LONG_THREAD:
            size = LONG_THREAD
        size = min(left, size)
        left -= size
        number += 1
        yield size


def _thread(rng: random.Random, seed: int, number: int, size: int, root_at: datetime,
            authors: list[int]) -> list[Mail]:  # fmt: skip
    mails = [Mail(f"s{seed}.t{number}.0@scale.example", -1, root_at, rng.choice(authors))]
    for i in range(1, size):
        parent = rng.randrange(max(0, i - 6), i)
        # whole seconds, like Date headers: replies of a busy thread share timestamps
        gap = timedelta(seconds=int(rng.expovariate(1 / 20_000)))
        at = mails[parent].date + gap
        mails.append(Mail(f"s{seed}.t{number}.{i}@scale.example", parent, at, rng.choice(authors)))
    children: dict[int, list[int]] = {}
    for i, mail in enumerate(mails[1:], start=1):
        children.setdefault(mail.parent, []).append(i)
    order, stack = 0, [(0, 0)]
    while stack:  # tree order, children by date: as threading.py places them
        i, depth = stack.pop()
        mails[i].depth, mails[i].position = depth, order
        order += 1
        kids = sorted(children.get(i, []), key=lambda k: (mails[k].date, mails[k].message_id))
        stack.extend((k, depth + 1) for k in reversed(kids))
    return mails


def _author_pool(rng: random.Random) -> list[int]:
    """Author numbers with repeats: a few write much, most write little."""
    return [
        min(AUTHORS, int(rng.paretovariate(0.7))) - 1 if rng.random() < 0.5
        else rng.randrange(AUTHORS)
        for _ in range(20_000)
    ]  # fmt: skip


def generate(*, messages: int, seed: int = 1, address: str = "scale@lists.example.org",
             log: Any = print) -> Any:  # fmt: skip
    """Write `messages` messages into a new list (created, or emptied first); returns it."""
    from django.db import connection, transaction

    from roundtable.lists import search
    from roundtable.lists.activity import recount_all
    from roundtable.lists.models import MailingList

    rng = random.Random(seed)
    writer = Writer(random.Random(seed + 1))
    mailing_list, _created = MailingList.objects.get_or_create(
        address=address, defaults={"slug": address.split("@")[0], "name": "Scale archive"}
    )
    mailing_list.messages.all().delete()
    mailing_list.threads.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # the external-content FTS index, emptied whole
            cursor.execute(f"INSERT INTO {search.FTS_TABLE}({search.FTS_TABLE}) VALUES('rebuild')")
    authors = _author_pool(rng)
    sizes = list(_thread_sizes(rng, messages))
    gap = SPAN / max(1, len(sizes))
    started = time.perf_counter()
    pending: list[tuple[int, list[Mail]]] = []
    stored, waiting, at = 0, 0, START
    for number, size in enumerate(sizes):
        at += gap * rng.uniform(0.2, 1.8)
        pending.append((number, _thread(rng, seed, number, size, at, authors)))
        waiting += size
        if waiting >= CHUNK or number == len(sizes) - 1:
            with transaction.atomic():
                stored += _write(mailing_list, pending, writer)
            pending, waiting = [], 0
            if log and stored % 100_000 < CHUNK:
                log(f"  {stored:,} messages ({time.perf_counter() - started:.0f} s)")
    recount_all(mailing_list)
    # as an import ends, and as the worker keeps it (lists/tasks.py merge_search_index)
    search.merge_pending()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE lists_message")
            cursor.execute("ANALYZE lists_thread")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return mailing_list


def _next_ids(table: str, count: int) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - constant
        return int(cursor.fetchone()[0]) + 1


def _write(mailing_list: Any, threads: list[tuple[int, list[Mail]]], writer: Writer) -> int:
    from django.db import connection

    from roundtable.lists import search
    from roundtable.lists.models import Message, Thread

    sqlite = connection.vendor == "sqlite"

    def prep(model: Any, name: str, value: Any) -> Any:
        """What Field.get_db_prep_save gives (at a fraction of its cost, a million times):
        SQLite keeps naive UTC text, PostgreSQL takes aware datetimes."""
        if isinstance(value, datetime):
            return str(value.astimezone(UTC).replace(tzinfo=None)) if sqlite else value
        return json.dumps(value) if sqlite else connection.ops.adapt_json_value(value, None)

    thread_id = _next_ids("lists_thread", len(threads))
    thread_rows, mails = [], []
    subjects: dict[int, str] = {}
    for offset, (number, thread) in enumerate(threads):
        subject = writer.subject()
        subjects[number] = subject
        ident = thread_id + offset
        thread_rows.append((
            ident, mailing_list.pk, key_of(thread[0].message_id), thread[0].message_id, subject,
            prep(Thread, "started_at", thread[0].date),
            prep(Thread, "last_at", max(m.date for m in thread)), len(thread),
            prep(Thread, "placeholders", []),
        ))  # fmt: skip
        mails.extend((ident, number, thread, m) for m in thread)
    mails.sort(key=lambda row: (row[3].date, row[3].message_id))
    message_id = _next_ids("lists_message", len(mails))
    rows, fts = [], []
    for offset, (ident, number, thread, mail) in enumerate(mails):
        name, address = writer.person(mail.author)
        chain, parent = [], mail.parent
        while parent >= 0:
            chain.append(thread[parent].message_id)
            parent = thread[parent].parent
        subject = subjects[number] if mail.parent < 0 else "Re: " + subjects[number]
        own = writer.body()
        text = own if not chain else f"{own}\n\nOn an earlier day someone wrote:\n> ..."
        raw = (
            f"From: {name} <{address}>\nSubject: {subject}\nMessage-ID: <{mail.message_id}>\n"
            f"Date: {mail.date:%a, %d %b %Y %H:%M:%S +0000}\n\n{text}\n"
        ).encode()
        pk = message_id + offset
        rows.append((
            pk, mailing_list.pk, ident, key_of(mail.message_id), mail.message_id, False, False,
            hashlib.sha256(raw).hexdigest(), subject, name, address,
            prep(Message, "date", mail.date), "date",
            prep(Message, "references", list(reversed(chain))), chain[0] if chain else "",
            mail.depth, mail.position, text, own, "", raw, "", 0, prep(Message, "notes", []),
        ))  # fmt: skip
        fts.append((pk, subject, name, address, own))
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO lists_thread (id, mailing_list_id, key, root_message_id, subject, "
            "started_at, last_at, message_count, placeholders) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            thread_rows,
        )
        cursor.executemany(
            "INSERT INTO lists_message (id, mailing_list_id, thread_id, key, message_id, "  # noqa: S608 - constant text, bound values
            "message_id_generated, conflicting_id, content_hash, subject, from_name, from_addr, "
            'date, date_source, "references", parent_message_id, depth, position, text, '
            "own_text, html, raw, source, source_index, notes) VALUES "
            f"({', '.join(['%s'] * 24)})",
            rows,
        )
    search.index_rows(fts)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("lists_thread", "lists_message"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT MAX(id) FROM {table}))"
                )
    return len(rows)


def generate_contributions(*, count: int, seed: int = 1, log: Any = print) -> int:
    """`count` published contributions spread over the demo's calls, written by the people
    who already contributed to each call's process (their group and organisation kept)."""
    from roundtable.contributions import tallies
    from roundtable.contributions.models import CallForInput, Contribution
    from roundtable.contributions.rendering import count_words, render_markdown

    rng = random.Random(seed + 2)
    writer = Writer(random.Random(seed + 3))
    calls = list(CallForInput.objects.order_by("pk"))
    voices = list(
        Contribution.objects.order_by("pk").values_list("author_id", "group_id", "organisation_id")
    )
    if not calls or not voices:
        return 0
    Contribution.objects.filter(source_ref__startswith=f"scale-{seed}-").delete()
    made: list[Contribution] = []
    for number in range(count):
        call = calls[number % len(calls)]
        author, group, organisation = voices[rng.randrange(len(voices))]
        body = writer.body()
        span = max(1.0, (call.closes_at - call.opens_at).total_seconds())
        made.append(Contribution(
            call=call, author_id=author, group_id=group, organisation_id=organisation,
            title=writer.subject(), body=body, body_html=render_markdown(body), language="en",
            word_count=count_words(body), submitted_at=call.opens_at
            + timedelta(seconds=int(rng.random() * span)), source_ref=f"scale-{seed}-{number}",
        ))  # fmt: skip
        if len(made) >= 2000:
            Contribution.objects.bulk_create(made)
            made = []
    Contribution.objects.bulk_create(made)
    tallies.recount(call.pk for call in calls)  # the counters the actions keep, for these rows
    if log:
        log(f"  {count:,} contributions over {len(calls)} calls")
    return count


def main() -> None:
    import argparse
    import os

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--contributions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
    import django

    django.setup()
    started = time.perf_counter()
    generate(messages=args.messages, seed=args.seed)
    generate_contributions(count=args.contributions, seed=args.seed)
    print(f"done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
