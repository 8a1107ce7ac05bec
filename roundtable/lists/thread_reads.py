"""A page of a thread: the thread's row, then the page's messages, two statements written out
(on PostgreSQL the ORM spent ~2 ms of a cold thread page building them).

One statement could read both, the messages joined by the thread's id. Until the message's own
index on its thread was dropped (lists migration 0012), PostgreSQL planned that id as unknown,
estimated a thread of ~5 messages and read the thread by the single-column index, filtering all
2,500 rows of the longest thread (3 ms), not the range of (thread_id, position) it reads for a
known id (0.9 ms). Without that index the join reads the range, but it was still slower than
two statements at a million messages (median of 201, alternated: 1.41 ms against 1.10 ms for
the longest thread's last page): planning the join costs more than the round trip it saves."""

# Table names come from the models, values go as parameters:
# ruff: noqa: S608

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple

from django.db import connection
from django.http import Http404

from roundtable.mail import parts
from roundtable.mail.records import Block
from roundtable.outputs.fulltext import read_moment

from .models import MailingList, Message, Thread
from .queries import page_body_chars

THREAD_PAGE = 100


class ThreadMessage(NamedTuple):
    """A message of a thread page: what its block shows (archive_rows.thread_entry_shown), its
    place in the tree, and the beginning of its text."""

    key: str
    from_name: str
    from_addr: str
    date: datetime | None
    date_source: str
    conflicting_id: str
    depth: int
    position: int
    text_head: str


#: the columns read for each message (the text's head is read as a substring)
THREAD_FIELDS = ThreadMessage._fields[:-1]


@dataclass(frozen=True)
class ThreadHead:
    """What a thread page shows of the thread itself."""

    key: str
    subject: str
    message_count: int


@dataclass(frozen=True)
class ThreadEntry:
    depth: int
    message: ThreadMessage | None  # None for a message the archive does not hold
    missing_id: str
    text_head: str = ""  # the beginning of the message's text that a thread page shows
    footers: tuple[str, ...] = ()  # the list's footers, left out of the blocks
    cut: bool = False  # only the beginning of a long body is shown

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """Split only when asked: a thread page whose message blocks are cached never is."""
        return parts.split_body(self.text_head, self.footers)


@dataclass(frozen=True)
class ThreadPage:
    """One page of a thread's tree (nodes in tree order, `THREAD_PAGE` at a time)."""

    entries: list[ThreadEntry]
    number: int
    pages: int


_T, _M = Thread._meta.db_table, Message._meta.db_table
_THREAD = (
    f"SELECT id, subject, message_count, placeholders FROM {_T}"
    ' WHERE mailing_list_id = %s AND "key" = %s'
)
# The LIMIT (never reached: positions are unique) makes PostgreSQL read the range of (thread,
# position) instead of all the thread's rows (8 ms -> 2 ms on a thread of 2,500 at a million
# messages; its estimate of the range is the whole thread). One character more than shown
# says whether the text goes on: no length of the whole text, which PostgreSQL decompresses
# and SQLite steps through to count.
_MESSAGES = (
    "SELECT " + ", ".join(f'"{name}"' for name in THREAD_FIELDS) + ', SUBSTR("text", 1, %s)'
    f' FROM {_M} WHERE thread_id = %s AND "position" >= %s AND "position" < %s'
    ' ORDER BY "position" LIMIT %s'
)
_DATE = THREAD_FIELDS.index("date")


def _messages(thread_id: int, low: int, chars: int) -> list[ThreadMessage]:
    with connection.cursor() as cursor:
        cursor.execute(_MESSAGES, [chars + 1, thread_id, low, low + THREAD_PAGE, THREAD_PAGE])
        rows = cursor.fetchall()
    return [
        ThreadMessage._make((*row[:_DATE], read_moment(row[_DATE]), *row[_DATE + 1 :]))
        for row in rows
    ]


def get_thread(
    *, viewer: Any, mailing_list: MailingList, key: str, page: int = 1
) -> tuple[ThreadHead, ThreadPage]:
    """A page of a thread: its messages and placeholders share one tree order (0, 1, ...),
    so a page is a range of it; a page number out of range gives the nearest page."""
    with connection.cursor() as cursor:
        cursor.execute(_THREAD, [mailing_list.pk, key])
        thread = cursor.fetchone()
    if thread is None:
        raise Http404("no such thread")
    thread_id, subject, count, held = thread
    placeholders: list[dict[str, Any]] = json.loads(held) if isinstance(held, str) else held or []
    pages = max(1, -(-(count + len(placeholders)) // THREAD_PAGE))
    number = min(max(1, page), pages)
    chars = page_body_chars()
    messages = _messages(thread_id, (number - 1) * THREAD_PAGE, chars)
    low, high = (number - 1) * THREAD_PAGE, number * THREAD_PAGE
    footers = tuple(mailing_list.footers)
    entries: list[tuple[int, ThreadEntry]] = []
    for message in messages:
        head = message.text_head or ""
        entry = ThreadEntry(message.depth, message, "", head[:chars], footers, len(head) > chars)
        entries.append((message.position, entry))
    for holder in placeholders:
        if low <= holder["order"] < high:
            entries.append(
                (holder["order"], ThreadEntry(holder["depth"], None, holder["message_id"]))
            )
    entries.sort(key=lambda pair: pair[0])
    shown = ThreadHead(key=key, subject=subject or "", message_count=count)
    return shown, ThreadPage([entry for _order, entry in entries], number, pages)
