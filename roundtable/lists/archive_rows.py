"""The rows of the archive pages, each cached by what it shows (row_fragments.py): a thread's
message blocks, the list page's threads, a month's threads and messages, an author's messages.
Each `*_shown` function lists every field its template shows, and nothing else: the key must
change whenever the row would."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.safestring import SafeString

from .models import MailingList, Message
from .row_fragments import rendered_rows
from .search_results import SearchResult
from .thread_reads import ThreadEntry


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def thread_entry_shown(entry: ThreadEntry) -> tuple[Any, ...]:
    """lists/_thread_entry.html: its place in the tree (depth), then the message's block
    (lists/_thread_message.html, whose blocks come from the text head and the footers), or the
    Message-ID of a message the archive lacks."""
    message = entry.message
    if message is None:
        return (entry.depth, None, entry.missing_id)
    return (
        entry.depth, message.key, message.from_name, message.from_addr, _when(message.date),
        message.date_source, message.conflicting_id, entry.text_head, entry.footers, entry.cut,
    )  # fmt: skip


def thread_blocks(mailing_list: MailingList, entries: list[ThreadEntry]) -> list[SafeString]:
    """Each entry of a thread's page as the list item the page shows: the tree's indentation
    around the message's block, or the placeholder of a message the archive lacks; the whole
    item is the fragment, so the page's loop only joins them."""
    return rendered_rows("lists/_thread_entry.html", mailing_list, entries, thread_entry_shown)


def list_thread_shown(thread: Any) -> tuple[Any, ...]:
    """A Thread or the named row browsing.list_thread_page reads (the same attributes)."""
    return (
        thread.key, thread.subject, thread.message_count, _when(thread.started_at),
        _when(thread.last_at),
    )  # fmt: skip


def list_thread_rows(mailing_list: MailingList, threads: list[Any]) -> list[SafeString]:
    return rendered_rows("lists/_list_thread_row.html", mailing_list, threads, list_thread_shown)


def month_thread_shown(thread: Any) -> tuple[Any, ...]:
    """A Thread or the named row browsing.month_thread_page reads (the same attributes)."""
    return (thread.key, thread.subject, thread.message_count)


def month_thread_rows(mailing_list: MailingList, threads: list[Any]) -> list[SafeString]:
    return rendered_rows("lists/_month_thread_row.html", mailing_list, threads, month_thread_shown)


def month_message_shown(message: Any) -> tuple[Any, ...]:
    """A Message or the named row browsing.month_message_page reads (the same attributes)."""
    return (message.key, message.subject, message.from_name, message.from_addr, _when(message.date))


def month_message_rows(mailing_list: MailingList, messages: list[Any]) -> list[SafeString]:
    return rendered_rows(
        "lists/_month_message_row.html", mailing_list, messages, month_message_shown
    )


def author_message_shown(message: Message) -> tuple[Any, ...]:
    thread = message.thread.key if message.thread_id and message.thread else None
    return (message.key, message.subject, _when(message.date), thread)


def author_message_rows(mailing_list: MailingList, messages: list[Message]) -> list[SafeString]:
    return rendered_rows(
        "lists/_author_message_row.html", mailing_list, messages, author_message_shown
    )


def search_result_shown(result: SearchResult) -> tuple[Any, ...]:
    """The snippet is part of the key: the same message found by another word is another row."""
    message = result.message
    return (
        message.mailing_list.slug, str(message.mailing_list), message.key, message.subject,
        message.thread_key, message.from_name, message.from_addr, _when(message.date),
        result.snippet_html,
    )  # fmt: skip


def search_result_rows(
    mailing_list: MailingList | None, results: list[SearchResult]
) -> list[SafeString]:
    return rendered_rows(
        "lists/_search_result_row.html", mailing_list, results, search_result_shown
    )
