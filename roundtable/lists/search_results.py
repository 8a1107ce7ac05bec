"""Searching a list's archive (or every list the viewer may observe): the page of matches
(lists/search.py finds the ids) with the rows and excerpts a result shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models.functions import Substr

from roundtable.outputs import fulltext
from roundtable.text import excerpts

from . import search
from .models import MailingList, Message
from .queries import visible_lists


@dataclass(frozen=True)
class SearchResult:
    message: Message
    snippet_html: str


# What a search result shows (lists/_search_result_row.html, web/search.html): building whole
# rows and their threads was most of a search page's time.
SEARCH_RESULT_FIELDS = (
    "key", "subject", "from_name", "from_addr", "date", "mailing_list_id", "thread__key",
)  # fmt: skip


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
    hits = found.hits
    # The excerpts from the rows read here: one read of each page row's text, not two.
    messages = (
        Message.objects.select_related("thread")
        .only(*SEARCH_RESULT_FIELDS)
        .annotate(head=Substr("own_text", 1, excerpts.PREFIX))
        .in_bulk([hit.message_pk for hit in hits])
    )
    by_pk = {item.pk: item for item in lists}
    for message in messages.values():
        message.mailing_list = by_pk[message.mailing_list_id]  # known: no join, no second row
    shown = [messages[hit.message_pk] for hit in hits if hit.message_pk in messages]
    marked = fulltext.highlighted_heads(
        [message.head or "" for message in shown], excerpts.terms(text)
    )
    return SearchPage(
        [SearchResult(message, html) for message, html in zip(shown, marked, strict=True)],
        found.capped,
    )


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
