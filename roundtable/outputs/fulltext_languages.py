"""The languages of a full-text index (roundtable/outputs/fulltext.py, its docstring says how
they are matched): PostgreSQL's configuration for each row's language, and the trigram index and
matching for Chinese on both databases. Names are constants from an Index declared in code; the
words of a query are always bound parameters."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from roundtable.text.search_syntax import TOKEN, fts5_query

if TYPE_CHECKING:
    from roundtable.outputs.fulltext import Index

# Our language codes and PostgreSQL's built-in snowball configurations for them.
CONFIGS = {"ar": "arabic", "en": "english", "es": "spanish", "fr": "french", "ru": "russian"}
# Written without spaces between words: matched by trigrams (and substrings), not by words.
TRIGRAM = ("zh-hans", "zh-hant", "zh")
# Han ideographs (unified, extension A, compatibility): a query holding one also reads the
# trigram index; any other query leaves it alone.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SHORTEST_TRIGRAM = 3

Execute = Callable[[str], object]


def pg_config(column: str) -> str:
    """SQL for the regconfig of the row's language in `column` ('simple' for any other)."""
    whens = " ".join(f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in CONFIGS.items())
    return f"CASE {column} {whens} ELSE 'simple'::regconfig END"


def _trigram_codes() -> str:
    return ", ".join(f"'{code}'" for code in TRIGRAM)


def create_pg_trigram(index: Index, execute: Execute) -> None:
    """A partial pg_trgm index over the Chinese rows' text (pg_trgm is a trusted extension:
    the database's owner may create it, as btree_gin in lists migration 0011)."""
    execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    execute(
        f"CREATE INDEX IF NOT EXISTS {index.table}_trigram ON {index.table} "
        f"USING GIN (({index.joined()}) gin_trgm_ops) "
        f"WHERE {index.language} IN ({_trigram_codes()})"
    )
    create_pg_chinese_ids(index, execute)


def create_pg_chinese_ids(index: Index, execute: Execute) -> None:
    """The Chinese rows' ids (a partial b-tree): a 1-2-character word has no trigram, so its
    read walks these backwards, newest first, and stops at the page."""
    execute(
        f"CREATE INDEX IF NOT EXISTS {index.table}_chinese_ids ON {index.table} (id) "
        f"WHERE {index.language} IN ({_trigram_codes()})"
    )


def create_sqlite_trigram(index: Index, execute: Execute) -> None:
    """An FTS5 `trigram` table holding the Chinese rows' text (its own copy: an external-content
    table's 'rebuild' would read every row), its triggers, and its rows filled afresh (safe to
    call again after a table remake, as `create` is)."""
    tri = trigram_table(index)
    codes = _trigram_codes()
    execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {tri} USING fts5(document, tokenize='trigram')")
    add = (
        f"INSERT INTO {tri}(rowid, document) SELECT new.id, {index.joined('new.')} "  # noqa: S608 - constant names
        f"WHERE new.{index.language} IN ({codes});"
    )
    remove = f"DELETE FROM {tri} WHERE rowid = old.id;"  # noqa: S608 - constant names
    watched = ", ".join((*index.columns, index.language))
    for name, when, body in (
        ("ai", "AFTER INSERT", add),
        ("ad", "AFTER DELETE", remove),
        ("au", f"AFTER UPDATE OF {watched}", remove + " " + add),
    ):
        execute(
            f"CREATE TRIGGER IF NOT EXISTS {tri}_{name} {when} ON {index.table} BEGIN {body} END"
        )
    execute(f"DELETE FROM {tri}")  # noqa: S608 - constant names
    execute(
        f"INSERT INTO {tri}(rowid, document) SELECT id, {index.joined()} FROM {index.table} "  # noqa: S608 - constant names
        f"WHERE {index.language} IN ({codes})"
    )


def drop_sqlite_trigram(index: Index, execute: Execute) -> None:
    tri = trigram_table(index)
    for name in ("ai", "ad", "au"):
        execute(f"DROP TRIGGER IF EXISTS {tri}_{name}")
    execute(f"DROP TABLE IF EXISTS {tri}")


def wants_trigrams(index: Index, text: str) -> bool:
    return bool(index.language) and HAN.search(text) is not None


def _terms(text: str) -> list[str]:
    return [term for phrase, word in TOKEN.findall(text) if (term := (phrase or word).strip())]


def trigram_table(index: Index) -> str:
    return f"{index.fts}_trigram"


def sqlite_chinese(index: Index, text: str) -> tuple[str, list[str]]:
    """A condition on the trigram table: a Chinese row holding every term of `text` as a
    substring. Terms of 3+ characters through the trigram index (case-insensitive), shorter
    ones by instr() over the Chinese rows' copy (the trigram tokenizer matches nothing shorter
    than a trigram)."""
    terms = _terms(text)
    longer = fts5_query(" ".join(f'"{t}"' for t in terms if len(t) >= SHORTEST_TRIGRAM))
    tests = [f"{trigram_table(index)} MATCH %s"] if longer else []
    tests += ["instr(document, %s) > 0" for t in terms if len(t) < SHORTEST_TRIGRAM]
    params = ([longer] if longer else []) + [t for t in terms if len(t) < SHORTEST_TRIGRAM]
    return " AND ".join(tests) or "0", params


def pg_chinese(index: Index, text: str) -> tuple[str, list[str]]:
    """A condition on `t`: a Chinese row whose text holds every term of `text` (LIKE, read
    through the partial trigram index; a term under 3 characters has no trigram, so that test
    reads the Chinese rows, not the table). LIKE, not ILIKE: Chinese has no case, and ILIKE
    folds every candidate's whole text (73 ms for 5,000 rows for a 2-character word); a
    Latin word in a Chinese row is found, in any case, by the word index."""
    terms = _terms(text)
    document = index.joined("t.")
    likes = [f"({document}) LIKE %s" for _ in terms] or ["false"]
    params = [
        "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms
    ]
    codes = _trigram_codes()
    return f"(t.{index.language} IN ({codes}) AND {' AND '.join(likes)})", params


def pg_words(index: Index) -> tuple[str, int]:
    """A condition on `t` and how many times it binds the query's text: the GIN index read with
    the query in every configuration (ORed), each candidate checked in its own row's. Every
    branch is a constant the planner computes once (a query parsed per candidate row cost
    27 ms for 1,758 Arabic matches)."""
    names = ("simple", *CONFIGS.values())
    every = " || ".join(f"websearch_to_tsquery('{name}'::regconfig, %s)" for name in names)
    whens = " ".join(
        f"WHEN '{code}' THEN websearch_to_tsquery('{name}'::regconfig, %s)"
        for code, name in CONFIGS.items()
    )
    own = f"CASE t.{index.language} {whens} ELSE websearch_to_tsquery('simple'::regconfig, %s) END"
    return f"(t.{index.vector} @@ ({every}) AND t.{index.vector} @@ {own})", 2 * len(names)
