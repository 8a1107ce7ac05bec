"""Reads for mailing lists, viewer-aware: only what the viewer may observe."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import BinaryField, QuerySet
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone

from roundtable.mail import parts
from roundtable.mail.records import Block
from roundtable.outputs.fulltext import read_moment
from roundtable.permissions.door import decide

from .models import Attachment, ImportRun, ListMonth, MailingList, Message, Thread

MODALITY = "open-mailing-list"
DEFAULT_DORMANT_DAYS = 180
DEFAULT_PAGE_BODY_CHARS = 30_000
RAW_PREVIEW_BYTES = 8_000
RAW_CHUNK_BYTES = 1024 * 1024


def list_modality(mailing_list: MailingList | None = None) -> str:
    """The modality that governs a list's archive (all lists are open lists for now)."""
    return MODALITY


def visible_lists(viewer: Any, lists: Iterable[MailingList]) -> list[MailingList]:
    """The lists among `lists` whose archive the viewer may observe (the door asks each one's
    own modality)."""
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
    undated: int = 0  # messages without a usable date (they cannot say when the list was active)
    importing: bool = False  # an import of the list is under way (import_runs.running_import)


def dormant_days(mailing_list: MailingList) -> int:
    if mailing_list.dormant_after_days:
        return mailing_list.dormant_after_days
    return int(getattr(settings, "ROUNDTABLE_LIST_DORMANT_DAYS", DEFAULT_DORMANT_DAYS))


def dormancy(
    mailing_list: MailingList, last_at: datetime | None, *, now: datetime | None = None
) -> tuple[bool, int | None]:
    """(dormant?, days since the last dated message). A list with no dated message (none at
    all, or only undated ones) is dormant: nothing says it has been active."""
    if last_at is None:
        return True, None
    quiet = max(0, ((now or timezone.now()) - last_at).days)
    return quiet >= dormant_days(mailing_list), quiet


# A Date header this far ahead of the clock is a sender's wrong clock, not activity: it would
# keep a list "active" for years (mail arriving live carries whatever date its sender wrote).
FUTURE_SLACK = timedelta(days=1)


_MESSAGES, _MONTHS, _RUNS = (model._meta.db_table for model in (Message, ListMonth, ImportRun))
# Both ends of the (list, date) index, whether an import runs, and every month counter: one
# statement, written out (the ORM spent ~2.5 ms of a cold list page building the subqueries,
# and a second round trip read the counters). The ends come once, in a row of their own (on
# every counter's row they would be parsed 300 times). Table names come from the models,
# values are parameters.
_OVERVIEW = (
    "SELECT 0 AS n, NULL AS month, NULL AS messages, NULL AS threads,"  # noqa: S608
    f' (SELECT "date" FROM {_MESSAGES} WHERE mailing_list_id = %s AND "date" IS NOT NULL'
    ' ORDER BY "date" LIMIT 1) AS first_at,'
    f' (SELECT "date" FROM {_MESSAGES} WHERE mailing_list_id = %s AND "date" IS NOT NULL'
    ' AND "date" <= %s ORDER BY "date" DESC LIMIT 1) AS last_at,'
    f" EXISTS (SELECT 1 FROM {_RUNS} WHERE mailing_list_id = %s AND status = %s) AS importing"
    f" UNION ALL SELECT 1, month, messages, threads, NULL, NULL, NULL FROM {_MONTHS}"
    " WHERE mailing_list_id = %s ORDER BY 1, 2"
)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def overview(
    mailing_list: MailingList, *, now: datetime | None = None
) -> tuple[tuple[datetime | None, datetime | None, bool], list[tuple[date, int, int]]]:
    """((first date, last date up to FUTURE_SLACK ahead, whether an import runs), the month
    counters by month): one statement, the same cost at any archive size."""
    horizon = (now or timezone.now()) + FUTURE_SLACK
    pk = mailing_list.pk
    with connection.cursor() as cursor:
        cursor.execute(
            _OVERVIEW,
            [pk, pk, connection.ops.adapt_datetimefield_value(horizon), pk, ImportRun.RUNNING,
             pk],
        )  # fmt: skip
        rows = cursor.fetchall()
    first, last, importing = rows[0][4:]
    months = [(_day(month), messages, threads) for _n, month, messages, threads, *_e in rows[1:]]
    return (read_moment(first), read_moment(last), bool(importing)), months


def summarise(
    mailing_list: MailingList,
    *,
    now: datetime | None = None,
    months: list[tuple[date, int, int]] | None = None,
) -> ListSummary:
    """From the per-month counters and both ends of the (list, date) index, read in one
    statement (`overview`; the counters given in `months` are used instead of those read). A
    date more than FUTURE_SLACK ahead is a sender's wrong clock, not the last activity."""
    return list_overview(mailing_list, now=now, months=months)[0]


def list_overview(
    mailing_list: MailingList,
    *,
    now: datetime | None = None,
    months: list[tuple[date, int, int]] | None = None,
) -> tuple[ListSummary, list[tuple[date, int, int]]]:
    """The list's summary and its month counters (for the activity bars), one statement."""
    (first, last, importing), counted = overview(mailing_list, now=now)
    months = counted if months is None else months
    dormant, quiet = dormancy(mailing_list, last, now=now)
    summary = ListSummary(
        mailing_list=mailing_list,
        messages=sum(m for _month, m, _t in months),
        threads=sum(t for _month, _m, t in months),
        first_at=first,
        last_at=last,
        dormant=dormant,
        dormant_days=dormant_days(mailing_list),
        days_quiet=quiet,
        undated=sum(m for month, m, _t in months if month == ListMonth.UNDATED),
        importing=importing,
    )
    return summary, months


def list_lists(*, viewer: Any, now: datetime | None = None) -> list[ListSummary]:
    return [summarise(item, now=now) for item in visible_lists(viewer, MailingList.objects.all())]


def get_list(*, viewer: Any, slug: str) -> MailingList:
    found = visible_lists(viewer, MailingList.objects.filter(slug=slug))
    if not found:
        raise Http404("no such list")
    return found[0]


def get_message(*, viewer: Any, mailing_list: MailingList, key: str) -> Message:
    message = (
        Message.objects.filter(mailing_list=mailing_list, key=key)
        .select_related("thread")
        .defer("raw", "text", "html", "own_text")
        .first()
    )
    if message is None:
        raise Http404("no such message")
    return message


def page_body_chars() -> int:
    return max(
        1, int(getattr(settings, "ROUNDTABLE_LIST_PAGE_BODY_CHARS", DEFAULT_PAGE_BODY_CHARS))
    )


@dataclass(frozen=True)
class MessagePreview:
    """What a message page shows of a message, whatever its size: the beginning of its
    text, HTML and raw source (read from the database as substrings) and their sizes."""

    message: Message
    blocks: tuple[Block, ...]
    text_cut: bool
    html: str  # empty when there is none or when it is longer than a page shows
    html_cut: bool
    raw_head: bytes
    raw_size: int

    @property
    def raw_cut(self) -> bool:
        return self.raw_size > len(self.raw_head)


def get_message_preview(*, viewer: Any, mailing_list: MailingList, key: str) -> MessagePreview:
    chars = page_body_chars()
    message = (
        Message.objects.filter(mailing_list=mailing_list, key=key)
        .select_related("thread")
        .defer("raw", "text", "html", "own_text")
        .annotate(
            text_head=Substr("text", 1, chars),
            text_size=Length("text"),
            html_head=Substr("html", 1, chars),
            html_size=Length("html"),
            raw_head=Substr("raw", 1, RAW_PREVIEW_BYTES, output_field=BinaryField()),
            raw_size=Length("raw"),
        )
        .first()
    )
    if message is None:
        raise Http404("no such message")
    html_cut = message.html_size > chars
    return MessagePreview(
        message=message,
        blocks=parts.split_body(message.text_head, tuple(mailing_list.footers)),
        text_cut=message.text_size > chars,
        html="" if html_cut else message.html_head,
        html_cut=html_cut,
        raw_head=bytes(message.raw_head or b""),
        raw_size=message.raw_size or 0,
    )


def get_raw_size(*, viewer: Any, mailing_list: MailingList, key: str) -> tuple[int, int]:
    """(primary key, size in bytes) of a message's raw source, without reading it."""
    found = (
        Message.objects.filter(mailing_list=mailing_list, key=key)
        .annotate(raw_size=Length("raw"))
        .values_list("pk", "raw_size")
        .first()
    )
    if found is None:
        raise Http404("no such message")
    return found[0], found[1] or 0


def iter_raw(*, viewer: Any, pk: int, size: int, chunk: int = RAW_CHUNK_BYTES) -> Iterator[bytes]:
    """A message's raw source in chunks, each read from the database on its own."""
    for start in range(1, size + 1, chunk):
        piece = (
            Message.objects.filter(pk=pk)
            .annotate(piece=Substr("raw", start, chunk, output_field=BinaryField()))
            .values_list("piece", flat=True)
            .first()
        )
        if not piece:
            return
        yield bytes(piece)


def list_attachments(*, viewer: Any, message: Message) -> QuerySet[Attachment]:
    return message.attachments.defer("data").order_by("number")


def get_attachment(*, viewer: Any, message: Message, number: int) -> Attachment:
    found = message.attachments.filter(number=number).first()
    if found is None:
        raise Http404("no such attachment")
    return found


def get_thread_by_key(*, viewer: Any, mailing_list: MailingList, key: str) -> Thread | None:
    return Thread.objects.filter(mailing_list=mailing_list, key=key).first()


def list_recent_messages(*, viewer: Any, limit: int = 10) -> list[Message]:
    """The latest dated messages of the lists the viewer may observe, newest first.

    Bounded: each list's latest `limit` read along its (list, date) index, then merged, instead
    of sorting every message of every list (the home page's cost at a million messages)."""
    found: list[Message] = []
    for item in visible_lists(viewer, MailingList.objects.all()):
        latest = list(
            Message.objects.filter(mailing_list=item, date__isnull=False)
            .defer("raw", "html", "text", "source")
            .order_by("-date", "-id")[:limit]
        )
        for message in latest:
            message.mailing_list = item  # the list is known: no join, no second read
        found += latest
    return heapq.nlargest(limit, found, key=lambda m: (m.date, m.pk))
