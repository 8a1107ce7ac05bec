"""Searching a list's archive (or every list the viewer may observe): the page of matches
(lists/search.py finds the ids) with the rows and excerpts a result shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection

from roundtable.outputs import fulltext
from roundtable.text import excerpts

from . import search
from .models import MailingList, Message, Thread
from .queries import visible_lists


class FoundMessage(NamedTuple):
    """What a search result shows of its message (lists/_search_result_row.html): read as
    plain rows, since building 51 messages and their threads through the ORM took ~4 ms of a
    list search page (the statement itself ~1 ms)."""

    key: str
    subject: str
    from_name: str
    from_addr: str
    date: datetime | None
    mailing_list: MailingList
    thread_key: str | None


@dataclass(frozen=True)
class SearchResult:
    message: FoundMessage
    snippet_html: str


# What a result row shows of each found message, its list and thread, and its text's head for
# the excerpt, read in one plain statement for the list search and the site search alike.
# Table names come from the models, the ids go as parameters.
_FOUND = (
    "SELECT m.id, m.key, m.subject, m.from_name, m.from_addr, m.date, m.mailing_list_id, t.key, "  # noqa: S608
    f"l.slug, l.name, substr(m.own_text, 1, {excerpts.PREFIX}) FROM {Message._meta.db_table} m "
    f"JOIN {MailingList._meta.db_table} l ON l.id = m.mailing_list_id "
    f"LEFT JOIN {Thread._meta.db_table} t ON t.id = m.thread_id WHERE m.id IN ({{}})"
)


class _Row(NamedTuple):
    pk: int
    key: str
    subject: str
    from_name: str
    from_addr: str
    date: datetime | None
    list_id: int
    thread_key: str | None
    list_slug: str
    list_name: str
    snippet_html: str


def _found_rows(ids: Sequence[int], text: str) -> list[_Row]:
    """The rows of the found messages `ids`, in their order, with their marked excerpts (a
    message deleted since the match is left out)."""
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_FOUND.format(",".join("%s" for _ in ids)), list(ids))
        rows = {values[0]: values for values in cursor.fetchall()}
    kept = [rows[pk] for pk in ids if pk in rows]
    marked = fulltext.highlighted_heads([values[10] or "" for values in kept], excerpts.terms(text))
    return [
        _Row(pk, key, subject, name, addr, fulltext.read_moment(moment), list_id, thread_key,
             slug, list_name, html)
        for (pk, key, subject, name, addr, moment, list_id, thread_key, slug, list_name, _head),
        html in zip(kept, marked, strict=True)
    ]  # fmt: skip


@dataclass(frozen=True)
class SearchPage:
    results: list[SearchResult]
    # More messages matched than search.CAP: only the newest CAP are paged through, and the page
    # says so, asking for a narrower search instead of scanning the whole archive.
    capped: bool


def search_messages_page(
    *,
    viewer: Any,
    text: str,
    mailing_list: MailingList | None = None,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    author: str = "",
    limit: int = 50,
    offset: int = 0,
    capped: bool = True,
) -> SearchPage:
    """Full-text search (SQLite FTS5 or PostgreSQL) of the lists the viewer may observe, newest
    first, with highlighted excerpts, and whether the matches were capped (`capped=False`: the
    site search, paged past search.CAP: search.search_capped)."""
    lists = visible_lists(
        viewer, [mailing_list] if mailing_list is not None else MailingList.objects.all()
    )
    found = search.search_capped(
        text=text,
        list_ids=[item.pk for item in lists],
        date_from=date_from,
        date_to=date_to,
        author=author.strip(),
        limit=limit,
        offset=offset,
        capped=capped,
        snippets=False,
    )
    by_pk = {item.pk: item for item in lists}  # known: no second read of the lists
    results = [
        SearchResult(
            FoundMessage(
                row.key,
                row.subject,
                row.from_name,
                row.from_addr,
                row.date,
                by_pk[row.list_id],
                row.thread_key,
            ),
            row.snippet_html,
        )  # fmt: skip
        for row in _found_rows([hit.message_pk for hit in found.hits], text)
    ]
    return SearchPage(results, found.capped)


def found_messages(
    *, text: str, list_ids: Sequence[int], limit: int, offset: int = 0
) -> list[fulltext.Found]:
    """The site search's page of messages: the newest matches in `list_ids` (the lists the
    caller's door check let the viewer observe), uncapped, each with what its row shows
    (`list_slug`, `list_name`, `key`, `subject`, `date`) and `snippet_html`, read in one plain
    statement after the match: building each message and its list through the ORM, and
    reading the lists again, cost more than the match for a rare word."""
    found = search.search_capped(
        text=text, list_ids=list_ids, limit=limit, offset=offset, capped=False, snippets=False
    )
    return [
        fulltext.Found(pk=row.pk, list_slug=row.list_slug, list_name=row.list_name, key=row.key,
                       subject=row.subject, date=row.date, snippet_html=row.snippet_html)
        for row in _found_rows([hit.message_pk for hit in found.hits], text)
    ]  # fmt: skip
