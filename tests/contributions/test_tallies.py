"""The per-call, per-group counters (issue 15: pages that do not grow with the data) equal
what counting the rows says, after any sequence of real actions: submit (through the door),
withdraw, hide, import; and the call page reads them, paging its contributions by keyset."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Count, Q
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.contributions import tallies
from roundtable.contributions.actions import (
    check_submit_contribution,
    do_hide_contribution,
    do_submit_contribution,
    do_withdraw_contribution,
)
from roundtable.contributions.models import CallGroupTally, Contribution
from roundtable.contributions.queries import count_by_group, count_inputs_by_group
from roundtable.permissions.actor import Actor
from tests.processes.scenes import Scene, accredit, person, scene

pytestmark = pytest.mark.django_db
EXAMPLES = itertools.count()
GROUPS = ("civil-society", "academia", "private-sector")


def _kept() -> dict[tuple[int, int | None], tuple[int, int]]:
    return {
        (t.call_id, t.group_id): (t.contributions, t.published)
        for t in CallGroupTally.objects.all()
        if t.contributions or t.published
    }


def _counted() -> dict[tuple[int, int | None], tuple[int, int]]:
    rows = Contribution.objects.values("call_id", "group_id").annotate(
        n=Count("id"), shown=Count("id", filter=Q(status=Contribution.Status.PUBLISHED))
    )
    return {(r["call_id"], r["group_id"]): (r["n"], r["shown"]) for r in rows}


def _people(s: Scene, prefix: str = "voice") -> list[Any]:
    people = []
    for n, slug in enumerate(GROUPS):
        someone = person(f"{prefix}{n}@example.org")
        accredit(someone, s.venue, slug)
        people.append(someone)
    return people


def test_counters_follow_submit_withdraw_and_hide() -> None:
    s = scene()
    bill, eve, _ = _people(s)
    made = [
        check_submit_contribution(
            actor=Actor.person(who), call=s.call, title=f"t{n}", body="b", language="en"
        )
        for n, who in enumerate([bill, bill, eve, eve, eve])
    ]
    assert _kept() == _counted()
    do_withdraw_contribution(actor=Actor.person(bill), contribution=made[0])
    do_hide_contribution(actor=Actor.operator("mod"), contribution=made[0], reason="spam")
    do_hide_contribution(actor=Actor.operator("mod"), contribution=made[2], reason="spam")
    assert _kept() == _counted()
    by_group = {row["group"]: row["count"] for row in count_by_group(viewer=None, call=s.call)}
    assert by_group == {"civil-society": 2, "academia": 3}
    published = {g.slug: g.count for g in count_inputs_by_group(viewer=None, process=s.process)}
    assert published == {"civil-society": 1, "academia": 2}


def test_recount_puts_back_what_the_actions_kept() -> None:
    s = scene()
    bill, *_ = _people(s)
    do_submit_contribution(actor=Actor.person(bill), call=s.call, title="t", body="b",
                           language="en")  # fmt: skip
    kept = _kept()
    CallGroupTally.objects.update(contributions=99, published=99)
    tallies.recount()
    assert _kept() == kept == _counted()


ACTIONS = st.lists(
    st.tuples(st.sampled_from(["submit", "withdraw", "hide"]), st.integers(0, 20)),
    min_size=1, max_size=12,
)  # fmt: skip


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(steps=ACTIONS)
def test_any_sequence_of_actions_keeps_the_counters_exact(steps: list[tuple[str, int]]) -> None:
    # examples share the test's transaction: each makes its own process and people
    n_example = next(EXAMPLES)
    s = scene(process_slug=f"p{n_example}")
    people = _people(s, prefix=f"e{n_example}")
    made: list[Contribution] = []
    for verb, n in steps:
        if verb == "submit":
            made.append(do_submit_contribution(
                actor=Actor.person(people[n % len(people)]), call=s.call, title=f"t{n}",
                body="b", language="en", now=timezone.now() - timedelta(seconds=n),
            ))  # fmt: skip
        elif made:
            target = Contribution.objects.get(pk=made[n % len(made)].pk)
            if verb == "withdraw" and target.status == Contribution.Status.PUBLISHED:
                do_withdraw_contribution(actor=Actor.person(target.author), contribution=target)
            elif verb == "hide" and target.status != Contribution.Status.HIDDEN:
                do_hide_contribution(actor=Actor.operator("mod"), contribution=target, reason="r")
        assert _kept() == _counted()


def test_the_call_page_pages_by_keyset_and_keeps_other_parameters(client: Client) -> None:
    s = scene()
    bill, *_ = _people(s)
    moment = timezone.now() - timedelta(hours=1)
    for n in range(120):  # ties on the time: the id breaks them
        do_submit_contribution(actor=Actor.person(bill), call=s.call, title=f"entry {n:03}",
                               body="b", language="en", now=moment + timedelta(seconds=n // 7))  # fmt: skip
    seen: list[str] = []
    url = f"/calls/{s.call.pk}/?lang=fr"
    pages: list[str] = []
    while url:
        html = client.get(url).content.decode()
        assert "120 contributions" in html or "120 contributions" in html.replace("\u202f", " ")
        pages.append(url)
        seen += [f"entry {n:03}" for n in range(120) if f">entry {n:03}<" in html]
        nxt = html.split('rel="next">')[0].rsplit('href="', 1)[-1] if 'rel="next"' in html else ""
        url = f"/calls/{s.call.pk}/" + nxt.split('"')[0].replace("&amp;", "&") if nxt else ""
        assert not url or "lang=fr" in url
    assert seen == [f"entry {n:03}" for n in range(120)] and len(pages) == 3


def test_the_api_list_follows_its_link_header_forward_and_back(client: Client) -> None:
    s = scene()
    bill, *_ = _people(s)
    moment = timezone.now() - timedelta(hours=1)
    made = [
        do_submit_contribution(actor=Actor.person(bill), call=s.call, title=f"e{n}", body="b",
                               language="en", now=moment + timedelta(seconds=n // 4)).pk
        for n in range(23)
    ]  # fmt: skip
    url = f"/api/calls/{s.call.pk}/contributions?limit=5"
    pages: list[list[int]] = []
    last = None
    while url:
        last = client.get(url)
        assert last.status_code == 200
        pages.append([row["id"] for row in last.json()])
        links = dict(
            (part.split('rel="')[1].rstrip('"'), part.split(">")[0].lstrip(" <"))
            for part in last.get("Link", "").split(",") if part
        )  # fmt: skip
        url = links.get("next", "")
        assert "limit=5" in url or not url
    assert [pk for page in pages for pk in page] == made and len(pages) == 5
    assert last is not None
    back = dict(
        (part.split('rel="')[1].rstrip('"'), part.split(">")[0].lstrip(" <"))
        for part in last["Link"].split(",")
    )["prev"]  # fmt: skip
    assert [row["id"] for row in client.get(back).json()] == pages[-2]
    junk = client.get(f"/api/calls/{s.call.pk}/contributions", {"after": "x~y"})
    assert [row["id"] for row in junk.json()] == made  # a cursor that does not parse: the first
