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


# Table names come from the models, the ids go as parameters.
_M, _T = Message._meta.db_table, Thread._meta.db_table
_FOUND = (
    "SELECT m.id, m.key, m.subject, m.from_name, m.from_addr, m.date, m.mailing_list_id, t.key, "  # noqa: S608
    f"substr(m.own_text, 1, {excerpts.PREFIX}) FROM {_M} m LEFT JOIN {_T} t ON t.id = m.thread_id"
    " WHERE m.id IN ({})"
)


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
    ids = [hit.message_pk for hit in found.hits]
    rows: dict[int, tuple[Any, ...]] = {}
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(_FOUND.format(",".join("%s" for _ in ids)), ids)
            rows = {values[0]: values for values in cursor.fetchall()}
    by_pk = {item.pk: item for item in lists}  # known: no join, no second row
    shown = [rows[pk] for pk in ids if pk in rows]
    # The excerpts from the rows read here: one read of each page row's text, not two.
    marked = fulltext.highlighted_heads([values[8] or "" for values in shown], excerpts.terms(text))
    results = []
    for values, html in zip(shown, marked, strict=True):
        _pk, key, subject, name, addr, moment, list_id, thread_key, _head = values
        when = fulltext.read_moment(moment)
        message = FoundMessage(key, subject, name, addr, when, by_pk[list_id], thread_key)
        results.append(SearchResult(message, html))
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
    ids = [hit.message_pk for hit in found.hits]
    if not ids:
        return []
    marks = ",".join("%s" for _ in ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT m.id, l.slug, l.name, m.key, m.subject, m.date, "  # noqa: S608 - constant names, bound values
            f"substr(m.own_text, 1, {excerpts.PREFIX}) FROM {Message._meta.db_table} m "
            f"JOIN {MailingList._meta.db_table} l ON l.id = m.mailing_list_id "
            f"WHERE m.id IN ({marks})",
            ids,
        )
        rows = {values[0]: values for values in cursor.fetchall()}
    kept = [rows[pk] for pk in ids if pk in rows]
    heads = [values[6] or "" for values in kept]
    marked = fulltext.highlighted_heads(heads, excerpts.terms(text))
    return [
        fulltext.Found(
            pk=pk,
            list_slug=slug,
            list_name=name,
            key=key,
            subject=subject,
            date=fulltext.read_moment(moment),
            snippet_html=html,
        )  # fmt: skip
        for (pk, slug, name, key, subject, moment, _head), html in zip(kept, marked, strict=True)
    ]
