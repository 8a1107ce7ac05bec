"""The list page reads counters kept as mail arrives (issue 15: pages that do not grow with
the archive): per-month messages and threads equal what counting the archive says, after every
import; threads page by keyset, each row once, in order, whatever the cursor."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.test import Client

from roundtable.lists.activity import recount_all
from roundtable.lists.browsing import list_months, list_thread_page
from roundtable.lists.models import ListMonth, MailingList, Message, Thread
from roundtable.lists.queries import summarise
from tests.lists.test_bounds import load, mbox_entry

pytestmark = pytest.mark.django_db

DATES = ["Tue, 1 Nov 2005 10:00:00 +0000", "Thu, 15 Dec 2005 09:00:00 +0000",
         "Mon, 2 Jan 2006 08:00:00 +0000", None]  # fmt: skip


def _entries(start: int, count: int) -> bytes:
    return b"".join(
        mbox_entry(n, f"body {n}", date=DATES[n % len(DATES)], subject=f"topic {n}")
        for n in range(start, start + count)
    )


def _counted(mailing_list: MailingList) -> dict[object, int]:
    rows = (
        Message.objects.filter(mailing_list=mailing_list, date__isnull=False)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("id"))
    )
    return {row["month"].date(): row["n"] for row in rows}


def test_counters_equal_counting_the_archive_after_each_import(tmp_path: Path) -> None:
    mailing_list = load(tmp_path, _entries(0, 40), name="one.mbox")
    for more in (_entries(40, 25), _entries(10, 30)):  # new messages, then some already known
        summary = summarise(mailing_list)
        assert summary.messages == Message.objects.filter(mailing_list=mailing_list).count()
        assert summary.threads == Thread.objects.filter(mailing_list=mailing_list).count()
        assert (
            summary.undated
            == Message.objects.filter(mailing_list=mailing_list, date__isnull=True).count()
        )
        months = list_months(viewer=None, mailing_list=mailing_list)
        assert {m.month: m.messages for m in months} == _counted(mailing_list)
        mailing_list = load(tmp_path, more, name=f"more-{len(more)}.mbox")
    assert summarise(mailing_list).messages == 65


def test_recount_all_agrees_with_what_was_kept(tmp_path: Path) -> None:
    mailing_list = load(tmp_path, _entries(0, 30))
    kept = sorted(ListMonth.objects.filter(mailing_list=mailing_list).values_list(
        "month", "messages", "threads"))  # fmt: skip
    ListMonth.objects.filter(mailing_list=mailing_list).update(messages=999, threads=999)
    recount_all(mailing_list)
    again = sorted(ListMonth.objects.filter(mailing_list=mailing_list).values_list(
        "month", "messages", "threads"))  # fmt: skip
    assert again == kept


def test_keyset_pages_give_every_thread_once_in_order(tmp_path: Path) -> None:
    mailing_list = load(tmp_path, _entries(0, 130))
    # Threads whose messages carry no usable date sort after every dated one.
    some = Thread.objects.filter(mailing_list=mailing_list).order_by("key")[:12]
    Thread.objects.filter(pk__in=[t.pk for t in some]).update(last_at=None)
    expected = [t.key for t in Thread.objects.filter(mailing_list=mailing_list).order_by(
        "-last_at", "-key")]  # fmt: skip
    undated = set(
        Thread.objects.filter(mailing_list=mailing_list, last_at__isnull=True).values_list(
            "key", flat=True
        )  # fmt: skip
    )
    assert len(undated) == 12
    seen: list[str] = []
    cursor = ""
    for _page in range(10):
        page = list_thread_page(viewer=None, mailing_list=mailing_list, older=cursor, size=50)
        seen += [t.key for t in page.threads]
        if page.older is None:
            break
        cursor = page.older
    assert len(seen) == len(set(seen)) == len(expected) == 130
    dated = [k for k in expected if k not in undated]
    assert seen[: len(dated)] == dated and set(seen[len(dated) :]) == undated


def test_the_list_page_follows_the_cursor_and_shrugs_off_junk(
    client: Client, tmp_path: Path
) -> None:
    mailing_list = load(tmp_path, _entries(0, 70))
    first = client.get(f"/lists/{mailing_list.slug}/").content.decode()
    assert first.count('class="thread-row"') == 50 and "older=" in first and "Newest" not in first
    cursor = list_thread_page(viewer=None, mailing_list=mailing_list).older
    assert cursor is not None
    second = client.get(f"/lists/{mailing_list.slug}/", {"older": cursor}).content.decode()
    assert second.count('class="thread-row"') == 20 and "Newest" in second
    for junk in ("x", "~", "2005-13-01~abc", "-~" + "z" * 200, "2005-11-01T00:00:00~../"):
        response = client.get(f"/lists/{mailing_list.slug}/", {"older": junk})
        assert response.status_code == 200
    assert "70 messages" in first


def test_thread_pages_walk_forward_and_back_through_tied_dates(tmp_path: Path) -> None:
    # 110 threads on a few dates (and undated ones): every page boundary falls inside a tie
    mailing_list = load(tmp_path, _entries(0, 120))
    some = Thread.objects.filter(mailing_list=mailing_list).order_by("key")[:10]
    Thread.objects.filter(pk__in=[t.pk for t in some]).update(last_at=None)
    dated = list(Thread.objects.filter(mailing_list=mailing_list, last_at__isnull=False)
                 .order_by("-last_at", "-key").values_list("key", flat=True))  # fmt: skip
    assert len(dated) == 110 and len({t.last_at for t in Thread.objects.all()}) <= 5
    forward: list[list[str]] = []
    older = ""
    while True:
        page = list_thread_page(viewer=None, mailing_list=mailing_list, older=older, size=7)
        forward.append([t.key for t in page.threads])
        if page.older is None or page.older.startswith("-~"):
            break
        older = page.older
    walked = [k for keys in forward for k in keys]
    assert walked[: len(dated)] == dated  # in order, no duplicate, no gap
    backward = [forward[-1]]
    newer = page.newer
    while newer is not None:
        page = list_thread_page(viewer=None, mailing_list=mailing_list, newer=newer, size=7)
        backward.append([t.key for t in page.threads])
        newer = page.newer
    assert backward[::-1] == forward and page.first
