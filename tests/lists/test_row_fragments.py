"""Archive rows kept in the fragment cache (lists/row_fragments.py): a row is rendered again
whenever a field it shows changes (a message hidden or corrected, its sender's personal data
erased, another language), and what a moderator sees never reaches an anonymous reader's row
or the other way round. The page cache is off here (ROUNDTABLE_PAGE_CACHE_SECONDS=0), so every
request renders its page and only the row fragments are shared."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.test import Client

from roundtable.lists import archive_rows, row_fragments
from roundtable.lists.actions import do_ensure_list, do_import_archive
from roundtable.lists.models import MailingList, Message, Thread
from roundtable.lists.row_fragments import SEPARATOR, rendered_rows
from roundtable.permissions.actor import Actor
from roundtable.permissions.fragments import ROWS, cached_fragment, cached_fragments
from roundtable.processes.actions import do_create_venue
from roundtable.stakeholders.organisations import do_ensure_default_groups
from roundtable.stakeholders.roles import do_grant_role
from tests.processes.scenes import person

pytestmark = pytest.mark.django_db
OPERATOR = Actor.operator("tests")


@pytest.fixture(autouse=True)
def no_page_cache(settings: Any) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0
    cache.clear()
    caches[ROWS].clear()


@pytest.fixture
def seed(seed_file: Path) -> Message:
    do_import_archive(actor=OPERATOR, list_address="mmwg@wsis-cs.org", paths=[str(seed_file)])
    return Message.objects.get()


def _dated(message: Message) -> Message:
    """The seed has no date and no address: give it both, as most archived mail has."""
    when = datetime(2005, 11, 10, 12, tzinfo=UTC)
    Message.objects.filter(pk=message.pk).update(date=when, from_addr="bill@example.org")
    Thread.objects.filter(pk=message.thread_id).update(started_at=when, last_at=when)
    return Message.objects.get(pk=message.pk)


def _article(client: Client, message: Message, **headers: str) -> str:
    page = client.get(f"/lists/mmwg/t/{message.thread.key}/", **headers).content.decode()
    found = re.search(r'<article id="m-.*?</article>', page, flags=re.S)
    assert found is not None
    return found.group(0)


def test_a_message_block_is_rendered_again_when_a_field_it_shows_changes(
    client: Client, seed: Message
) -> None:
    before = _article(client, seed)
    assert _article(client, seed) == before  # found in the cache, the same
    assert "Hi Bertrand," in before

    # its sender named, then the sender's personal data erased: name and address gone at once
    Message.objects.filter(pk=seed.pk).update(
        from_name="Bill Example", from_addr="bill@example.org"
    )
    assert "Bill Example" in _article(client, seed)
    Message.objects.filter(pk=seed.pk).update(from_name="", from_addr="erased@invalid")
    erased = _article(client, seed)
    assert "erased@invalid" in erased and "Bill Example" not in erased
    assert "bill@example.org" not in erased

    # hidden: its text replaced
    Message.objects.filter(pk=seed.pk).update(text="This message was hidden.")
    hidden = _article(client, seed)
    assert "This message was hidden." in hidden and "Hi Bertrand," not in hidden

    # a flag the block shows
    Message.objects.filter(pk=seed.pk).update(conflicting_id=True)
    assert "Another message has the same Message-ID" in _article(client, seed)

    # another language: its own block, and English readers keep theirs
    french = _article(client, seed, HTTP_ACCEPT_LANGUAGE="fr")
    assert "lien permanent" in french
    assert "permalink" in _article(client, seed, HTTP_ACCEPT_LANGUAGE="en")


def test_month_author_list_and_search_rows_follow_their_fields(
    client: Client, seed: Message
) -> None:
    seed = _dated(seed)
    month = f"/lists/mmwg/{seed.date:%Y}/{seed.date.month}/"
    author = f"/lists/mmwg/author/{seed.from_addr}/"
    search = "/lists/mmwg/search/?q=Bertrand"
    for url in (month, author, "/lists/mmwg/", search):
        assert seed.subject in client.get(url).content.decode()
    Message.objects.filter(pk=seed.pk).update(subject="Corrected subject")
    Thread.objects.filter(pk=seed.thread_id).update(subject="Corrected thread")
    assert "Corrected subject" in client.get(month).content.decode()
    assert "Corrected thread" in client.get(month).content.decode()
    assert "Corrected subject" in client.get(author).content.decode()
    assert "Corrected subject" in client.get(search).content.decode()
    assert "Corrected thread" in client.get("/lists/mmwg/").content.decode()


def test_a_row_is_found_by_its_key_alone(seed: Message) -> None:
    """The cache is really used, and the key alone decides: a key that leaves out a field the
    template shows would serve a stale row, which is why every `*_shown` lists them all."""
    mailing_list = seed.mailing_list
    thread = Thread.objects.get(pk=seed.thread_id)
    template = "lists/_month_thread_row.html"
    first = rendered_rows(template, mailing_list, [thread], lambda row: (row.key,))
    thread.subject = "Changed in memory"
    partial = rendered_rows(template, mailing_list, [thread], lambda row: (row.key,))
    assert partial == first  # the same key: the cached row
    full = archive_rows.month_thread_rows(mailing_list, [thread])
    assert "Changed in memory" in full[0]


def _moderated_list(seed_file: Path) -> MailingList:
    do_ensure_default_groups(actor=OPERATOR)
    venue = do_create_venue(actor=OPERATOR, slug="wg", name="WG",
                            default_modality="open-mailing-list")  # fmt: skip
    mailing_list = do_ensure_list(actor=OPERATOR, address="mmwg@wsis-cs.org", name="WG")
    mailing_list.venue = venue
    mailing_list.save()
    do_grant_role(actor=OPERATOR, user=person("mod@example.org", "Moderator"), venue=venue,
                  role="moderator")  # fmt: skip
    do_import_archive(actor=OPERATOR, list_address="mmwg@wsis-cs.org", paths=[str(seed_file)])
    return mailing_list


@pytest.mark.parametrize("first", ["moderator", "anonymous"])
def test_moderator_controls_never_reach_an_anonymous_readers_rows(
    seed_file: Path, first: str
) -> None:
    _moderated_list(seed_file)
    message = _dated(Message.objects.get())
    moderator = Client()
    moderator.force_login(get_user_model().objects.get(username="mod@example.org"))
    anonymous = Client()
    urls = [
        "/lists/mmwg/",
        f"/lists/mmwg/t/{message.thread.key}/",
        f"/lists/mmwg/{message.date:%Y}/{message.date.month}/",
        f"/lists/mmwg/author/{message.from_addr}/",
    ]
    order = (moderator, anonymous) if first == "moderator" else (anonymous, moderator)
    for url in urls:
        pages = {id(client): client.get(url).content.decode() for client in order}
        seen_by_moderator, seen_anonymously = pages[id(moderator)], pages[id(anonymous)]
        assert "/moderation/" not in seen_anonymously, url
        if url == "/lists/mmwg/":
            assert "/moderation/" in seen_by_moderator  # the queue link, outside the rows
    # the cached rows themselves (filled by whichever reader came first) hold no control
    rows = archive_rows.list_thread_rows(message.mailing_list, list(Thread.objects.all()))
    assert all("/moderation/" not in row for row in rows)


def test_a_thread_page_costs_the_same_queries_with_or_without_its_blocks_cached(
    client: Client, seed: Message, django_assert_max_num_queries: object
) -> None:
    url = f"/lists/mmwg/t/{seed.thread.key}/"
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        client.get(url)  # blocks rendered
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        client.get(url)  # blocks from the cache


def test_a_row_containing_the_separator_is_still_its_own_row(seed: Message) -> None:
    thread = Thread.objects.get(pk=seed.thread_id)
    thread.subject = f"odd {SEPARATOR} subject"
    other = Thread(key="feedfacefeedface", subject="plain", message_count=1)
    rows = archive_rows.month_thread_rows(seed.mailing_list, [thread, other])
    assert len(rows) == 2 and "odd" in rows[0] and "plain" in rows[1]
    assert thread.key in rows[0] and "feedfacefeedface" in rows[1]


def test_filling_the_row_cache_never_evicts_a_matrix_fragment(settings: Any) -> None:
    """Rows have their own cache (settings.CACHES["rows"]): however many a reader browses, a
    fragment of the default cache (a rights matrix) stays."""
    kept = cached_fragment("fragment:matrix:test", lambda: "<table>matrix</table>")
    limit = settings.CACHES[ROWS]["OPTIONS"]["MAX_ENTRIES"]
    assert limit > settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"]
    for start in range(0, limit + 1_000, 1_000):
        keys = {n: f"fragment:row:test:{n}" for n in range(start, start + 1_000)}
        cached_fragments(keys, lambda missing: {n: f"<li>{n}</li>" for n in missing})
    assert cached_fragment("fragment:matrix:test", lambda: "rendered again") == kept
    # the rows' cache did cull: its bound is its own
    assert len(caches[ROWS].get_many([f"fragment:row:test:{n}" for n in range(1_000)])) < 1_000


def test_a_row_digest_tells_apart_every_value_and_type() -> None:
    """Rows are keyed by a pickle of what they show (row_fragments._digest): equal content,
    equal digest (whichever objects hold it); any other value or type, another digest; and a
    value pickle refuses is still keyed, by its repr."""
    digest = row_fragments._digest
    text = "x" * 500
    assert digest(("a", text, 1)) == digest(("a", "".join(["x"] * 500), 1))
    others = [("a", text, True), ("a", text, "1"), ("a", text, 1.0), ("a", text + " ", 1),
              ("a", text, None), ("b", text, 1), ("a", (text,), 1)]  # fmt: skip
    assert len({digest(row) for row in [("a", text, 1), *others]}) == len(others) + 1
    refused = (lambda: None,)
    assert digest(refused) == digest(refused)
