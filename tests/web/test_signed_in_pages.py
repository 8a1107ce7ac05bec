"""Signed-in readers' own kept pages (roundtable/web/page_cache.py): kept for that reader alone,
and a change of what the page shows them is seen by their next request. A row changed behind
the trail's back (a direct UPDATE, no event) shows whether an answer came from the cache."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from roundtable.contributions.actions import do_submit_contribution
from roundtable.contributions.models import CallForInput
from roundtable.lists.actions import do_ensure_list, do_place_list
from roundtable.lists.subscriptions import do_subscribe
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.models import Accreditation
from roundtable.stakeholders.roles import do_grant_role
from roundtable.web import page_cache
from tests.drafting.scenes import world
from tests.processes.scenes import accredit, person
from tests.web.test_home_search import open_call

pytestmark = pytest.mark.django_db

TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{64}')


def same_page(one: Any, two: Any) -> bool:
    """Byte for byte, each visitor's own CSRF token aside."""
    return bool(TOKENS.sub(r"\1", one.content.decode()) == TOKENS.sub(r"\1", two.content.decode()))


def fresh(client: Client, url: str) -> Any:
    with override_settings(ROUNDTABLE_PAGE_CACHE_SECONDS=0):
        return client.get(url)


@pytest.fixture
def call(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(page_cache, "clock", lambda: 1_000_000.0)
    w = world(modality="icann-gnso-pdp-wg")
    return open_call(w, "Call on exchange points")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rename_behind_the_trail(call: Any, title: str) -> None:
    CallForInput.objects.filter(pk=call.pk).update(title=title)


def test_a_reader_gets_their_own_kept_page_private_and_the_same_as_a_fresh_render(
    call: Any,
) -> None:
    url = f"/calls/{call.pk}/"
    carol = signed_in(person("carol@example.org", "Carol"))
    one = carol.get(url)
    rename_behind_the_trail(call, "Renamed behind the trail")
    two = carol.get(url)
    assert (one["X-Page-Cache"], two["X-Page-Cache"]) == ("stored", "hit")
    assert "Renamed behind the trail" not in two.content.decode()
    assert "Signed in as carol@example.org" in two.content.decode()
    assert "private" in two["Cache-Control"] and "Cookie" in two["Vary"]
    assert carol.get(url, HTTP_IF_NONE_MATCH=two["ETag"]).status_code == 304
    rename_behind_the_trail(call, call.title)
    assert same_page(two, fresh(carol, url))
    # The API reads no session: a signed-in browser gets the anonymous answer, privately.
    api = carol.get("/api/venues")
    assert api["X-Page-Cache"] == "stored" and "private" in api["Cache-Control"]
    assert Client().get("/api/venues")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("accredited", [False, True])
def test_never_shared_across_readers_either_way(call: Any, accredited: bool) -> None:
    url = f"/calls/{call.pk}/"
    venue = call.process.venue
    alice, bob = person("alice@example.org", "Alice"), person("bob@example.org", "Bob")
    accredit(alice, venue, "civil-society")
    if accredited:  # the same standing as Alice's; else a different one
        accredit(bob, venue, "civil-society")
    for first, second in ((alice, bob), (bob, alice)):
        page_cache.caches["pages"].clear()
        assert signed_in(first).get(url)["X-Page-Cache"] == "stored"
        theirs = signed_in(second).get(url)
        assert theirs["X-Page-Cache"] == "stored"
        assert f"Signed in as {second.email}" in theirs.content.decode()
    anonymous = Client().get(url)
    assert (
        anonymous["X-Page-Cache"] == "stored" and "Signed in as" not in anonymous.content.decode()
    )


def test_never_shared_even_when_a_name_is_taken_over(call: Any) -> None:
    # Names change only through the admin (no event): the user's id keeps them apart.
    url = f"/calls/{call.pk}/"
    users = get_user_model().objects
    alice, bob = person("alice@example.org"), person("bob@example.org")
    signed_in(alice).get(url)
    users.filter(pk=alice.pk).update(username="alice-old@example.org")
    users.filter(pk=bob.pk).update(username="alice@example.org")
    theirs = signed_in(users.get(pk=bob.pk)).get(url)
    assert theirs["X-Page-Cache"] == "stored"


def test_a_change_of_standing_is_seen_by_the_next_request(call: Any) -> None:
    process = call.process  # its page says "Your standing here"
    url = f"/venues/{process.venue.slug}/{process.slug}/"
    dana = person("dana@example.org", "Dana")
    reader = signed_in(dana)
    before = reader.get(url)
    accredit(dana, call.process.venue, "civil-society")  # granted, through the actions
    granted = reader.get(url)
    assert granted["X-Page-Cache"] == "stored" and not same_page(before, granted)
    assert same_page(granted, fresh(reader, url))
    assert reader.get(url)["X-Page-Cache"] == "hit"
    # Withdrawn behind the trail's back (no event): the standings in the key still see it.
    Accreditation.objects.filter(user=dana).update(status=Accreditation.Status.WITHDRAWN)
    withdrawn = reader.get(url)
    assert withdrawn["X-Page-Cache"] == "stored" and same_page(withdrawn, before)
    do_grant_role(
        actor=Actor.operator("test"), user=dana, role="secretariat", venue=call.process.venue
    )
    role = reader.get(url)
    assert role["X-Page-Cache"] == "stored" and same_page(role, fresh(reader, url))
    assert not same_page(role, withdrawn)


def test_own_contribution_subscription_and_name_are_seen_by_the_next_request(call: Any) -> None:
    url = f"/calls/{call.pk}/"
    erin = person("erin@example.org", "Erin")
    accredit(erin, call.process.venue, "civil-society")
    reader = signed_in(erin)
    reader.get(url)
    do_submit_contribution(
        actor=Actor.person(erin), call=call, title="On marimba pricing",
        body="Exchange points and marimba peering lower costs.", language="en",
    )  # fmt: skip
    mine = reader.get(url)
    assert "On marimba pricing" in mine.content.decode() and same_page(mine, fresh(reader, url))
    mailing_list = do_ensure_list(actor=Actor.operator("test"), address="wg@example.org")
    do_place_list(
        actor=Actor.operator("test"), mailing_list=mailing_list, venue=None, process=call.process
    )
    list_url = f"/lists/{mailing_list.slug}/"
    reader.get(list_url)
    do_subscribe(actor=Actor.person(erin), mailing_list=mailing_list, email=erin.email)
    subscribed = reader.get(list_url)
    assert same_page(subscribed, fresh(reader, list_url))
    get_user_model().objects.filter(pk=erin.pk).update(username="erin.renamed@example.org")
    renamed = reader.get(url)
    assert "Signed in as erin.renamed@example.org" in renamed.content.decode()
    assert renamed["X-Page-Cache"] == "stored"


def test_messages_and_signing_out_bypass_it(call: Any) -> None:
    url = f"/calls/{call.pk}/"
    frank = person("frank@example.org", "Frank")
    reader = signed_in(frank)
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"
    # A message waiting for them (the cookie the messages framework would have set).
    storage = CookieStorage(RequestFactory().get(url))
    storage.add(messages.INFO, "Your contribution is published.")
    carrier = HttpResponse()
    storage.update(carrier)
    reader.cookies[storage.cookie_name] = carrier.cookies[storage.cookie_name].value
    shown = reader.get(url)
    assert (
        "X-Page-Cache" not in shown and "Your contribution is published." in shown.content.decode()
    )
    assert reader.get(url)["X-Page-Cache"] == "hit"  # shown once, then kept again
    reader.logout()
    out = reader.get(url)
    assert out["X-Page-Cache"] == "stored" and "Signed in as" not in out.content.decode()
    assert "private" in out["Cache-Control"]  # the anonymous page, with this visitor's token
