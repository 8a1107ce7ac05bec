"""The list and thread pages' statements written out in SQL (issue 15: the ORM's building
cost more than the reads on PostgreSQL) answer exactly what the ORM read before: the summary's
ends and counters, every keyset page of threads either way through ties, a thread's page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db.models.functions import Substr

from roundtable.lists.browsing import _dated_page
from roundtable.lists.models import ImportRun, ListMonth, MailingList, Message, Thread
from roundtable.lists.queries import FUTURE_SLACK, list_overview
from roundtable.lists.thread_reads import THREAD_FIELDS, get_thread
from roundtable.outputs import keyset
from tests.lists.test_activity import _entries
from tests.lists.test_bounds import load

pytestmark = pytest.mark.django_db


def test_the_overview_reads_what_the_orm_counts(tmp_path: Path) -> None:
    mailing_list = load(tmp_path, _entries(0, 30))
    dated = Message.objects.filter(mailing_list=mailing_list, date__isnull=False)
    now = datetime(2006, 1, 10, tzinfo=UTC)
    # a sender's wrong clock, far ahead: never the last activity
    dated.filter(pk=dated.order_by("pk")[0].pk).update(date=now + FUTURE_SLACK + timedelta(1))
    summary, months = list_overview(mailing_list, now=now)
    assert summary.first_at == dated.order_by("date")[0].date
    assert summary.last_at == dated.filter(date__lte=now + FUTURE_SLACK).order_by("-date")[0].date
    assert months == list(ListMonth.objects.filter(mailing_list=mailing_list).order_by("month")
                          .values_list("month", "messages", "threads"))  # fmt: skip
    assert summary.messages == 30 and not summary.importing
    empty = MailingList.objects.create(address="empty@example.org", slug="empty")
    ImportRun.objects.create(mailing_list=empty, signature="x")
    summary, months = list_overview(empty)
    assert months == [] and summary.first_at is None and summary.last_at is None
    assert summary.importing and summary.dormant


def test_every_dated_page_is_the_keyset_page_either_way(tmp_path: Path) -> None:
    mailing_list = load(tmp_path, _entries(0, 40))  # few dates: many ties
    base = datetime(2010, 3, 4, tzinfo=UTC)
    for n, thread in enumerate(Thread.objects.filter(mailing_list=mailing_list).order_by("pk")):
        Thread.objects.filter(pk=thread.pk).update(last_at=base + timedelta(hours=n % 3))
    threads = Thread.objects.filter(mailing_list=mailing_list, last_at__isnull=False)
    rows = threads.values_list("key", "subject", "message_count", "started_at", "last_at",
                               named=True)  # fmt: skip
    cursors = ["", "junk", *(keyset.write_cursor(t.last_at, t.key) for t in threads)]
    for cursor in cursors:
        for after, before in ((cursor, ""), ("", cursor), (cursor, cursor)):
            mine = _dated_page(mailing_list, after=after, before=before, size=7)
            orm = keyset.page(rows, field="last_at", descending=True, after=after,
                              before=before, size=7)  # fmt: skip
            assert (mine.before, mine.after) == (orm.before, orm.after)
            assert [tuple(row) for row in mine.rows] == [tuple(row) for row in orm.rows]


def test_a_thread_page_reads_what_the_orm_reads(tmp_path: Path) -> None:
    mailing_list = load(tmp_path, _entries(0, 12))
    for thread in Thread.objects.filter(mailing_list=mailing_list):
        for page in (1, 2, 99):
            head, found = get_thread(
                viewer=None, mailing_list=mailing_list, key=thread.key, page=page
            )
            assert (head.subject, head.message_count) == (thread.subject, thread.message_count)
            orm = list(
                thread.messages.annotate(text_head=Substr("text", 1, 30_001))
                .order_by("position")
                .values_list(*THREAD_FIELDS, "text_head")
            )
            shown = [tuple(entry.message) for entry in found.entries if entry.message]
            assert found.number == found.pages == 1 and shown == orm
