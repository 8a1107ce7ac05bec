"""The list search reads the newest messages first, window by window (PostgreSQL: the GIN index
over id buckets and vectors, lists/search_windows.py). The windows only choose how much is
read, never which ids: whatever the bucket size and the estimate, a search finds exactly the
newest matches one statement over the whole list finds, and nothing from another list; so does
a phrase read through its words (its candidates), with other words, an OR or a NOT beside it.
On SQLite (FTS5, no windows) the same searches must find the same messages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.lists import search, search_windows
from roundtable.lists.models import MailingList
from tests.support.messages import post_indexed

pytestmark = pytest.mark.django_db

BASE = datetime(2012, 3, 4, 9, 0, tzinfo=UTC)
TEXTS = (
    "the policy paper",  # the phrase
    "policy of the group",  # both words, not the phrase
    "the\npolicy across lines",  # the phrase across a line break
    "a zebra crossing",  # a rare word
    "Beteiligung der Öffentlichkeit, 多利益攸关方 политика",  # Unicode words
    "nothing here",
    "an e-mail policy of it's group",  # a compound word and an apostrophe: several lexemes
)
SEARCHES = ('"the policy"', "policy", "zebra", "the", "политика", "Öffentlichkeit", "qwertyzzz",
            '"policy of"', "the policy", '"the policy" paper', '"policy paper" or zebra',
            '-"the policy"', '"the policy" -paper', '"e-mail policy"', '"it\'s group"', '"the"',
            '"policy of the group"', '"policy of" "the group"')  # fmt: skip


def _post(mailing_list: MailingList, n: int, text: str) -> int:
    return post_indexed(mailing_list, n, text, base=BASE).pk


@pytest.fixture
def lists() -> tuple[MailingList, MailingList, dict[int, str]]:
    here = MailingList.objects.create(address="here@example.org", slug="here")
    there = MailingList.objects.create(address="there@example.org", slug="there")
    texts: dict[int, str] = {}
    for n in range(90):
        text = TEXTS[(n * 7) % len(TEXTS)] if n % 5 else TEXTS[3 if n % 2 else 0]
        texts[_post(here, n, text)] = text
        # the same message posted to another list too: a row of its own there
        if n % 4 == 0:
            _post(there, n, text)
    return here, there, texts


def _ids(text: str, mailing_list: MailingList, limit: int = 50) -> list[int]:
    return [h.message_pk for h in search.search(text=text, list_ids=[mailing_list.pk], limit=limit)]


def _everything(text: str, mailing_list: MailingList, limit: int) -> list[int]:
    """One statement over the whole list, no windows: what every window choice must find."""
    if connection.vendor != "postgresql":
        return _ids(text, mailing_list, limit)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT m.id FROM lists_message m, websearch_to_tsquery('simple'::regconfig, %s) q "
            "WHERE m.search_vector @@ q AND m.mailing_list_id = %s ORDER BY m.id DESC LIMIT %s",
            [text, mailing_list.pk, limit],
        )
        return [pk for (pk,) in cursor.fetchall()]


def test_the_searches_find_what_the_texts_say(lists: tuple[MailingList, MailingList, dict]) -> None:
    here, there, texts = lists
    newest_first = sorted(texts, reverse=True)
    phrase = [pk for pk in newest_first if texts[pk] in (TEXTS[0], TEXTS[2])]
    assert _ids('"the policy"', here, 200) == phrase  # across a line break too, not "policy of the"
    assert _ids("zebra", here, 200) == [pk for pk in newest_first if texts[pk] == TEXTS[3]]
    assert _ids("политика", here, 200) == [pk for pk in newest_first if texts[pk] == TEXTS[4]]
    assert _ids("qwertyzzz", here) == []
    theirs = set(_ids("policy", there, 200))
    assert theirs and not theirs & set(texts)  # another list's rows only, never this list's


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the windows are PostgreSQL's")
@pytest.mark.parametrize("bucket", [1, 3, 16, 1024])
def test_every_window_choice_finds_the_same_newest_matches(
    lists: tuple[MailingList, MailingList, dict], bucket: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there, _ = lists
    expected = {
        (text, limit): _everything(text, here, limit) for text in SEARCHES for limit in (1, 7, 51)
    }
    monkeypatch.setattr(search_windows, "BUCKET", bucket)  # the index's own is 1024: only slower
    statements = []
    for estimate in (0.0, 2.0, 40.0, 1e9):  # a kept estimate as wrong as can be, either way
        monkeypatch.setattr(search, "_estimate", lambda *args, found=estimate: (found, 120.0))
        for (text, limit), ids in expected.items():
            with CaptureQueriesContext(connection) as asked:
                assert _ids(text, here, limit) == ids, (text, limit, estimate)
            statements.append([query["sql"] for query in asked.captured_queries])
    if bucket == 1:  # several windows, then the rest, were read
        assert any("ANY" in sqls[0] and "m.id <" in sqls[-2] for sqls in statements)
        # phrases through their words (and the phrase tested after), windows and rest alike
        assert any("::tsquery" in sqls[0] and "::tsquery" in sqls[-2] for sqls in statements)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the windows are PostgreSQL's")
def test_a_phrase_is_read_through_its_words_unless_a_not_would_narrow_them(
    lists: tuple[MailingList, MailingList, dict],
) -> None:
    here, _, _ = lists
    for text, through_words in (('"the policy"', True), ('"the policy" -paper', False),
                                ('-"the policy"', False), ('"policy"', False)):  # fmt: skip
        with CaptureQueriesContext(connection) as asked:
            found = _ids(text, here, 7)
        assert found == _everything(text, here, 7), text
        read = [query["sql"] for query in asked.captured_queries if "ORDER BY" in query["sql"]]
        assert any("::tsquery" in sql for sql in read) is through_words, text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the windows are PostgreSQL's")
def test_a_message_added_between_windows_is_never_shown_in_place_of_an_older_match(
    lists: tuple[MailingList, MailingList, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, _, texts = lists
    before = _ids("zebra", here, 200)
    monkeypatch.setattr(search_windows, "BUCKET", 2)
    monkeypatch.setattr(search, "_estimate", lambda *args: (1.0, 120.0))
    assert _ids("zebra", here, 200) == before
    late = _post(here, 999, "zebra late")
    assert _ids("zebra", here, 200) == [late, *before]
