"""The site search's memo of the viewer's observable processes (web/observable_memo.py): never
stale (a phase, a modality version, a membership or the clock changed after a search: the next
search sees it) and never shared across standings. Both databases."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from roundtable.contributions.actions import do_submit_contribution
from roundtable.permissions.actor import Actor
from roundtable.permissions.registry import do_register_rule_file
from roundtable.processes.models import Phase
from roundtable.processes.setup import do_update_phase
from tests.drafting.scenes import World, published_document, world
from tests.processes.scenes import accredit, person
from tests.web.test_home_search import open_call

pytestmark = pytest.mark.django_db

RULES = """\
modality: memo-closed
title: Memo closed
roles: [secretariat]
phases:
  open-consultation:
    adoption: none
  adoption:
    adoption: none
rules:
  - id: public-in-consultation
    permit: [observe]
    who: {anyone: true}
    when: {phases: [open-consultation], facts: [public-record]}
    because: The consultation is public.
  - id: accredited-observe
    permit: [observe]
    who: {accredited: true}
    because: Accredited participants follow the work.
  - id: secretariat-observes
    permit: [observe]
    who: {roles: [secretariat]}
    because: The secretariat supports the work.
"""


def found(client: Client, text: str = "marimba") -> bool:
    caches["pages"].clear()  # the view itself, each time (not a stored page)
    page = client.get("/search/", {"q": text})
    assert page.status_code == 200
    return "Marimba input" in page.content.decode()


def closed_world(phase: str, rules: str = RULES) -> World:
    do_register_rule_file(actor=Actor.operator("test"), venue="itu", text=rules)
    w = world(modality="memo-closed", phase=phase, venue_slug="itu", process_slug="closed")
    call = open_call(w, "Call")
    do_submit_contribution(
        actor=Actor.person(w.secretariat), call=call, title="Marimba input",
        body="Marimba, an input.", language="en",
    )  # fmt: skip
    return w


def test_a_phase_changed_after_a_search_is_seen_by_the_next() -> None:
    w = closed_world("open-consultation")
    assert found(Client())
    phase = Phase.objects.get(process=w.process)
    do_update_phase(actor=Actor.operator("test"), phase=phase, kind="adoption")
    assert not found(Client())
    do_update_phase(actor=Actor.operator("test"), phase=phase, kind="open-consultation")
    assert found(Client())


def test_a_new_modality_version_after_a_search_is_seen_by_the_next() -> None:
    closed_world("open-consultation")
    assert found(Client())
    closed = RULES.replace("phases: [open-consultation]", "phases: [adoption]")
    do_register_rule_file(actor=Actor.operator("test"), venue="itu", text=closed)
    assert not found(Client())


def test_a_membership_granted_after_a_search_is_seen_by_the_next() -> None:
    w = closed_world("adoption")
    bill = person("bill@example.org", "Bill")
    client = Client()
    client.force_login(bill)
    assert not found(client) and not found(Client())
    accredit(bill, w.venue, "civil-society")
    assert found(client)
    assert not found(Client())  # the anonymous answer is another standing's


def test_the_secretariat_and_an_anonymous_visitor_never_share_an_answer() -> None:
    w = closed_world("adoption")
    published_document(
        w, text="# Closed\n\nA marimba paragraph for members.", slug="m1", audience="members"
    )
    insider = Client()
    insider.force_login(w.secretariat)
    for first, second in ((insider, Client()), (Client(), insider)):
        seen = {id(first): found(first), id(second): found(second)}
        assert seen[id(insider)] is True
        assert next(v for k, v in seen.items() if k != id(insider)) is False


def test_an_answer_is_kept_no_longer_than_a_rule_time_window() -> None:
    now = timezone.now()
    # Within one clock bucket of the page cache (60 s): only the rule's edge ends the answer.
    ends = (now + timedelta(seconds=30)).replace(microsecond=0)
    timed = RULES.replace(
        "when: {phases: [open-consultation], facts: [public-record]}",
        f"when: {{facts: [public-record], before: '{ends.isoformat()}'}}",
    )
    closed_world("adoption", rules=timed)
    assert found(Client())
    later = now + timedelta(seconds=45)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert not found(Client())


def test_two_signed_in_standings_never_share_an_answer() -> None:
    w = closed_world("adoption")
    bill, ann = person("bill@example.org", "Bill"), person("ann@example.org", "Ann")
    accredit(bill, w.venue, "civil-society")
    accredited, other = Client(), Client()
    accredited.force_login(bill)
    other.force_login(ann)
    for first, second in ((accredited, other), (other, accredited)):
        seen = {id(first): found(first), id(second): found(second)}
        assert seen[id(accredited)] is True and seen[id(other)] is False
