"""Reads for mailing lists, viewer-aware: only what the viewer may observe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Min, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from roundtable.mail import parts
from roundtable.mail.records import Block
from roundtable.permissions.door import decide

from . import search
from .models import Attachment, MailingList, Message, Thread

MODALITY = "open-mailing-list"
DEFAULT_DORMANT_DAYS = 180


def list_modality(mailing_list: MailingList | None = None) -> str:
    """The modality that governs a list's archive (all lists are open lists for now)."""
    return MODALITY


def _visible(viewer: Any, lists: QuerySet[MailingList]) -> list[MailingList]:
    return [
        item
        for item in lists
        if decide(viewer, right="observe", modality=list_modality(item)).allowed
    ]


@dataclass(frozen=True)
class ListSummary:
    mailing_list: MailingList
    messages: int
    threads: int
    first_at: datetime | None
    last_at: datetime | None
    dormant: bool
    dormant_days: int
    days_quiet: int | None


def dormant_days(mailing_list: MailingList) -> int:
    if mailing_list.dormant_after_days:
        return mailing_list.dormant_after_days
    return int(getattr(settings, "ROUNDTABLE_LIST_DORMANT_DAYS", DEFAULT_DORMANT_DAYS))


def dormancy(
    mailing_list: MailingList, last_at: datetime | None, *, now: datetime | None = None
) -> tuple[bool, int | None]:
    """(dormant?, days since the last message). A list with no message at all is dormant."""
    if last_at is None:
        return True, None
    quiet = ((now or timezone.now()) - last_at).days
    return quiet >= dormant_days(mailing_list), quiet


def summarise(mailing_list: MailingList, *, now: datetime | None = None) -> ListSummary:
    stats = Message.objects.filter(mailing_list=mailing_list).aggregate(
        count=Count("id"), first=Min("date"), last=Max("date")
    )
    dormant, quiet = dormancy(mailing_list, stats["last"], now=now)
    return ListSummary(
        mailing_list=mailing_list,
        messages=stats["count"],
        threads=Thread.objects.filter(mailing_list=mailing_list).count(),
        first_at=stats["first"],
        last_at=stats["last"],
        dormant=dormant,
        dormant_days=dormant_days(mailing_list),
        days_quiet=quiet,
    )


def list_lists(*, viewer: Any, now: datetime | None = None) -> list[ListSummary]:
    return [summarise(item, now=now) for item in _visible(viewer, MailingList.objects.all())]


def get_list(*, viewer: Any, slug: str) -> MailingList:
    found = _visible(viewer, MailingList.objects.filter(slug=slug))
    if not found:
        raise Http404("no such list")
    return found[0]


@dataclass(frozen=True)
class MonthActivity:
    month: date
    messages: int
    share: int  # percent of the busiest month, for the activity bars


def list_months(*, viewer: Any, mailing_list: MailingList) -> list[MonthActivity]:
    rows = (
        Message.objects.filter(mailing_list=mailing_list, date__isnull=False)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by("month")
    )
    data = [(row["month"], row["count"]) for row in rows]
    busiest = max((count for _m, count in data), default=1)
    return [
        MonthActivity(
            month=month.date() if isinstance(month, datetime) else month,
            messages=count,
            share=max(1, round(100 * count / busiest)),
        )
        for month, count in data
    ]


def list_threads(
    *, viewer: Any, mailing_list: MailingList, year: int | None = None, month: int | None = None
) -> QuerySet[Thread]:
    threads = Thread.objects.filter(mailing_list=mailing_list)
    if year and month:
        start = datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
        end = (start + timedelta(days=32)).replace(day=1)
        threads = threads.filter(messages__date__gte=start, messages__date__lt=end).distinct()
    return threads.order_by("-last_at", "key")


def list_month_messages(
    *, viewer: Any, mailing_list: MailingList, year: int, month: int
) -> QuerySet[Message]:
    start = datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
    end = (start + timedelta(days=32)).replace(day=1)
    return (
        Message.objects.filter(mailing_list=mailing_list, date__gte=start, date__lt=end)
        .select_related("thread")
        .only("key", "subject", "from_name", "from_addr", "date", "thread__key", "depth")
        .order_by("date", "key")
    )


@dataclass(frozen=True)
class ThreadEntry:
    depth: int
    message: Message | None  # None: a message the archive does not hold
    missing_id: str
    blocks: tuple[Block, ...]


def get_thread(
    *, viewer: Any, mailing_list: MailingList, key: str
) -> tuple[Thread, list[ThreadEntry]]:
    thread = Thread.objects.filter(mailing_list=mailing_list, key=key).first()
    if thread is None:
        raise Http404("no such thread")
    footers = tuple(mailing_list.footers)
    entries: list[tuple[int, ThreadEntry]] = []
    messages = thread.messages.defer("raw", "html").order_by("position")
    for message in messages:
        blocks = parts.split_body(message.text, footers)
        entries.append((message.position, ThreadEntry(message.depth, message, "", blocks)))
    for holder in thread.placeholders:
        entries.append(
            (holder["order"], ThreadEntry(holder["depth"], None, holder["message_id"], ()))
        )
    entries.sort(key=lambda pair: pair[0])
    return thread, [entry for _order, entry in entries]


def get_message(*, viewer: Any, mailing_list: MailingList, key: str) -> Message:
    message = (
        Message.objects.filter(mailing_list=mailing_list, key=key).select_related("thread").first()
    )
    if message is None:
        raise Http404("no such message")
    return message


def message_blocks(message: Message) -> tuple[Block, ...]:
    return parts.split_body(message.text, tuple(message.mailing_list.footers))


def list_attachments(*, viewer: Any, message: Message) -> QuerySet[Attachment]:
    return message.attachments.defer("data").order_by("number")


def get_attachment(*, viewer: Any, message: Message, number: int) -> Attachment:
    found = message.attachments.filter(number=number).first()
    if found is None:
        raise Http404("no such attachment")
    return found


def list_author_messages(
    *, viewer: Any, mailing_list: MailingList, address: str
) -> QuerySet[Message]:
    return (
        Message.objects.filter(mailing_list=mailing_list, from_addr=address.lower())
        .select_related("thread")
        .only("key", "subject", "from_name", "from_addr", "date", "thread__key")
        .order_by("-date", "key")
    )


def get_thread_by_key(*, viewer: Any, mailing_list: MailingList, key: str) -> Thread | None:
    return Thread.objects.filter(mailing_list=mailing_list, key=key).first()


@dataclass(frozen=True)
class SearchResult:
    message: Message
    snippet_html: str


def search_messages(
    *,
    viewer: Any,
    text: str,
    mailing_list: MailingList | None = None,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    author: str = "",
    limit: int = 50,
    offset: int = 0,
) -> list[SearchResult]:
    """Full-text search (SQLite FTS5 or PostgreSQL), best first, with highlighted snippets."""
    lists = (
        [mailing_list] if mailing_list is not None else _visible(viewer, MailingList.objects.all())
    )
    lists = [
        item
        for item in lists
        if decide(viewer, right="observe", modality=list_modality(item)).allowed
    ]
    hits = search.search(
        text=text,
        list_ids=[item.pk for item in lists],
        date_from=date_from,
        date_to=date_to,
        author=author.strip(),
        limit=limit,
        offset=offset,
    )
    messages = (
        Message.objects.select_related("thread", "mailing_list")
        .defer("raw", "html", "text")
        .in_bulk([hit.message_pk for hit in hits])
    )
    return [
        SearchResult(messages[hit.message_pk], hit.snippet_html)
        for hit in hits
        if hit.message_pk in messages
    ]
