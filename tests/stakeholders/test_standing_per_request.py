"""A signed-in reader's standing: built together for several venues, once per request (and a
rule file's version: read once per request).

The batch builder must give at every venue exactly what the one-venue builder gives; the
request's memo (`Actor.of_user`) must serve only that request's own user object, never another
person nor another request, and a page must not rebuild what the request already holds.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from roundtable.demo.world import load_demo
from roundtable.permissions.actor import Actor, current_request
from roundtable.permissions.door import get_modality, standing_for_user, standings_for_user
from roundtable.permissions.registry import do_register_rule_file
from roundtable.processes.models import Process
from roundtable.stakeholders.standing import standing_of, standings_of
from roundtable.venues.models import Venue
from tests.processes.scenes import accredit, person, scene

pytestmark = pytest.mark.django_db


def _standing_builds(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # one query per build reads organisation confirmations (stakeholders/standing.py)
    return sum("stakeholders_affiliation" in q["sql"] for q in queries.captured_queries)


def test_the_batch_builder_agrees_with_the_one_venue_builder_for_every_demo_person() -> None:
    load_demo()
    venues = [*Venue.objects.values_list("slug", flat=True), "no-such-venue"]
    users = list(get_user_model().objects.all())
    assert len(users) > 20
    for user in users:
        together = standings_of(user, venues)
        assert together == {venue: standing_of(user, venue) for venue in venues}, user


def test_a_superuser_and_platform_roles_count_at_every_venue() -> None:
    s = scene()
    admin = person("admin@example.org")
    admin.is_superuser = True
    admin.save()
    together = standings_of(admin, [s.venue.slug, "elsewhere"])
    assert together[s.venue.slug] == standing_of(admin, s.venue.slug)
    assert together["elsewhere"] == standing_of(admin, "elsewhere")
    assert {"operator", "secretariat"} <= together["elsewhere"].roles


def test_the_memo_serves_only_the_request_s_own_user_object() -> None:
    s = scene()
    bill, eve = person("bill@example.org"), person("eve@example.org")
    accredit(bill, s.venue, "civil-society")
    request = RequestFactory().get("/")
    request.user = bill
    token = current_request.set(request)
    try:
        assert Actor.of_user(bill) is Actor.of_request(request)
        assert Actor.of_user(eve) is None  # another person
        assert Actor.of_user(get_user_model().objects.get(pk=bill.pk)) is None  # a copy
        with CaptureQueriesContext(connection) as first:
            built = standing_for_user(bill, "itu")
        with CaptureQueriesContext(connection) as again:
            assert standing_for_user(bill, "itu") is built
            assert standings_for_user(bill, ["itu"]) == {"itu": built}
        assert len(first) == 3 and len(again) == 0
        assert standing_for_user(eve, "itu").accredited is False  # eve's own, not bill's
    finally:
        current_request.reset(token)
    assert Actor.of_user(bill) is None  # the request is over: nothing is kept


def test_a_page_builds_the_standing_once_and_the_next_request_sees_a_change(
    client: Client, settings: Any
) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0  # the full render, as for every signed-in reader
    s = scene()
    bill = person("bill@example.org")
    client.force_login(bill)
    url = f"/calls/{s.call.pk}/"
    assert _standing_builds(client, url) == 1
    page = f"/venues/itu/{s.process.slug}/"
    before = _standing_sentence(client.get(page).content.decode())
    accredit(bill, s.venue, "civil-society")
    after = _standing_sentence(client.get(page).content.decode())
    # the new accreditation shows on the next request: no standing outlived its request
    assert "civil" not in before.lower() and "civil" in after.lower()


def _standing_sentence(body: str) -> str:
    start = body.index("Your standing here:")
    return body[start : body.index("</p>", start)]


def test_the_home_page_builds_every_venue_s_standing_in_one_go(
    client: Client, settings: Any
) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0
    scene()
    scene(venue_slug="igf", modality="igf-open-consultation", process_slug="oc")
    scene(venue_slug="eu", modality="igf-open-consultation", process_slug="hys")
    assert Process.objects.count() == 3
    client.force_login(person("bill@example.org"))
    assert _standing_builds(client, "/") == 1


RULES = """\
modality: memo-hearing
title: Memo hearing
extends: open-mailing-list
rules:
  - id: anyone-submits
    permit: [submit_input]
    who: {anonymous: false}
    because: Anyone signed in may send input.
"""


def test_a_rule_file_is_read_once_per_request_and_an_upload_in_it_is_seen() -> None:
    s = scene()
    upload = Actor.person(s.secretariat)
    do_register_rule_file(actor=upload, venue="itu", text=RULES, filename="m.yaml")
    request = RequestFactory().get("/")
    request.user = s.secretariat
    token = current_request.set(request)
    try:
        assert get_modality("memo-hearing").title == "Memo hearing"
        with CaptureQueriesContext(connection) as again:
            assert get_modality("memo-hearing").title == "Memo hearing"
        assert len(again) == 0
        revised = RULES.replace("title: Memo hearing", "title: Memo hearing, revised")
        do_register_rule_file(actor=upload, venue="itu", text=revised, filename="m.yaml")
        assert get_modality("memo-hearing").title == "Memo hearing, revised"
    finally:
        current_request.reset(token)
    other = RequestFactory().get("/")  # another request reads the row afresh
    token = current_request.set(other)
    try:
        with CaptureQueriesContext(connection) as fresh:
            assert get_modality("memo-hearing").title == "Memo hearing, revised"
        assert len(fresh) == 1
    finally:
        current_request.reset(token)


def test_a_user_signed_in_during_the_request_is_not_served_the_old_actor() -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    request = RequestFactory().get("/")
    request.user = None
    token = current_request.set(request)
    try:
        assert Actor.of_request(request).user is None  # built while nobody was signed in
        request.user = bill  # as django.contrib.auth.login does
        assert Actor.of_user(bill) is None
        assert standing_for_user(bill, "itu").accredited is True  # bill's own, built afresh
    finally:
        current_request.reset(token)
