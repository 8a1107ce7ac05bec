"""Full-text search over subject, author and own text: SQLite FTS5 or PostgreSQL tsvector.

One query API for both. The index is maintained by the import (no triggers): `index_messages`
after inserting, `unindex_messages` before deleting. PostgreSQL uses a GIN expression index
over the same text with the language-neutral 'simple' configuration (the lists are
multilingual); SQLite uses FTS5's unicode61 tokenizer, also without stemming.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils.html import escape

FTS_TABLE = "lists_message_fts"
PG_DOCUMENT = (
    "to_tsvector('simple'::regconfig, coalesce(subject, '') || ' ' || coalesce(from_name, '')"
    " || ' ' || coalesce(from_addr, '') || ' ' || coalesce(own_text, ''))"
)
START, STOP = "\x02", "\x03"
TOKEN = re.compile(r'"([^"]+)"|(\S+)')


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


def _fts_query(text: str) -> str:
    terms = []
    for phrase, word in TOKEN.findall(text):
        term = (phrase or word).replace('"', '""').strip()
        if term:
            terms.append(f'"{term}"')
    return " ".join(terms)


def _highlight(snippet: str) -> str:
    return escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")


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
    """Messages matching `text`, best first, with a highlighted snippet (safe HTML)."""
    if not text.strip():
        return []
    where: list[str] = []
    params: list[int | str | datetime] = []
    if list_ids is not None:
        if not list_ids:
            return []
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
        query = _fts_query(text)
        if not query:
            return []
        sql = (
            f"SELECT m.id, snippet({FTS_TABLE}, 3, %s, %s, '…', 24), bm25({FTS_TABLE}) "  # noqa: S608 - constant names, bound values
            f"FROM {FTS_TABLE} JOIN lists_message m ON m.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s{extra} ORDER BY bm25({FTS_TABLE}), m.id "
            "LIMIT %s OFFSET %s"
        )
        args: list[int | str | datetime] = [START, STOP, query, *params, limit, offset]
    else:
        sql = (
            "SELECT m.id, ts_headline('simple'::regconfig, coalesce(m.own_text, ''), q, "
            "%s), ts_rank(" + PG_DOCUMENT.replace("subject", "m.subject").replace(
                "from_name", "m.from_name").replace("from_addr", "m.from_addr").replace(
                "own_text", "m.own_text") + ", q) AS rank "
            "FROM lists_message m, websearch_to_tsquery('simple'::regconfig, %s) q "
            "WHERE " + PG_DOCUMENT.replace("subject", "m.subject").replace(
                "from_name", "m.from_name").replace("from_addr", "m.from_addr").replace(
                "own_text", "m.own_text") + f" @@ q{extra} ORDER BY rank DESC, m.id "
            "LIMIT %s OFFSET %s"
        )  # fmt: skip
        options = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=2"
        args = [options, text, *params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        rows = cursor.fetchall()
    return [Hit(message_pk=row[0], snippet_html=_highlight(row[1] or ""), rank=float(row[2] or 0))
            for row in rows]  # fmt: skip
