"""PostgreSQL: the newest matches of a rare word or a phrase, read window by window.

The GIN index holds each row's id bucket (id / BUCKET, btree_gin) beside its vector (migration
0011), so one index lookup finds the matches among the newest buckets only: a rare word's heap
rows are read for the page's matches, not for all of them (docs/lists.md "Search").

A phrase is read through its words: GIN answers the AND of a phrase's words from its posting
lists alone, but a phrase only by testing each candidate's vector (stored compressed, out of
line: a TOAST lookup and a decompression each), so a window's candidates are found by the
words, newest first, and the phrase is tested on them one by one until the page is full."""

# Table and column names are constants, values go as parameters:
# ruff: noqa: S608

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import caches
from django.db import connection

from roundtable.text.search_syntax import phrase_words

#: the stored tsvector column (migration 0009), generated from the message's texts
VECTOR = "search_vector"
BUCKET = 1024
# Windows of buckets asked before the rest is read at once (the plan the estimate chooses), and
# the most buckets a window asks: each is a GIN lookup of its own, ~25 us at a million messages,
# plus a read of the index's whole pending list (entries not yet merged): ~0.4 ms each with the
# 168 pages an unmerged scale import left, which is why the worker merges it every five minutes
# (tasks.merge_search_index); sparser matches are read at once (docs/lists.md "Search").
WINDOWS = 3
WINDOW_MAX = 64
# How long a phrase's words are kept (seconds): they are the query's own, which never changes.
WORDS_SECONDS = 3600

Argument = int | str | datetime | list[int]


@dataclass(frozen=True)
class Source:
    """Where matches are read from: `FROM ... WHERE ...` (the message as `m`) and its arguments.
    With `phrase`, the rows are a phrase's candidates (its words), and `phrase` (the search's
    text) is tested on each one's vector in id order, newest first, until the limit."""

    sql: str
    args: list[Argument] = field(default_factory=list)
    phrase: str = ""

    def newest(self, condition: str, order: str = "m.id + 0") -> str:
        """The newest matches that also meet `condition` (a clause led by " AND "), newest
        first: arguments `self.args`, the condition's, then `self.after(limit)`.

        A phrase's candidates are sorted with their vectors unread (a vector out of line is
        carried as its TOAST pointer) and OFFSET 0 keeps the test out of the index scan: only
        the vectors of the candidates the LIMIT reaches are read."""
        if not self.phrase:
            return f"SELECT m.id {self.sql}{condition} ORDER BY {order} DESC LIMIT %s"
        return (
            f"SELECT c.id FROM (SELECT m.id, m.{VECTOR} AS v {self.sql}{condition} "
            f"ORDER BY {order} DESC OFFSET 0) c "
            "WHERE c.v @@ websearch_to_tsquery('simple'::regconfig, %s) LIMIT %s"
        )

    def after(self, limit: int) -> list[Argument]:
        return [self.phrase, limit] if self.phrase else [limit]


def read(sql: str, args: Sequence[Argument]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(args))
        return [pk for (pk,) in cursor.fetchall()]


def words_of(text: str) -> str | None:
    """The AND of the words of the phrases in `text` (search_syntax.phrase_words of its
    tsquery), or None where there is none to read through. Kept in the `rows` cache: asking
    is a round trip."""
    key = f"lists:search-words:{hashlib.sha256(text.encode()).hexdigest()}"
    found: tuple[str | None] | None = caches["rows"].get(key)
    if found is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT websearch_to_tsquery('simple'::regconfig, %s)::text", [text])
            found = (phrase_words(cursor.fetchone()[0]),)
        caches["rows"].set(key, found, WORDS_SECONDS)
    return found[0]


def windowed(
    source: Source,
    limit: int,
    estimate: float,
    total: float,
    *,
    common: bool,
    phrase: bool,
    candidates: Source | None = None,
) -> list[int]:
    """Ids of the newest `limit` matches read window by window: the newest buckets first, as
    many as the estimate says hold the page (a phrase matches fewer rows than its words, whose
    estimate this is: more), then as many as the matches found so far say, then everything
    older in one statement. The windows are disjoint and each is read newest first, so the ids
    are those of one statement over everything: only fewer rows are read.

    `candidates`: the same matches read through a phrase's words (Source.phrase), for the
    windows and, unless the words are common (the newest rows walked back, testing each),
    for the rest."""
    windows = candidates or source
    per_bucket = max(estimate * BUCKET / total, 1e-3)
    size = math.ceil(limit / per_bucket * (8 if phrase else 4)) + 1  # +1: the newest is partial
    rest, order = (source, "m.id") if common else (windows, "m.id + 0")
    if size > WINDOW_MAX:  # matches too sparse for windows to pay: all of them at once
        return read(rest.newest("", order), [*rest.args, *rest.after(limit)])
    # The newest bucket read in the same statement as the first window (one snapshot).
    newest = windows.newest(
        f" AND (m.id / {BUCKET}) = ANY(ARRAY(SELECT generate_series(top.t - %s + 1, top.t)))"
    )
    first = (
        f"WITH top AS (SELECT coalesce(max(id), 0) / {BUCKET} AS t FROM lists_message) "
        f"SELECT top.t, ARRAY({newest}) FROM top"
    )
    with connection.cursor() as cursor:
        cursor.execute(first, [*windows.args, size, *windows.after(limit)])
        top, found = cursor.fetchone()
    ids: list[int] = list(found)
    low = top - size + 1  # the oldest bucket read
    window = windows.newest(f" AND (m.id / {BUCKET}) = ANY(%s::bigint[])")
    for _ in range(WINDOWS - 1):
        if len(ids) >= limit or low <= 0 or not ids:
            break
        rate = len(ids) / ((top + 1 - low) * BUCKET)
        size = math.ceil((limit - len(ids)) / (rate * BUCKET) * 2)
        if size > WINDOW_MAX:
            break
        buckets = list(range(low - 1, max(low - 1 - size, -1), -1))
        ids += read(window, [*windows.args, buckets, *windows.after(limit - len(ids))])
        low = buckets[-1]
    if len(ids) >= limit or low <= 0:
        return ids
    older = rest.newest(" AND m.id < %s", order)
    return ids + read(older, [*rest.args, low * BUCKET, *rest.after(limit - len(ids))])
