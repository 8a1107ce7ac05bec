"""Full-text search over subject, author and own text: SQLite FTS5 or PostgreSQL tsvector.

One query API for both. The index is maintained by the import (no triggers): `index_messages`
after inserting, `unindex_messages` before deleting. PostgreSQL uses a GIN expression index
over the same text with the language-neutral 'simple' configuration (the lists are
multilingual); SQLite uses FTS5's unicode61 tokenizer, also without stemming.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import caches
from django.db import DatabaseError, connection, transaction

from roundtable.outputs import fulltext
from roundtable.text import excerpts
from roundtable.text.search_syntax import fts5_query

from .search_windows import BUCKET, VECTOR, Argument, Source, read, windowed, words_of

logger = logging.getLogger(__name__)

FTS_TABLE = "lists_message_fts"
# The same table and columns as a shared index description, for the shared snippets (the
# index itself is created and filled here: by the import, without triggers).
TEXT = fulltext.Index(
    table="lists_message", columns=("subject", "from_name", "from_addr", "own_text")
)
PG_DOCUMENT = (
    "to_tsvector('simple'::regconfig, coalesce(subject, '') || ' ' || coalesce(from_name, '')"
    " || ' ' || coalesce(from_addr, '') || ' ' || coalesce(own_text, ''))"
)


def create_index(schema_editor: object) -> None:
    vendor = schema_editor.connection.vendor  # type: ignore[attr-defined]
    execute = schema_editor.execute  # type: ignore[attr-defined]
    if vendor == "sqlite":
        execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "subject, from_name, from_addr, own_text, content='lists_message', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        execute(
            f"CREATE INDEX IF NOT EXISTS lists_message_search ON lists_message USING GIN "
            f"(({PG_DOCUMENT}))"
        )


def add_vector_column(schema_editor: object) -> None:
    """PostgreSQL: the document as a stored generated tsvector column with its GIN index, in
    place of the expression index. A bounded search walks the newest messages and tests each
    for a match: reading a stored vector is cheap, tokenising the text again per row is not."""
    if schema_editor.connection.vendor != "postgresql":  # type: ignore[attr-defined]
        return
    execute = schema_editor.execute  # type: ignore[attr-defined]
    execute(
        f"ALTER TABLE lists_message ADD COLUMN IF NOT EXISTS {VECTOR} tsvector "
        f"GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED"
    )
    execute(
        f"CREATE INDEX IF NOT EXISTS lists_message_vector ON lists_message USING GIN ({VECTOR})"
    )
    execute("DROP INDEX IF EXISTS lists_message_search")


def drop_vector_column(schema_editor: object) -> None:
    if schema_editor.connection.vendor != "postgresql":  # type: ignore[attr-defined]
        return
    schema_editor.execute(f"ALTER TABLE lists_message DROP COLUMN IF EXISTS {VECTOR}")  # type: ignore[attr-defined]
    create_index(schema_editor)


def add_bucket_index(schema_editor: object) -> None:
    """PostgreSQL: the GIN index over (id / BUCKET, vector) in place of the vector's alone (the
    same lookups on the vector alone, plus the newest buckets' matches in one lookup:
    `search_windows`). btree_gin indexes the bucket; it is a trusted extension (PostgreSQL
    13+): the database's owner may create it without a superuser."""
    if schema_editor.connection.vendor != "postgresql":  # type: ignore[attr-defined]
        return
    execute = schema_editor.execute  # type: ignore[attr-defined]
    execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    # the default 64 MB builds a million messages' index in several passes
    execute("SET LOCAL maintenance_work_mem = '256MB'")
    execute(
        f"CREATE INDEX lists_message_vector_bucket ON lists_message USING GIN "
        f"((id / {BUCKET}), {VECTOR})"
    )
    execute("DROP INDEX IF EXISTS lists_message_vector")
    execute("ALTER INDEX lists_message_vector_bucket RENAME TO lists_message_vector")


def drop_bucket_index(schema_editor: object) -> None:
    if schema_editor.connection.vendor != "postgresql":  # type: ignore[attr-defined]
        return
    execute = schema_editor.execute  # type: ignore[attr-defined]
    execute(f"CREATE INDEX lists_message_vector_plain ON lists_message USING GIN ({VECTOR})")
    execute("DROP INDEX IF EXISTS lists_message_vector")
    execute("ALTER INDEX lists_message_vector_plain RENAME TO lists_message_vector")


def drop_index(schema_editor: object) -> None:
    vendor = schema_editor.connection.vendor  # type: ignore[attr-defined]
    execute = schema_editor.execute  # type: ignore[attr-defined]
    if vendor == "sqlite":
        execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        execute("DROP INDEX IF EXISTS lists_message_search")


def merge_pending() -> None:
    """PostgreSQL: merge the GIN index's pending list into its tree, as a VACUUM would.

    New vectors go to an unsorted pending list first (`fastupdate`, up to
    gin_pending_list_limit, 4 MB), which every lookup of the index reads whole: 340 pages after
    an import cost a rare word's search 1.5-2 ms more until autovacuum, which a large table sees
    seldom. An import ends here instead. fastupdate stays on: writing each vector into the tree
    directly cost inserts 2.8 times (64 kB limit) to 4.6 times (off) as much (docs/running.md)."""
    if connection.vendor != "postgresql":
        return
    try:
        # only the index's owner may (as for VACUUM): a deployment whose application role
        # does not own its tables leaves the merge to autovacuum, the import itself is done
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('lists_message_vector'::regclass)")
    except DatabaseError:
        logger.warning("lists: the search index's pending list was left to autovacuum")


def index_rows(rows: Sequence[tuple[int, str, str, str, str]]) -> None:
    """Index new messages from their values: (pk, subject, from_name, from_addr, own_text)."""
    if connection.vendor != "sqlite" or not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, subject, from_name, from_addr, own_text) "  # noqa: S608 - constant names, bound values
            "VALUES (%s, %s, %s, %s, %s)",
            list(rows),
        )


def index_messages(ids: Sequence[int]) -> None:
    if connection.vendor != "sqlite" or not ids:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("%s" for _ in chunk)
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, subject, from_name, from_addr, own_text) "  # noqa: S608 - constant names, bound values
                f"SELECT id, subject, from_name, from_addr, own_text FROM lists_message "
                f"WHERE id IN ({marks})",
                list(chunk),
            )


def unindex_messages(rows: Iterable[tuple[int, str, str, str, str]]) -> None:
    """Remove rows from the FTS5 index; needs the old values (external-content table)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, subject, from_name, from_addr, "
            "own_text) VALUES('delete', %s, %s, %s, %s, %s)",
            list(rows),
        )


@dataclass(frozen=True)
class Hit:
    message_pk: int
    snippet_html: str
    rank: float  # higher first: minus the id (newest first, docs/lists.md "Search")


# The most matches a search pages through: the newest CAP of them, read in id order from the
# index, stopping at the page asked for, so a word in every message costs what a word in a
# page's worth of messages does. The last page says when more matched, to be refined: more
# words match fewer messages, and an author or dates narrow the read itself, so an older
# match is found that way.
CAP = 500
# SQLite: Django's index on the list's foreign key, (mailing_list_id, rowid). The list filter
# is answered from it without reading the message rows, which sit in a 5 GB table with the
# list id stored after the texts (overflow pages): 500 rows read cost 5-20 ms, the index 1.
LIST_INDEX = "lists_message_mailing_list_id_1ccf041a"


@dataclass(frozen=True)
class Found:
    hits: list[Hit]
    capped: bool  # this page ends at CAP and more matched: the newest CAP can be paged through


def search(
    *,
    text: str,
    list_ids: Sequence[int] | None = None,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    author: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[Hit]:
    """Messages matching `text`, newest first, with a highlighted snippet (safe HTML)."""
    return search_capped(text=text, list_ids=list_ids, date_from=date_from, date_to=date_to,
                         author=author, limit=limit, offset=offset).hits  # fmt: skip


def search_capped(
    *,
    text: str,
    list_ids: Sequence[int] | None = None,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    author: str = "",
    limit: int = 50,
    offset: int = 0,
    capped: bool = True,
    snippets: bool = True,
) -> Found:
    """The page `offset`..`offset + limit` of the newest CAP matches, newest first, with
    highlighted snippets: bounded work whatever the archive and the word.

    Newest first, not bm25 or ts_rank: FTS5's bm25 counts the rows holding each term over the
    whole index (85-120 ms for "the" at a million messages), and any score needs each
    candidate's row or vector read before the first page can be chosen (a rare word's
    matches are spread over the whole table; a phrase on PostgreSQL is checked row by row).
    Only the ids down to the page asked for are read, then the page's rows; the page that
    reaches CAP reads one more, to say whether more matched (docs/lists.md, "Search").

    `capped=False` (the site search, whose own pages stop at page 100): no cap applies.
    `snippets=False`: hits without them, for a caller that reads the rows' text itself
    (`excerpts.excerpt`)."""
    if not excerpts.terms(text) or (list_ids is not None and not list_ids):
        return Found([], capped=False)
    window = min(CAP, offset + limit) if capped else offset + limit
    read = CAP + 1 if capped and window == CAP else window
    ids = _matching_ids(text, list_ids, date_from, date_to, author, limit=read)
    chosen = ids[offset:window]
    # Snippets of the page's hits only (computing them is the costly part of a search).
    found = fulltext.snippets(TEXT, text=text, column="own_text", ids=chosen) if snippets else {}
    hits = [Hit(message_pk=pk, snippet_html=found.get(pk, ""), rank=float(-pk))
            for pk in chosen]  # fmt: skip
    return Found(hits, capped=len(ids) > window)


def _matching_ids(
    text: str,
    list_ids: Sequence[int] | None,
    date_from: datetime | None,
    date_to: datetime | None,
    author: str,
    *,
    limit: int,
) -> list[int]:
    """Ids of the newest `limit` matching messages, newest first."""
    where: list[str] = []
    params: list[Argument] = []
    if list_ids is not None:
        where.append(f"m.mailing_list_id IN ({','.join('%s' for _ in list_ids)})")
        params.extend(list_ids)
    if date_from is not None:
        where.append("m.date >= %s")
        params.append(date_from)
    if date_to is not None:
        where.append("m.date < %s")
        params.append(date_to)
    if author:
        where.append("(LOWER(m.from_addr) = LOWER(%s) OR LOWER(m.from_name) LIKE LOWER(%s))")
        params.extend([author, f"%{author}%"])
    extra = "".join(f" AND {clause}" for clause in where)
    if connection.vendor == "sqlite":
        query = fts5_query(text)
        if not query:
            return []
        # Dates or an author need the rows; the list alone is in its index.
        only_lists = list_ids is not None and not (date_from or date_to or author)
        rows = f" INDEXED BY {LIST_INDEX}" if only_lists else ""
        sql = (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608 - constant names, bound values
            f"AND EXISTS (SELECT 1 FROM lists_message m{rows} WHERE m.id = {FTS_TABLE}.rowid"
            f"{extra}) ORDER BY rowid DESC LIMIT %s"
        )
        return read(sql, [query, *params, limit])
    matching = (
        f"FROM lists_message m, websearch_to_tsquery('simple'::regconfig, %s) q "  # noqa: S608 - constant names, bound values
        f"WHERE m.{VECTOR} @@ q{extra}"
    )
    args: list[Argument] = [text, *params]
    estimate, total = _estimate(matching, args)
    common = estimate * estimate > limit * total and estimate > total / 100
    phrase = '"' in text
    if common and not phrase:
        # a common word: walking the newest rows back stops within a few rows of the page
        return read(f"SELECT m.id {matching} ORDER BY m.id DESC LIMIT %s", [*args, limit])
    words = words_of(text) if phrase else None
    candidates = (
        Source(f"FROM lists_message m WHERE m.{VECTOR} @@ %s::tsquery{extra}", [words, *params],
               phrase=text)
        if words
        else None
    )  # fmt: skip
    return windowed(Source(matching, args), limit, estimate, total, common=common,
                    phrase=phrase, candidates=candidates)  # fmt: skip


# How long the planner's estimate of a search's matches is kept (seconds). It only chooses how
# the ids are read, never which: a stale one costs time, not results. ANALYZE changes it slowly.
ESTIMATE_SECONDS = 3600


def _estimate(matching: str, params: list[Argument]) -> tuple[float, float]:
    """The planner's estimate of a search's matches and the table's size: whether to walk the
    newest rows back (a common word) and how many of the newest rows hold a page's matches.

    Not left to the planner, which picks walking the newest rows backwards for any small LIMIT:
    right for common words, but a word found in no message then tests every row's vector (ten
    seconds at a million). Walking back costs about limit * rows / matches vector tests, the GIN
    bitmap about `matches` row reads: walk back only when the planner's own estimate of the
    matches exceeds sqrt(limit * rows) and 1% of the rows (a word outside its statistics' most
    common ones is guessed at about 0.5%, whether it is in 5,000 messages or in none), and the
    words are not a phrase (the estimate is that of its words together, which a phrase's
    matches may be a small part of). `m.id + 0` keeps the bitmap from being replaced by the
    walk.

    The estimate and the table's size are kept in the `rows` cache (where searches' rows go,
    so a flood of distinct searches never evicts the rights matrix) per statement and
    arguments (the words, the lists, the dates, the author): reading them cost two round trips
    and a planning of the statement, as much as the search itself on a common word."""
    digest = hashlib.sha256(repr((matching, params)).encode()).hexdigest()
    key = f"lists:search-estimate:{digest}"
    found: tuple[float, float] | None = caches["rows"].get(key)
    if found is None:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT m.id {matching}", params)
            plan = cursor.fetchone()[0]
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'lists_message'")
            found = (float(plan[0]["Plan"]["Plan Rows"]), max(1.0, float(cursor.fetchone()[0])))
        caches["rows"].set(key, found, ESTIMATE_SECONDS)
    return found
