"""Threading a list held in the database, in memory bounded by its largest thread.

`roundtable.mail.threads.thread` is the one implementation of the algorithm; it works in steps
that this module runs apart, over scratch tables (emptied after each run; `thread_graph.py`):

1. the connected parts of the Message-ID/References graph, by label propagation in SQL over
   `ThreadingNode` (one row per Message-ID, held or referenced) and `ThreadingEdge` (a
   message to each id it references, both ways);
2. a page of parts at a time, `threads.thread_part`: their threads as if the subject fallback
   joined nothing (written at once) and the summaries of their roots (`ThreadingRoot`);
3. subject by subject (by a hash of the base subject), `threads.subject_joins` (the
   conservative subject fallback); each join becomes an edge too, and the two parts it joins
   take one label;
4. only the parts holding a join are threaded again, with their joins (`threads.assemble`);
   threads left without messages are deleted.

Roots of different parts never meet in linking, and roots of different base subjects never
meet in the fallback, so the result is exactly that of `threads.thread` over the whole list
(`tests/lists/test_threading.py` checks it on real archives).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Subquery

from roundtable.mail import threads
from roundtable.mail.records import Thread as ThreadRecord
from roundtable.mail.records import ThreadItem

from .activity import recount_threads
from .models import MailingList, Message, Thread, ThreadingEdge, ThreadingNode, ThreadingRoot
from .thread_graph import clear_graph, fill_graph, merge_joined, propagate_labels

PAGE = 2000  # nodes (Message-IDs) read at once, plus the rest of the last group
SUBJECT_WINDOW_DAYS = 60

# (pk, key, message_id, references, subject, date, thread_id, parent_message_id, depth,
# position)
Row = tuple[int, str, str, list[str], str, datetime | None, int | None, str, int, int]
ROW_FIELDS = (
    "id", "key", "message_id", "references", "subject", "date", "thread_id",
    "parent_message_id", "depth", "position",
)  # fmt: skip


def thread_key(message_id: str) -> str:
    """A thread's permalink key: `storing.message_key` of its root's Message-ID."""
    return hashlib.sha256(message_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def rethread(mailing_list: MailingList, *, page: int = PAGE) -> int:
    """Recompute the threads of a list; returns how many there are. Run in a transaction."""
    clear_graph(mailing_list)
    fill_graph(mailing_list)
    propagate_labels(mailing_list)
    count = 0
    for groups in _pages(mailing_list, page):
        count += _write_part(mailing_list, groups)
    joins = _store_joins(mailing_list, page)
    if joins:
        merge_joined(mailing_list)
        for groups in _pages(mailing_list, page, joined=True):
            _write(mailing_list, groups)
    Thread.objects.filter(mailing_list=mailing_list, messages__isnull=True).delete()
    clear_graph(mailing_list)
    recount_threads(mailing_list)
    return count - joins  # each join makes one root a branch of another thread


def _pages(
    mailing_list: MailingList, page: int, *, joined: bool = False
) -> Iterator[list[tuple[list[Row], dict[str, str]]]]:
    """The messages of each connected part (label), a page of nodes at a time; `joined`:
    only the parts that hold a subject join, with their joins."""
    last = -1
    all_nodes = ThreadingNode.objects.filter(mailing_list=mailing_list)
    while True:
        if joined:
            labels = list(
                all_nodes.filter(
                    label__gt=last,
                    id__in=Subquery(
                        ThreadingEdge.objects.filter(
                            mailing_list=mailing_list, is_join=True
                        ).values("source")
                    ),
                )
                .order_by("label")
                .values_list("label", flat=True)
                .distinct()[:page]
            )
            nodes = all_nodes.filter(label__in=labels)
        else:
            labels = list(
                all_nodes.filter(label__gt=last)
                .order_by("label")
                .values_list("label", flat=True)[:page]
            )
            if labels:
                nodes = all_nodes.filter(label__gte=labels[0], label__lte=labels[-1])
        if not labels:
            return
        last = labels[-1]
        label_of: dict[str, int] = dict(nodes.values_list("message_id", "label"))
        rows: list[Row] = list(
            Message.objects.filter(
                mailing_list=mailing_list, message_id__in=Subquery(nodes.values("message_id"))
            ).values_list(*ROW_FIELDS)
        )
        joins: dict[int, dict[str, str]] = defaultdict(dict)
        if joined:
            mid_of = dict(nodes.values_list("id", "message_id"))
            for source, target in ThreadingEdge.objects.filter(
                mailing_list=mailing_list,
                is_join=True,
                source__in=Subquery(nodes.values("id")),
            ).values_list("source", "target"):
                joins[label_of[mid_of[source]]][mid_of[source]] = mid_of[target]
            del mid_of
        grouped: dict[int, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[label_of[row[2]]].append(row)
        del rows, label_of
        yield [(grouped[label], joins.get(label, {})) for label in sorted(grouped)]


def _items(rows: list[Row]) -> list[ThreadItem]:
    return [
        ThreadItem(
            key=row[1], message_id=row[2], references=tuple(row[3]), subject=row[4], date=row[5]
        )
        for row in rows
    ]


def _write_part(mailing_list: MailingList, groups: list[tuple[list[Row], dict[str, str]]]) -> int:
    """Thread a page of parts as if the subject fallback joined none of their roots (it
    rarely does: `_store_joins` then rewrites the parts concerned), keeping each root's
    summary for the fallback; returns how many threads they make."""
    summaries: list[threads.RootSummary] = []
    result: list[ThreadRecord] = []
    for rows, _joins in groups:
        part_roots, part_threads = threads.thread_part(_items(rows))
        summaries.extend(root for root in part_roots if root.subject)  # others never join
        result.extend(part_threads)
    if summaries:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {ThreadingRoot._meta.db_table} (mailing_list_id, ident, "  # noqa: S608
                "date, subject, subject_hash, joins, own_date, children_date) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        mailing_list.pk,
                        root.ident,
                        _adapt(root.date),
                        root.subject,
                        hashlib.sha1(  # noqa: S324 - grouping, not security
                            root.subject.encode("utf-8", "surrogatepass")
                        ).hexdigest(),
                        root.joins,
                        _adapt(root.own_date),
                        _adapt(root.children_date),
                    )
                    for root in summaries
                ],
            )
    return _store_threads(mailing_list, groups, result)


def _adapt(value: datetime | None) -> Any:
    return None if value is None else connection.ops.adapt_datetimefield_value(value)


def _store_joins(mailing_list: MailingList, page: int) -> int:
    """The subject fallback, a page of subjects at a time; each join becomes an edge."""
    last = ""
    count = 0
    roots = ThreadingRoot.objects.filter(mailing_list=mailing_list)
    while True:
        hashes = list(
            roots.filter(subject_hash__gt=last)
            .order_by("subject_hash")
            .values_list("subject_hash", flat=True)[:page]
        )
        if not hashes:
            return count
        low, last = hashes[0], hashes[-1]
        by_hash: dict[str, list[threads.RootSummary]] = defaultdict(list)
        for ident, date, subject, subject_hash, joins, own_date, children_date in roots.filter(
            subject_hash__gte=low, subject_hash__lte=last
        ).values_list(
            "ident", "date", "subject", "subject_hash", "joins", "own_date", "children_date"
        ):
            by_hash[subject_hash].append(
                threads.RootSummary(ident, date, subject, joins, own_date, children_date)
            )
        pairs: list[tuple[str, str]] = []
        for summaries in by_hash.values():
            summaries.sort(key=lambda r: (r.date, r.ident))
            pairs.extend(threads.subject_joins(summaries, SUBJECT_WINDOW_DAYS))
        if pairs:
            wanted = sorted({mid for pair in pairs for mid in pair})
            node: dict[str, int] = {}
            for start in range(0, len(wanted), 500):
                node.update(
                    ThreadingNode.objects.filter(
                        mailing_list=mailing_list, message_id__in=wanted[start : start + 500]
                    ).values_list("message_id", "id")
                )
            ThreadingEdge.objects.bulk_create(
                [
                    ThreadingEdge(
                        mailing_list=mailing_list,
                        source=node[child],
                        target=node[earlier],
                        is_join=True,
                    )
                    for child, earlier in pairs
                ],
                batch_size=500,
            )
            count += len(pairs)


def _write(mailing_list: MailingList, groups: list[tuple[list[Row], dict[str, str]]]) -> int:
    """Thread a page of groups with their subject joins and write their threads and their
    messages' places; returns how many threads they make."""
    result = [t for rows, joins in groups for t in threads.assemble(_items(rows), joins)]
    return _store_threads(mailing_list, groups, result)


def _store_threads(
    mailing_list: MailingList,
    groups: list[tuple[list[Row], dict[str, str]]],
    result: list[ThreadRecord],
) -> int:
    info = {row[1]: row for rows, _joins in groups for row in rows}
    wanted: dict[str, dict[str, Any]] = {}
    for group in result:
        keys = [node.key for node in group.nodes if node.key is not None]
        dates = [date for k in keys if (date := info[k][5]) is not None]
        first = next((node.key for node in group.nodes if node.key is not None), None)
        wanted[thread_key(group.root_id)] = {
            "root_message_id": group.root_id,
            "subject": info[first][4] if first else "",
            "started_at": min(dates) if dates else None,
            "last_at": max(dates) if dates else None,
            "message_count": len(keys),
            "placeholders": [
                {"message_id": n.message_id, "depth": n.depth, "order": n.order}
                for n in group.nodes if n.key is None
            ],
        }  # fmt: skip
    existing = {
        t.key: t for t in Thread.objects.filter(mailing_list=mailing_list, key__in=sorted(wanted))
    }
    created = _insert_threads(
        mailing_list, {key: fields for key, fields in wanted.items() if key not in existing}
    )
    to_update = []
    for key, fields in wanted.items():
        thread = existing.get(key)
        if thread is not None and any(getattr(thread, n) != v for n, v in fields.items()):
            for name, value in fields.items():
                setattr(thread, name, value)
            to_update.append(thread)
    if to_update:
        Thread.objects.bulk_update(to_update, list(THREAD_FIELDS), batch_size=200)
    ids = created | {k: t.pk for k, t in existing.items()}
    changes = []
    for group in result:
        thread_id = ids[thread_key(group.root_id)]
        for node in group.nodes:
            if node.key is None:
                continue
            row = info[node.key]
            parent = node.parent_id or ""
            if (row[6], row[7], row[8], row[9]) != (thread_id, parent, node.depth, node.order):
                changes.append((thread_id, parent, node.depth, node.order, row[0]))
    if changes:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Message._meta.db_table} SET thread_id = %s, "  # noqa: S608
                "parent_message_id = %s, depth = %s, position = %s WHERE id = %s",
                changes,
            )
    return len(wanted)


def _insert_threads(mailing_list: MailingList, rows: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Insert with one executemany (bulk_create spends long preparing each field); returns
    the new threads' primary keys by key."""
    if not rows:
        return {}
    meta, quote = Thread._meta, connection.ops.quote_name
    placeholders = meta.get_field("placeholders")
    columns = ("mailing_list_id", "key", *THREAD_FIELDS)
    values = [
        (
            mailing_list.pk,
            key,
            fields["root_message_id"],
            fields["subject"],
            _adapt(fields["started_at"]),
            _adapt(fields["last_at"]),
            fields["message_count"],
            placeholders.get_db_prep_save(fields["placeholders"], connection),
        )
        for key, fields in rows.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})",
            values,
        )
    keys = sorted(rows)
    ids: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        ids.update(
            Thread.objects.filter(
                mailing_list=mailing_list, key__in=keys[start : start + 500]
            ).values_list("key", "id")
        )
    return ids


THREAD_FIELDS = (
    "root_message_id", "subject", "started_at", "last_at", "message_count", "placeholders",
)  # fmt: skip
