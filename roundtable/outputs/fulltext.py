"""Full-text indexes over a table's text columns, and a bounded ranked match against them.

The same kind as the list archives' (roundtable/lists/search.py): SQLite FTS5 external-content
tables (unicode61 tokenizer, no stemming) and PostgreSQL stored tsvector columns with a GIN
index, in the language-neutral 'simple' configuration unless the index names a language column
(below). The query syntax and the excerpts
(cut in Python, the same on both databases) are shared with the lists through
roundtable/text/search_syntax.py and roundtable/text/excerpts.py.

Kept in step by the database, whatever writes the rows: on PostgreSQL the vector is a
generated column; on SQLite, triggers after INSERT, DELETE and UPDATE OF the indexed columns
write the FTS5 table. So every action, the "Have your say" import, bulk paths and the test
suite's flushes update it, and creating the index fills it from the existing rows.

Caveat (SQLite): Django's schema editor remakes a table to alter most columns, and dropping
the old table drops its triggers. A migration that alters an indexed table must call
`create` again after it (tests/search/test_search_languages.py fails if the triggers are gone).

Languages (issue 18): an index may name a `language` column holding each row's code (ar,
zh-hans, en, es, fr, ru; anything else, blank included, is read as language-neutral). Registering
a table is one line beside its model, then a migration calling `create` (and `drop` back):

    PARAGRAPH_TEXT = Index(table="translations_paragraph", columns=("text",), language="language")

PostgreSQL: each row's vector is built in its language's configuration (`CONFIGS`: arabic,
english, french, russian, spanish; 'simple' otherwise) and the query is parsed in the row's own
configuration, so "policies" finds an English "policy" and "политики" a Russian "политика".
The GIN index is read with the OR of the query in every configuration; each candidate is then
checked against the query in its own. Arabic: the snowball stemmer drops diacritics and the
article (الحكومة, حُكُومَة and حكومة are one word) but not a conjunction before it (والسياسة).
No configuration removes accents: "reglementation" does not find "réglementation" (SQLite does).

Chinese (`TRIGRAM`, no configuration, no spaces between words): a trigram index over the
Chinese rows only, PostgreSQL pg_trgm (GIN gin_trgm_ops, a partial index) and an SQLite FTS5
table with the `trigram` tokenizer (`{fts}_trigram`, filled by its own triggers). Each word of
a query holding a Chinese character must occur in the text as a substring. A word of three
characters or more is looked up in the trigram index; a word of one or two characters (人民)
has no trigram, so it is a substring test over the Chinese rows only, newest first and stopped
at the page (PostgreSQL: a partial index of the Chinese rows' ids, walked backwards; SQLite:
the trigram table in rowid order); found nowhere, it reads every Chinese row
(bench/bench_search_languages.py measures it). SQLite has no stemming: the other
languages are matched word for word there (unicode61, accents removed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from roundtable.outputs import fulltext_languages as languages
from roundtable.text import excerpts
from roundtable.text.search_syntax import fts5_query


@dataclass(frozen=True)
class Index:
    table: str  # the content table, e.g. "contributions_contribution"
    columns: tuple[str, ...]  # its text columns, indexed together
    language: str = ""  # the column holding each row's language code; none: all 'simple'

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    @property
    def vector(self) -> str:
        return "search_vector"

    def joined(self, row: str = "") -> str:
        """The indexed columns as one text (`row`: a prefix such as "t." or "new.")."""
        return " || ' ' || ".join(f"coalesce({row}{column}, '')" for column in self.columns)

    def pg_document(self) -> str:
        if not self.language:
            return f"to_tsvector('simple'::regconfig, {self.joined()})"
        return f"to_tsvector({languages.pg_config(self.language)}, {self.joined()})"


def create(index: Index, schema_editor: object) -> None:
    """Create the index (and its SQLite triggers) and fill it from the rows already there."""
    vendor = schema_editor.connection.vendor  # type: ignore[attr-defined]
    execute = schema_editor.execute  # type: ignore[attr-defined]
    columns = ", ".join(index.columns)
    if vendor == "postgresql":
        execute(
            f"ALTER TABLE {index.table} ADD COLUMN IF NOT EXISTS {index.vector} tsvector "
            f"GENERATED ALWAYS AS ({index.pg_document()}) STORED"
        )
        execute(
            f"CREATE INDEX IF NOT EXISTS {index.table}_vector ON {index.table} "
            f"USING GIN ({index.vector})"
        )
        if index.language:
            languages.create_pg_trigram(index, execute)
        # Statistics on the new column: without them the planner guesses a few hundred
        # matches for any word and bitmaps every row holding "the" (a second at 100,000
        # rows) instead of walking the newest rows backwards and stopping at the page.
        execute(f"ANALYZE {index.table}")
        return
    if vendor != "sqlite":
        return
    new = ", ".join(f"new.{column}" for column in index.columns)
    old = ", ".join(f"old.{column}" for column in index.columns)
    fts = index.fts
    execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({columns}, "
        f"content='{index.table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    # Constant names only (an Index is declared in code), no values: nothing to inject.
    add = f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {new});"  # noqa: S608
    remove = f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.id, {old});"  # noqa: S608
    for name, when, body in (
        ("ai", "AFTER INSERT", add),
        ("ad", "AFTER DELETE", remove),
        ("au", f"AFTER UPDATE OF {columns}", remove + " " + add),
    ):
        execute(
            f"CREATE TRIGGER IF NOT EXISTS {fts}_{name} {when} ON {index.table} BEGIN {body} END"
        )
    execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608
    if index.language:
        languages.create_sqlite_trigram(index, execute)


def drop(index: Index, schema_editor: object) -> None:
    vendor = schema_editor.connection.vendor  # type: ignore[attr-defined]
    execute = schema_editor.execute  # type: ignore[attr-defined]
    if vendor == "postgresql":
        execute(f"ALTER TABLE {index.table} DROP COLUMN IF EXISTS {index.vector}")
        execute(f"DROP INDEX IF EXISTS {index.table}_trigram")
        execute(f"DROP INDEX IF EXISTS {index.table}_chinese_ids")
    elif vendor == "sqlite":
        languages.drop_sqlite_trigram(index, execute)
        for name in ("ai", "ad", "au"):
            execute(f"DROP TRIGGER IF EXISTS {index.fts}_{name}")
        execute(f"DROP TABLE IF EXISTS {index.fts}")


def _matching(
    index: Index,
    select: str,
    text: str,
    join: str,
    where: str,
    params: Sequence[int | str],
    limit: int,
    offset: int,
    *,
    outer: str = "",
) -> list[tuple[Any, ...]]:
    """`select` (constant SQL over `t` and `join`) of the newest matching rows, newest first;
    with `outer`, that statement's rows (its `h.id`) are what `outer` reads. `join` (constant
    SQL, no parameters) and `where` (with `params`) narrow the content table `t`, e.g. to what
    the viewer may observe, inside the read.

    Newest first rather than bm25/ts_rank: the index is read in id order and the read stops
    after `limit` matches, so a word in every row costs what a rare one does. FTS5's bm25
    counts the rows holding each term over the whole index first (a word in a million
    messages, or a phrase of two, costs a second), and ts_rank over the newest N matches
    would read N vectors for a page of ten."""
    extra = f" AND {where}" if where else ""
    chinese = languages.wants_trigrams(index, text)
    bound: list[int | str]
    if connection.vendor == "sqlite":
        query = fts5_query(text)
        if not query:
            return []
        bound = [query]
        if chinese:
            # Any row whose words match, or a Chinese row holding the terms: each index read
            # newest first and stopped at the page (the trigram table scanned in rowid order
            # stops after a common 2-character word's first hits: 0.1 ms, not 14 for reading
            # all 5,000 Chinese rows), their union cut to the page.
            tri = languages.trigram_table(index)
            also, more = languages.sqlite_chinese(index, text)
            shown = limit + offset
            bound += [*params, shown, *more, *params, shown]
            streams = (
                f"SELECT id FROM (SELECT t.id AS id FROM {index.fts} "  # noqa: S608 - constant names, bound values
                f"JOIN {index.table} t ON t.id = {index.fts}.rowid {join} "
                f"WHERE {index.fts} MATCH %s{extra} ORDER BY {index.fts}.rowid DESC LIMIT %s) "
                f"UNION SELECT id FROM (SELECT t.id AS id FROM {tri} "
                f"JOIN {index.table} t ON t.id = {tri}.rowid {join} "
                f"WHERE {also}{extra} ORDER BY {tri}.rowid DESC LIMIT %s)"
            )
            sql = (
                f"SELECT {select} FROM {index.table} t {join} "  # noqa: S608 - constant names, bound values
                f"WHERE t.id IN ({streams}){extra} ORDER BY t.id DESC LIMIT %s OFFSET %s"
            )
        else:
            sql = (
                f"SELECT {select} FROM {index.fts} "  # noqa: S608 - constant names, bound values
                f"JOIN {index.table} t ON t.id = {index.fts}.rowid {join} "
                f"WHERE {index.fts} MATCH %s{extra} ORDER BY {index.fts}.rowid DESC "
                "LIMIT %s OFFSET %s"
            )
    elif index.language:
        words, times = languages.pg_words(index)
        bound = [text] * times
        if chinese:
            # Two reads, each through its own index (ORed in one WHERE, the planner read
            # every row's vector for a 2-character word: 90 ms at 60,000 rows), each newest
            # first and stopped at the page, as on SQLite: a 1-2-character word has no
            # trigram, and the Chinese arm walks the partial index of the Chinese rows' ids
            # backwards until the page is full, instead of testing every Chinese row.
            also, more = languages.pg_chinese(index, text)
            shown = limit + offset
            words = (
                f"t.id IN (SELECT id FROM (SELECT t.id AS id FROM {index.table} t {join} "  # noqa: S608 - constant names
                f"WHERE {words}{extra} ORDER BY t.id DESC LIMIT %s) w "
                f"UNION SELECT id FROM (SELECT t.id AS id FROM {index.table} t {join} "
                f"WHERE {also}{extra} ORDER BY t.id DESC LIMIT %s) c)"
            )
            bound += [*params, shown, *more, *params, shown]
        sql = (
            f"SELECT {select} FROM {index.table} t {join} "  # noqa: S608 - constant names, bound values
            f"WHERE {words}{extra} ORDER BY t.id DESC LIMIT %s OFFSET %s"
        )
    else:
        bound = [text]
        sql = (
            f"SELECT {select} FROM {index.table} t {join} "  # noqa: S608 - constant names, bound values
            f"CROSS JOIN websearch_to_tsquery('simple'::regconfig, %s) q "
            f"WHERE t.{index.vector} @@ q{extra} ORDER BY t.id DESC LIMIT %s OFFSET %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(
            outer.replace("{hits}", sql) if outer else sql, [*bound, *params, limit, offset]
        )
        return list(cursor.fetchall())


def snippets(index: Index, *, text: str, column: str, ids: Sequence[int]) -> dict[int, str]:
    """Highlighted excerpts (safe HTML) of `column` for a page of hits only, cut in Python from
    a bounded prefix of each text (roundtable/text/excerpts.py): the databases' own snippet
    functions read, and on PostgreSQL tokenise again, every hit's whole text."""
    wanted = excerpts.terms(text)
    if not ids or not wanted:
        return {}
    marks = ",".join("%s" for _ in ids)
    sql = (
        f"SELECT id, substr({column}, 1, {excerpts.PREFIX}) FROM {index.table} "  # noqa: S608 - constant names, bound values
        f"WHERE id IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(ids))
        found = [(pk, value or "") for pk, value in cursor]
    marked = highlighted_heads([head for _, head in found], wanted)
    return {pk: html for (pk, _), html in zip(found, marked, strict=True)}


def found(
    index: Index,
    *,
    text: str,
    shown: Mapping[str, str],
    shown_join: str = "",
    join: str = "",
    where: str = "",
    params: Sequence[int | str] = (),
    limit: int,
    offset: int = 0,
    column: str = "",
    moments: Sequence[str] = (),
) -> list[Found]:
    """A page of the newest matches (`limit` rows after the newest `offset`; `join`, `where`
    and `params` narrow it as in `_matching`), each row with `pk` and the attributes `shown` names (name: constant
    SQL over `t` and `shown_join`, joined for the page's rows only); `moments` names the
    date-times among them. With `column`, each also has `snippet_html`, a highlighted excerpt
    of that column, and `search_head`, its first excerpts.PREFIX characters.

    One statement: a second read of the hits through the ORM (models and their related rows),
    and a third for the excerpts, were most of the site search's time."""
    names = list(shown)
    head = f", substr(t.{column}, 1, {excerpts.PREFIX})" if column else ""
    # The page's ids first, then their fields: read in the match itself, the fields (and the
    # excerpt's prefix) were computed for every match before the sort (PostgreSQL, a rare word:
    # 358 contributions' texts cut for 10 shown, 12 ms instead of 1).
    outer = (
        f"SELECT t.id, {', '.join(shown.values())}{head} FROM ({{hits}}) h "  # noqa: S608 - constant SQL, bound values
        f"JOIN {index.table} t ON t.id = h.id {shown_join} ORDER BY t.id DESC"
    )
    fetched = _matching(index, "t.id", text, join, where, params, limit, offset, outer=outer)
    wanted = excerpts.terms(text) if column and fetched else ()
    heads = [values[-1] or "" for values in fetched] if column else []
    marked = highlighted_heads(heads, wanted) if wanted else [""] * len(heads)
    rows: list[Found] = []
    for number, values in enumerate(fetched):
        row = Found(pk=values[0], **dict(zip(names, values[1 : len(names) + 1], strict=True)))
        for name in moments:
            setattr(row, name, read_moment(getattr(row, name)))
        if column:
            row.search_head = heads[number]
            row.snippet_html = marked[number] if row.search_head else ""
        rows.append(row)
    return rows


class Found(SimpleNamespace):
    """One hit as the page shows it (attributes as `found` read them)."""

    pk: int


def read_moment(value: Any) -> datetime | None:
    """A date-time read without the ORM: SQLite gives text, in UTC without an offset (USE_TZ)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if isinstance(value, datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value if isinstance(value, datetime) else None


def highlighted_heads(heads: Sequence[str], wanted: excerpts.Terms) -> list[str]:
    """`excerpts.highlighted` of each text head (safe HTML), kept in the `rows` cache by the
    words and the head's own content: the same for every viewer, and a changed text is another
    key. Cutting and marking 50 excerpts cost ~2.5 ms of a search page for a common word."""
    rows = caches["rows"]
    words = repr(wanted).encode()
    keys = [
        "fulltext:excerpt:" + hashlib.sha256(words + b"\0" + head.encode()).hexdigest()
        for head in heads
    ]
    kept = rows.get_many(keys)
    fresh = {
        key: excerpts.highlighted(head, wanted)
        for key, head in zip(keys, heads, strict=True)
        if key not in kept
    }
    if fresh:
        rows.set_many(fresh, timeout=None)
    return [kept[key] if key in kept else fresh[key] for key in keys]
