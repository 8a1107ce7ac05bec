"""Full-text search over subject, author and own text: SQLite FTS5 or PostgreSQL tsvector.

One query API for both. The index is maintained by the import (no triggers): `index_messages`
after inserting, `unindex_messages` before deleting. PostgreSQL uses a GIN expression index
over the same text with the language-neutral 'simple' configuration (the lists are
multilingual); SQLite uses FTS5's unicode61 tokenizer, also without stemming.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from roundtable.outputs import fulltext
from roundtable.text.search_syntax import fts5_query

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


VECTOR = "search_vector"


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


def drop_index(schema_editor: object) -> None:
    vendor = schema_editor.connection.vendor  # type: ignore[attr-defined]
    execute = schema_editor.execute  # type: ignore[attr-defined]
    if vendor == "sqlite":
        execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        execute("DROP INDEX IF EXISTS lists_message_search")


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
    rank: float


# The most matches a search ranks: the newest CAP of them (read in id order from the index,
# then ranked), so a word in every message costs what a word in CAP messages does; a search
# that reaches the cap says so, to be refined.
CAP = 1000


@dataclass(frozen=True)
class Found:
    hits: list[Hit]
    capped: bool  # more matches than CAP: only the newest CAP were ranked


def search(
    *,
    text: str,
    list_ids: Sequence[int] | None = None,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    author: str = "",
    limit: int = 50,
    offset: int = 0,
    ranked: bool = True,
) -> list[Hit]:
    """Messages matching `text`, best first, with a highlighted snippet (safe HTML)."""
    return search_capped(text=text, list_ids=list_ids, date_from=date_from, date_to=date_to,
                         author=author, limit=limit, offset=offset, ranked=ranked).hits  # fmt: skip


def search_capped(
    *,
    text: str,
    list_ids: Sequence[int] | None = None,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    author: str = "",
    limit: int = 50,
    offset: int = 0,
    ranked: bool = True,
) -> Found:
    """The newest CAP matches ranked (best first, ties by id), the page `offset`..`limit` of
    them with highlighted snippets: bounded work whatever the archive and the word.

    `ranked=False` (the site search): newest first, reading only the newest `offset + limit`
    matches. FTS5's bm25 counts the rows holding each term over the whole index, which for a
    word in every message (or a phrase of two) costs more than everything else together."""
    window = CAP if ranked else offset + limit
    if not text.strip() or (list_ids is not None and not list_ids):
        return Found([], capped=False)
    where: list[str] = []
    params: list[int | str | datetime] = []
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
            return Found([], capped=False)
        sql = (
            f"SELECT m.id, {f'bm25({FTS_TABLE})' if ranked else '0'} FROM {FTS_TABLE} "  # noqa: S608 - constant names, bound values
            f"JOIN lists_message m ON m.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s{extra} "
            f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s"
        )
        args: list[int | str | datetime] = [query, *params, window]
    else:
        sql = (
            f"SELECT m.id, {f'ts_rank(m.{VECTOR}, q)' if ranked else '0'} FROM lists_message m, "  # noqa: S608 - constant names, bound values
            f"websearch_to_tsquery('simple'::regconfig, %s) q WHERE m.{VECTOR} @@ q{extra} "
            "ORDER BY m.id DESC LIMIT %s"
        )
        args = [text, *params, window]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        candidates = cursor.fetchall()
    # bm25 is better when lower, ts_rank when higher
    sign = 1.0 if connection.vendor == "sqlite" else -1.0
    if ranked:
        chosen = sorted((sign * float(rank or 0), pk) for pk, rank in candidates)
    else:
        chosen = [(0.0, pk) for pk, _rank in candidates]
    chosen = chosen[offset : offset + limit]
    # Snippets of the page's hits only (computing them is the costly part of a search).
    snippets = fulltext.snippets(TEXT, text=text, column="own_text", ids=[pk for _r, pk in chosen])
    hits = [Hit(message_pk=pk, snippet_html=snippets.get(pk, ""), rank=sign * rank)
            for rank, pk in chosen]  # fmt: skip
    return Found(hits, capped=ranked and len(candidates) >= CAP)
