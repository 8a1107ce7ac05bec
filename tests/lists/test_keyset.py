"""Keyset pages of the archive (issue 15): walking next and previous gives every row once, in
order, with no gap, also when many rows share a date; the seeded scale generator writes the
derived rows as the import does; search pages through a bounded number of matches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import Sum
from django.test import Client

from bench.make_scale_data import generate
from roundtable.lists import search
from roundtable.lists.browsing import author_message_page, month_message_page
from roundtable.lists.models import ListMonth, MailingList, Message, Thread
from roundtable.outputs import keyset

pytestmark = pytest.mark.django_db

BASE = datetime(2010, 3, 4, 12, 0, tzinfo=UTC)


def _list_with_ties(count: int = 23) -> MailingList:
    """`count` messages in March 2010 by one author, on three instants only (ties)."""
    mailing_list = MailingList.objects.create(address="ties@example.org", slug="ties")
    for n in range(count):
        Message.objects.create(
            mailing_list=mailing_list, key=f"{(n * 7919) % 1000:04x}{n:04x}",
            message_id=f"m{n}@x", content_hash=str(n), subject=f"s{n}",
            from_addr="a@example.org", date=BASE + timedelta(hours=n % 3), raw=b"",
        )  # fmt: skip
    return mailing_list


def _walk(fetch: object, expected: list[str]) -> None:
    pages, after = [], ""
    while True:
        page = fetch(after=after)  # type: ignore[operator]
        pages.append(page)
        if page.after is None:
            break
        after = page.after
    seen = [row.key for page in pages for row in page.rows]
    assert seen == expected  # every row once, in order: no duplicate, no gap
    # and back: the page before each page is the one the forward walk gave
    for earlier, later in zip(pages, pages[1:], strict=False):
        back = fetch(before=later.before)  # type: ignore[operator]
        assert [r.key for r in back.rows] == [r.key for r in earlier.rows]
    assert pages[0].before is None


def test_month_pages_walk_both_ways_through_ties() -> None:
    mailing_list = _list_with_ties()
    expected = [m.key for m in Message.objects.order_by("date", "key")]

    def fetch(after: str = "", before: str = "") -> keyset.Page[Message]:
        return month_message_page(viewer=None, mailing_list=mailing_list, year=2010, month=3,
                                  after=after, before=before, size=5)  # fmt: skip

    _walk(fetch, expected)


def test_author_pages_newest_first_through_ties() -> None:
    mailing_list = _list_with_ties()
    expected = [m.key for m in Message.objects.order_by("-date", "-key")]

    def fetch(after: str = "", before: str = "") -> keyset.Page[Message]:
        return author_message_page(viewer=None, mailing_list=mailing_list,
                                   address="A@example.org", after=after, before=before,
                                   size=4)  # fmt: skip

    _walk(fetch, expected)


def test_a_cursor_that_does_not_parse_is_the_first_page() -> None:
    mailing_list = _list_with_ties()
    first = month_message_page(viewer=None, mailing_list=mailing_list, year=2010, month=3, size=5)
    for bad in ("x", "2010-03-04~", "not-a-date~abc", "2010-03-04T12:00:00~abc"):
        page = month_message_page(viewer=None, mailing_list=mailing_list, year=2010, month=3,
                                  after=bad, size=5)  # fmt: skip
        assert [r.key for r in page.rows] == [r.key for r in first.rows]


def test_month_and_author_pages_answer_with_cursors() -> None:
    _list_with_ties(120)
    client = Client()
    first = client.get("/lists/ties/2010/3/")
    assert first.status_code == 200
    assert b"?after=" in first.content
    page = month_message_page(viewer=None, mailing_list=MailingList.objects.get(slug="ties"),
                              year=2010, month=3)  # fmt: skip
    second = client.get("/lists/ties/2010/3/", {"after": page.after})
    assert second.status_code == 200
    assert b"?before=" in second.content
    assert client.get("/lists/ties/author/a@example.org/").status_code == 200


def test_generator_is_seeded_and_keeps_derived_rows_right() -> None:
    mailing_list = generate(messages=400, seed=5, log=None)
    keys = list(Message.objects.order_by("id").values_list("key", flat=True))
    assert Message.objects.filter(mailing_list=mailing_list).count() == 400
    months = ListMonth.objects.filter(mailing_list=mailing_list)
    assert months.aggregate(n=Sum("messages"))["n"] == 400
    assert months.aggregate(n=Sum("threads"))["n"] == mailing_list.threads.count()
    for thread in Thread.objects.filter(mailing_list=mailing_list)[:20]:
        held = thread.messages.order_by("position")
        assert held.count() == thread.message_count
        assert [m.position for m in held] == list(range(thread.message_count))
        assert held[0].message_id == thread.root_message_id
    again = generate(messages=400, seed=5, log=None)
    assert list(Message.objects.filter(mailing_list=again).order_by("id")
                .values_list("key", flat=True)) == keys  # fmt: skip
    assert search.search(text="the", list_ids=[mailing_list.pk], limit=5)


def test_search_pages_through_the_newest_cap_matches_newest_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mailing_list = generate(messages=300, seed=2, log=None)
    monkeypatch.setattr(search, "CAP", 20)
    found = search.search_capped(text="the", list_ids=[mailing_list.pk], limit=50)
    assert found.capped  # the page reached the cap and more matched
    assert len(found.hits) == 20
    ids = [hit.message_pk for hit in found.hits]
    assert ids == sorted(ids, reverse=True)
    newest = set(Message.objects.order_by("-id").values_list("id", flat=True)[:40])
    assert set(ids) <= newest
    first = search.search_capped(text="the", list_ids=[mailing_list.pk], limit=10)
    assert not first.capped  # the first page does not read down to the cap
    second = search.search_capped(text="the", list_ids=[mailing_list.pk], limit=10, offset=10)
    assert [h.message_pk for h in first.hits + second.hits] == ids
    assert second.capped
    beyond = search.search_capped(text="the", list_ids=[mailing_list.pk], limit=10, offset=20)
    assert beyond.hits == [] and beyond.capped


def test_a_match_older_than_the_cap_is_found_by_a_narrower_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mailing_list = generate(messages=300, seed=2, log=None)
    oldest = Message.objects.filter(mailing_list=mailing_list).order_by("id").first()
    assert oldest is not None and oldest.date is not None
    Message.objects.filter(pk=oldest.pk).update(own_text="the zyxwordunique word, the end")
    search.unindex_messages([(oldest.pk, oldest.subject, oldest.from_name, oldest.from_addr,
                              oldest.own_text)])  # fmt: skip
    search.index_messages([oldest.pk])
    monkeypatch.setattr(search, "CAP", 20)
    everything = [search.search_capped(text="the", list_ids=[mailing_list.pk], limit=10,
                                       offset=offset) for offset in (0, 10, 20)]  # fmt: skip
    assert oldest.pk not in {hit.message_pk for page in everything for hit in page.hits}
    assert everything[-1].capped
    by_word = search.search_capped(text="the zyxwordunique", list_ids=[mailing_list.pk])
    assert [hit.message_pk for hit in by_word.hits] == [oldest.pk] and not by_word.capped
    assert "<mark>zyxwordunique</mark>" in by_word.hits[0].snippet_html
    by_date = search.search_capped(
        text="the", list_ids=[mailing_list.pk], date_to=oldest.date + timedelta(seconds=1)
    )
    assert oldest.pk in {hit.message_pk for hit in by_date.hits}
    anywhere = search.search_capped(text="zyxwordunique", list_ids=None)  # no list filter
    assert [hit.message_pk for hit in anywhere.hits] == [oldest.pk]
    elsewhere = MailingList.objects.create(address="other@lists.example.org", slug="other")
    assert not search.search_capped(text="zyxwordunique", list_ids=[elsewhere.pk]).hits


def test_a_capped_search_says_so_and_asks_for_a_narrower_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mailing_list = generate(messages=300, seed=2, log=None)
    monkeypatch.setattr(search, "CAP", 20)
    page = Client().get(f"/lists/{mailing_list.slug}/search/", {"q": "the"})
    assert page.status_code == 200
    assert b"lists-capped" in page.content and b"narrow the search" in page.content
    rare = Client().get(f"/lists/{mailing_list.slug}/search/", {"q": "zzqqxxnothing"})
    assert b"lists-capped" not in rare.content
