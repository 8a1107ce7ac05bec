"""Searching a list's archive (or every list the viewer may observe): the page of matches
(lists/search.py finds the ids) with the rows and excerpts a result shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

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
