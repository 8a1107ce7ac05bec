"""What the list search keeps between requests. The plan estimate (PostgreSQL, lists/search.py
`_estimate`) chooses how the matching ids are read, never which ids, so a kept one can never make
a search miss a match or show another list's; a repeated search asks the planner nothing. The
excerpts (fulltext.highlighted_heads) are kept by content: a changed text shows its new words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.lists import search
from roundtable.lists.models import MailingList, Message
from roundtable.lists.search_results import search_messages_page
from tests.support.messages import post_indexed

pytestmark = pytest.mark.django_db

BASE = datetime(2011, 5, 6, 9, 0, tzinfo=UTC)


def _post(mailing_list: MailingList, n: int, text: str) -> Message:
    return post_indexed(mailing_list, n, text, base=BASE)


def _ids(text: str, mailing_list: MailingList) -> list[int]:
    return [hit.message_pk for hit in search.search(text=text, list_ids=[mailing_list.pk])]


def test_a_kept_estimate_never_shows_another_lists_messages_nor_misses_a_new_one() -> None:
    caches["rows"].clear()
    first = MailingList.objects.create(address="one@example.org", slug="one")
    second = MailingList.objects.create(address="two@example.org", slug="two")
    ones = [_post(first, n, f"budget text {n}").pk for n in range(6)]
    twos = [_post(second, n, f"budget other {n}").pk for n in range(3)]
    assert _ids("budget", first) == sorted(ones, reverse=True)
    # the same words in another list: that list's messages only, whatever was kept
    assert _ids("budget", second) == sorted(twos, reverse=True)
    assert _ids("budget", first) == sorted(ones, reverse=True)
    # a message added after the estimate was kept is found by the same search, newest first
    newest = _post(first, 99, "budget late").pk
    assert _ids("budget", first) == [newest, *sorted(ones, reverse=True)]
    assert _ids("budget", second) == sorted(twos, reverse=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan choice is PostgreSQL's")
def test_either_plan_finds_the_same_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    mailing_list = MailingList.objects.create(address="plans@example.org", slug="plans")
    elsewhere = MailingList.objects.create(address="else@example.org", slug="else")
    for n in range(40):
        _post(mailing_list, n, "policy words" if n % 3 else "policy rare zebra")
        _post(elsewhere, n, "policy zebra elsewhere")
    expected = {
        text: _ids(text, mailing_list) for text in ("policy", "zebra", '"policy rare"', "none")
    }
    assert expected["zebra"] and expected['"policy rare"'] and not expected["none"]
    for estimate in (1e9, 0.0, 30.0):  # a kept estimate as wrong as can be, either way
        monkeypatch.setattr(search, "_estimate", lambda *args, found=estimate: (found, 80.0))
        assert {text: _ids(text, mailing_list) for text in expected} == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan choice is PostgreSQL's")
def test_a_repeated_search_asks_the_planner_nothing() -> None:
    caches["rows"].clear()
    mailing_list = MailingList.objects.create(address="again@example.org", slug="again")
    _post(mailing_list, 1, "treaty text")
    with CaptureQueriesContext(connection) as asked:
        assert _ids("treaty", mailing_list)
    assert any(query["sql"].startswith("EXPLAIN") for query in asked.captured_queries)
    with CaptureQueriesContext(connection) as again:
        assert _ids("treaty", mailing_list)
    asked_again = [query["sql"] for query in again.captured_queries]
    assert not [sql for sql in asked_again if sql.startswith("EXPLAIN") or "pg_class" in sql]
    assert len(asked_again) == len(asked.captured_queries) - 2  # the ids, then the snippets


def test_a_kept_excerpt_follows_the_text() -> None:
    mailing_list = MailingList.objects.create(address="texts@example.org", slug="texts")
    message = _post(mailing_list, 1, "the charter names the secretariat")
    shown = search_messages_page(viewer=None, text="charter", mailing_list=mailing_list).results
    assert [r.snippet_html for r in shown] == ["the <mark>charter</mark> names the secretariat"]
    row = (message.pk, message.subject, message.from_name, message.from_addr, message.own_text)
    search.unindex_messages([row])
    Message.objects.filter(pk=message.pk).update(own_text="a new charter text")
    search.index_messages([message.pk])
    again = search_messages_page(viewer=None, text="charter", mailing_list=mailing_list).results
    assert [r.snippet_html for r in again] == ["a new <mark>charter</mark> text"]
