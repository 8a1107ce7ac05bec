"""What the list page reads besides its summary: the months of activity (from the counters in
`ListMonth`) and one page of threads at a time, by keyset, so that neither grows with the
archive."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone

from roundtable.outputs import keyset
from roundtable.outputs.fulltext import read_moment

from .models import ListMonth, MailingList, Message, Thread


class MonthActivity(NamedTuple):
    """A named tuple, not a frozen dataclass: an old list has hundreds of months, built on every
    render of its page (a dataclass's frozen init cost ~0.5 ms of them)."""

    month: date
    messages: int
    share: int  # percent of the busiest month, for the activity bars


def list_months(
    *, viewer: Any, mailing_list: MailingList, counts: list[tuple[date, int, int]] | None = None
) -> list[MonthActivity]:
    """The dated months with messages, oldest first; from `counts` (queries.list_overview,
    already read for the page's summary) when given, else read here."""
    if counts is not None:
        data = [(month, messages) for month, messages, _threads in sorted(counts)
                if messages > 0 and month != ListMonth.UNDATED]  # fmt: skip
    else:
        data = list(
            ListMonth.objects.filter(mailing_list=mailing_list, messages__gt=0)
            .exclude(month=ListMonth.UNDATED)
            .order_by("month")
            .values_list("month", "messages")
        )
    busiest = max((count for _m, count in data), default=1)
    return [
        MonthActivity(month=month, messages=count, share=max(1, round(100 * count / busiest)))
        for month, count in data
    ]


@dataclass(frozen=True)
class ThreadsPage:
    """One page of a list's threads, newest activity first; `older` is the cursor of the next
    page, `newer` of the previous one (None at either end)."""

    threads: list[Any]  # named rows of what a row shows (archive_rows.list_thread_shown)
    older: str | None
    newer: str | None
    first: bool


UNDATED = "-~"  # cursors of the threads with no dated message, listed after all dated ones


def list_thread_page(
    *, viewer: Any, mailing_list: MailingList, older: str = "", newer: str = "", size: int = 50
) -> ThreadsPage:
    """Keyset pagination on (last_at, key), both descending, the index (mailing_list,
    last_at, key) read from the cursor on (`_dated_page`): a page deep in the archive costs
    what the first one does. Threads with no dated message come after all dated ones, by key,
    forward only (cursor `-~<key>`). A cursor that does not parse starts from the newest."""
    # named rows, not models: a tuple per row costs a fraction of a model instance
    threads = Thread.objects.filter(mailing_list=mailing_list).values_list(
        "key", "subject", "message_count", "started_at", "last_at", named=True
    )
    if older.startswith(UNDATED):
        return _undated_page(threads, older.removeprefix(UNDATED), size)
    found = _dated_page(mailing_list, after=older, before=newer, size=size)
    rows, later = found.rows, found.after
    if later is None and (found.before is not None or not newer):
        # the last dated page: the undated threads follow
        if len(rows) < size:
            tail = _undated_page(threads, "", size - len(rows))
            rows = rows + tail.threads
            later = tail.older
        elif threads.filter(last_at__isnull=True).exists():
            later = UNDATED
    first = not older and (not newer or found.before is None)
    return ThreadsPage(threads=rows, older=later, newer=found.before, first=first)


#: a dated thread's row on the list page (what archive_rows.list_thread_shown reads)
ThreadRow = namedtuple("ThreadRow", ("key", "subject", "message_count", "started_at", "last_at"))  # noqa: PYI024
# `keyset.page` over (last_at, key) descending, written out: the ORM spent ~1.5 ms of a cold
# list page building it (the cursor's OR most). Given the range's bound (last_at <= the
# cursor's, where the index range starts), "last_at < at OR key < k" is the keyset's "last_at <
# at OR (last_at = at AND key < k)". Table names come from the models, values are parameters.
_DATED = (
    'SELECT "key", subject, message_count, started_at, last_at'  # noqa: S608
    f" FROM {Thread._meta.db_table} WHERE mailing_list_id = %s AND last_at IS NOT NULL"
)
_OLDER = ' AND last_at <= %s AND (last_at < %s OR "key" < %s) ORDER BY last_at DESC, "key" DESC'
_NEWER = ' AND last_at >= %s AND (last_at > %s OR "key" > %s) ORDER BY last_at, "key"'


def _dated_page(
    mailing_list: MailingList, *, after: str, before: str, size: int
) -> keyset.Page[ThreadRow]:
    """The dated threads after the cursor `after` (older) or, given only `before`, the page
    before it (newer), as `keyset.page(..., field="last_at", descending=True)` answers."""
    going_back = not after and bool(before)
    cursor = keyset.read_cursor(before if going_back else after)
    sql = _DATED
    params: list[Any] = [mailing_list.pk]
    if cursor is None:
        sql += ' ORDER BY last_at, "key"' if going_back else ' ORDER BY last_at DESC, "key" DESC'
    else:
        at, key = cursor
        moment = connection.ops.adapt_datetimefield_value(at)
        sql += _NEWER if going_back else _OLDER
        params += [moment, moment, key]
    with connection.cursor() as db:
        db.execute(sql + " LIMIT %s", [*params, size + 1])
        found = [ThreadRow(key, subject, count, read_moment(started), read_moment(last))
                 for key, subject, count, started, last in db.fetchall()]  # fmt: skip
    more = len(found) > size
    found = found[:size]
    if going_back:
        found.reverse()
    if not found:
        return keyset.Page(rows=[], before=None, after=None)
    first = keyset.write_cursor(found[0].last_at, found[0].key)
    last = keyset.write_cursor(found[-1].last_at, found[-1].key)
    if going_back:
        return keyset.Page(rows=found, before=first if more else None, after=last)
    return keyset.Page(rows=found, before=first if cursor is not None else None,
                       after=last if more else None)  # fmt: skip


def _undated_page(threads: Any, after: str, size: int) -> ThreadsPage:
    undated = threads.filter(last_at__isnull=True)
    if after.isalnum() and len(after) <= 32:
        undated = undated.filter(key__gt=after)
    rows = list(undated.order_by("key")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    older = f"{UNDATED}{rows[-1].key}" if more else None
    return ThreadsPage(threads=rows, older=older, newer=None, first=False)


def _month_range(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
    return start, (start + timedelta(days=32)).replace(day=1)


def month_thread_page(
    *, viewer: Any, mailing_list: MailingList, year: int, month: int, after: str = "",
    before: str = "", size: int = 50,
) -> keyset.Page[Any]:  # fmt: skip
    """Threads started in the month, oldest first: a range of the index (list, started_at)."""
    start, end = _month_range(year, month)
    # named rows of what a row shows (archive_rows.month_thread_shown) and the cursor: a tuple
    # per row costs a fraction of a model instance
    threads = Thread.objects.filter(
        mailing_list=mailing_list, started_at__gte=start, started_at__lt=end
    ).values_list("key", "subject", "message_count", "started_at", named=True)
    return keyset.page(threads, field="started_at", descending=False, after=after,
                       before=before, size=size)  # fmt: skip


def month_message_page(
    *, viewer: Any, mailing_list: MailingList, year: int, month: int, after: str = "",
    before: str = "", size: int = 100,
) -> keyset.Page[Any]:  # fmt: skip
    """The month's messages by date (ties by key): a range of the index (list, date), only
    rows sharing a date sorted apart."""
    start, end = _month_range(year, month)
    # named rows of what a row shows (archive_rows.month_message_shown), as for the threads
    messages = Message.objects.filter(
        mailing_list=mailing_list, date__gte=start, date__lt=end
    ).values_list("key", "subject", "from_name", "from_addr", "date", named=True)
    return keyset.page(messages, field="date", descending=False, after=after, before=before,
                       size=size)  # fmt: skip


def author_message_page(
    *, viewer: Any, mailing_list: MailingList, address: str, after: str = "", before: str = "",
    size: int = 100,
) -> keyset.Page[Message]:  # fmt: skip
    """An address's dated messages, newest first: a range of (list, from_addr, date)."""
    messages = (
        Message.objects.filter(
            mailing_list=mailing_list, from_addr=address.lower(), date__isnull=False
        )
        .select_related("thread")
        .only("key", "subject", "from_name", "from_addr", "date", "thread__key")
    )
    return keyset.page(messages, field="date", descending=True, after=after, before=before,
                       size=size)  # fmt: skip
