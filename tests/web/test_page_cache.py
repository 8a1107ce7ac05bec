"""The shared-page cache for anonymous readers (roundtable/web/page_cache.py), on the real
stack: a row changed behind the trail's back (a direct UPDATE, no event) shows whether an answer
came from the cache; a write through an action must show at once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from roundtable.contributions.actions import do_submit_contribution
from roundtable.contributions.models import CallForInput
from roundtable.permissions.actor import Actor
from roundtable.web import page_cache
from tests.drafting.scenes import published_document, world
from tests.processes.scenes import accredit, person
from tests.web.test_home_search import open_call

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1_000_000.0]
    monkeypatch.setattr(page_cache, "clock", lambda: now[0])
    return now


@pytest.fixture
def call(clock: list[float]) -> Any:
    w = world(modality="icann-gnso-pdp-wg")
    return open_call(w, "Call on exchange points")


def rename_behind_the_trail(call: Any, title: str) -> None:
    CallForInput.objects.filter(pk=call.pk).update(title=title)


def stored() -> int:
    return len(caches["pages"]._cache)  # type: ignore[attr-defined]


def test_a_hit_is_the_same_page_with_each_visitors_own_token(call: Any) -> None:
    url = f"/calls/{call.pk}/"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one = first.get(url)
    rename_behind_the_trail(call, "Renamed behind the trail")
    two = second.get(url)
    assert one.status_code == two.status_code == 200
    assert "Renamed behind the trail" not in two.content.decode()  # served from the cache
    assert (one["X-Page-Cache"], two["X-Page-Cache"]) == ("stored", "hit")
    token_one = TOKEN.findall(one.content.decode())
    token_two = TOKEN.findall(two.content.decode())
    assert token_one and token_two and set(token_one).isdisjoint(token_two)
    assert page_cache.SENTINEL not in two.content.decode()
    strip = [TOKEN.sub("", r.content.decode()).replace(t[0], "") for r, t in
             ((one, token_one), (two, token_two))]  # fmt: skip
    assert strip[0] == strip[1]
    assert two["ETag"] and "Cookie" in two["Vary"] and "private" in two["Cache-Control"]
    # Each visitor's POST from the cached page passes CSRF with their own cookie, not the other's.
    assert first.post("/i18n/setlang/", {"language": "fr", "next": "/"},
                      HTTP_X_CSRFTOKEN=token_one[0]).status_code == 302  # fmt: skip
    assert second.post("/i18n/setlang/", {"language": "fr", "next": "/",
                       "csrfmiddlewaretoken": token_two[0]}).status_code == 302  # fmt: skip
    third = Client(enforce_csrf_checks=True)
    third.get(url)
    refused = third.post("/i18n/setlang/", {"language": "fr", "csrfmiddlewaretoken": token_one[0]})
    assert refused.status_code == 403


def test_a_write_through_an_action_shows_to_the_next_anonymous_reader(call: Any) -> None:
    url = f"/calls/{call.pk}/"
    assert "On marimba pricing" not in Client().get(url).content.decode()
    author = person("bill@example.org", "Bill")
    accredit(author, call.process.venue, "civil-society")
    do_submit_contribution(
        actor=Actor.person(author), call=call, title="On marimba pricing",
        body="Exchange points and marimba peering lower costs.", language="en",
    )  # fmt: skip
    assert "On marimba pricing" in Client().get(url).content.decode()


def test_each_language_is_kept_apart(call: Any) -> None:
    english = Client().get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = Client().get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="en"' in english and '<html lang="fr"' in french
    visitor = Client()
    visitor.get("/")
    visitor.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert '<html lang="es"' in visitor.get("/").content.decode()


def test_a_token_request_neither_reads_nor_fills_the_cache(call: Any) -> None:
    # Signed-in readers have their own copies (tests/web/test_signed_in_pages.py).
    assert Client().get("/api/venues").status_code == 200 and stored() == 1
    api = Client().get("/api/venues", HTTP_AUTHORIZATION="Bearer nonsense")
    assert api.status_code == 401 and "ETag" not in api and stored() == 1


def test_a_denial_is_never_kept(clock: list[float]) -> None:
    itu = world(modality="itu-cwg-internet", venue_slug="itu", process_slug="cwg")
    closed = published_document(itu, text="# Closed\n\nFor Member States.", audience="members")
    answer = Client().get(f"/documents/{closed.pk}/")
    assert answer.status_code in (403, 404) and "ETag" not in answer
    assert stored() == 0


def test_the_clock_bucket_expires_and_zero_turns_it_off(call: Any, clock: list[float]) -> None:
    url = f"/calls/{call.pk}/"
    Client().get(url)
    rename_behind_the_trail(call, "First rename")
    assert "First rename" not in Client().get(url).content.decode()
    clock[0] += 60
    assert "First rename" in Client().get(url).content.decode()
    with override_settings(ROUNDTABLE_PAGE_CACHE_SECONDS=0):
        rename_behind_the_trail(call, "Second rename")
        answer = Client().get(url)
        assert "Second rename" in answer.content.decode() and "ETag" not in answer


def test_a_conditional_get_of_a_kept_page_is_not_modified(call: Any) -> None:
    url = f"/calls/{call.pk}/"
    visitor = Client()
    visitor.get(url)
    again = visitor.get(url)
    assert visitor.get(url, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
    other = Client()
    other.get(url)
    assert other.get(url, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 200


def test_the_api_lists_are_kept_per_accept(call: Any) -> None:
    one = Client().get("/api/venues")
    two = Client().get("/api/venues")
    assert one.status_code == 200 and one.content == two.content
    assert "Accept" in two["Vary"] and "private" not in two["Cache-Control"]
