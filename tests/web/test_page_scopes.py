"""Per-scope generations (audit/scopes.py, web/page_scopes.py): a write elsewhere leaves a
shared page cached; a write to anything the page shows makes the next read fresh; an unmapped
write (an account, a group) makes every page fresh."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from roundtable.audit.scopes import scopes_of_event
from roundtable.contributions.actions import (
    do_comment,
    do_hide_contribution,
    do_submit_contribution,
)
from roundtable.lists.actions import do_import_archive
from roundtable.lists.models import MailingList
from roundtable.lists.subscriptions import do_subscribe
from roundtable.permissions.actor import Actor
from roundtable.permissions.registry import do_register_rule_file
from roundtable.processes.actions import do_update_process
from roundtable.stakeholders.models import StakeholderGroup
from roundtable.stakeholders.organisations import do_create_group, do_create_venue_category
from roundtable.stakeholders.withdrawal import do_withdraw_from_platform
from roundtable.web import page_cache
from tests.drafting.scenes import World, published_document, world
from tests.processes.scenes import accredit, person
from tests.web.test_home_search import open_call

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")  # a CSRF token, each visitor its own


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_cache, "clock", lambda: 1_000_000.0)
    caches["pages"].clear()


@pytest.fixture
def two() -> tuple[World, World, Any, Any]:
    """Two processes in one venue, a call in each."""
    one = world(modality="icann-gnso-pdp-wg", process_slug="epdp")
    other = world(modality="icann-gnso-pdp-wg", process_slug="ccwg")
    return one, other, open_call(one, "Call on exchange points"), open_call(other, "Call on DNS")


def outcome(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return str(response["X-Page-Cache"])


def contribute(call: Any, title: str, email: str) -> Any:
    author = person(email, email.split("@")[0].title())
    accredit(author, call.process.venue, "civil-society")
    found = do_submit_contribution(
        actor=Actor.person(author), call=call, title=title, body="Peering.", language="en"
    )
    return author, found


def pages(w: World, call: Any) -> list[str]:
    venue, process = w.venue.slug, w.process.slug
    return [f"/venues/{venue}/{process}/", f"/calls/{call.pk}/",
            f"/venues/{venue}/{process}/documents/"]  # fmt: skip


def test_a_write_in_another_process_leaves_the_pages_cached(two: Any) -> None:
    one, other, call, other_call = two
    author, _made = contribute(other_call, "Elsewhere", "eve@example.org")  # site: an account
    assert [outcome(url) for url in pages(one, call)] == ["stored"] * 3
    do_submit_contribution(
        actor=Actor.person(author), call=other_call, title="Again", body="More.", language="en"
    )
    do_update_process(actor=Actor.operator("test"), process=other.process, summary="Changed")
    assert [outcome(url) for url in pages(one, call)] == ["hit"] * 3
    # The venue page lists both processes: it is fresh.
    assert outcome(f"/venues/{one.venue.slug}/") == "stored"


def test_a_contribution_in_the_call_shows_at_once(two: Any) -> None:
    one, _other, call, _other_call = two
    author, _made = contribute(call, "Before", "ann@example.org")
    url = f"/calls/{call.pk}/"
    assert outcome(url) == "stored" and outcome(url) == "hit"
    do_submit_contribution(
        actor=Actor.person(author), call=call, title="On marimba pricing", body="Peering.",
        language="en",
    )  # fmt: skip
    response = Client().get(url)
    assert response["X-Page-Cache"] == "stored"
    assert "On marimba pricing" in response.content.decode()
    assert outcome(f"/venues/{one.venue.slug}/{one.process.slug}/") == "stored"


def test_a_hidden_contribution_and_a_process_change_show_at_once(two: Any) -> None:
    one, _other, call, _other_call = two
    _author, made = contribute(call, "To be hidden", "ann@example.org")
    url = f"/calls/{call.pk}/"
    assert outcome(url) == "stored" and outcome(url) == "hit"
    do_hide_contribution(actor=Actor.person(one.secretariat), contribution=made, reason="Spam.")
    assert "Spam." in Client().get(url).content.decode()
    process_url = f"/venues/{one.venue.slug}/{one.process.slug}/"
    assert outcome(process_url) == "stored"
    do_update_process(actor=Actor.operator("test"), process=one.process, summary="A new summary")
    response = Client().get(process_url)
    assert response["X-Page-Cache"] == "stored" and "A new summary" in response.content.decode()


def test_a_documents_page_sees_a_new_document(two: Any) -> None:
    one, _other, _call, _other_call = two
    url = f"/venues/{one.venue.slug}/{one.process.slug}/documents/"
    assert outcome(url) == "stored" and outcome(url) == "hit"
    document = published_document(one)
    assert document.title in Client().get(url).content.decode()
    assert outcome(f"/documents/{document.pk}/") == "stored"
    assert outcome(f"/documents/{document.pk}/") == "hit"


def test_an_authors_withdrawal_and_any_unmapped_write_refresh_every_page(two: Any) -> None:
    one, _other, call, _other_call = two
    author, _made = contribute(call, "By Ann", "ann@example.org")
    urls = [*pages(one, call), f"/venues/{one.venue.slug}/"]
    assert [outcome(url) for url in urls] == ["stored"] * 4
    assert "Ann" in Client().get(f"/calls/{call.pk}/").content.decode()
    do_withdraw_from_platform(actor=Actor.person(author))
    assert [outcome(url) for url in urls] == ["stored"] * 4
    do_create_group(actor=Actor.operator("test"), slug="academia-2", name="Academia")
    assert [outcome(url) for url in urls] == ["stored"] * 4


RULES = """\
modality: community-hearing
title: Community hearing
extends: open-mailing-list
rules:
  - id: anyone-submits
    permit: [submit_input]
    who: {anonymous: false}
    because: Anyone signed in may send input to the hearing.
"""


def test_a_change_at_the_venue_or_a_new_modality_version_refreshes_its_pages(two: Any) -> None:
    one, _other, call, _other_call = two
    elsewhere = world(modality="icann-gnso-pdp-wg", venue_slug="itu", process_slug="wtsa")
    urls = [*pages(one, call), f"/venues/{one.venue.slug}/"]
    assert [outcome(url) for url in urls] == ["stored"] * 4
    group = StakeholderGroup.objects.first()
    assert group is not None
    do_create_venue_category(actor=Actor.operator("test"), venue=elsewhere.venue, slug="isoc",
                             name="ISOC chapters", group=group)  # fmt: skip
    assert [outcome(url) for url in urls] == ["hit"] * 4  # another venue's own row
    do_create_venue_category(actor=Actor.operator("test"), venue=one.venue, slug="isoc",
                             name="ISOC chapters", group=group)  # fmt: skip
    assert [outcome(url) for url in urls] == ["stored"] * 4  # this venue's own row
    do_register_rule_file(actor=Actor.person(elsewhere.secretariat), venue="itu", text=RULES)
    assert [outcome(url) for url in urls] == ["stored"] * 4  # a modality version: the site


def mbox(path: Path, subject: str, number: int) -> Path:
    path.write_text(
        f"From alice@example.org Tue Nov  1 10:00:00 2005\nFrom: Alice <alice@example.org>\n"
        f"Date: Tue, 1 Nov 2005 10:00:00 +0000\nSubject: {subject}\n"
        f"Message-ID: <{number}@example.org>\n\nThe marimba session.\n\n"
    )
    return path


def test_a_message_in_another_list_leaves_a_list_cached(tmp_path: Path) -> None:
    actor = Actor.operator("test")
    do_import_archive(actor=actor, list_address="alpha@example.org",
                      paths=[str(mbox(tmp_path / "a.mbox", "Alpha one", 1))])  # fmt: skip
    do_import_archive(actor=actor, list_address="beta@example.org",
                      paths=[str(mbox(tmp_path / "b.mbox", "Beta one", 2))])  # fmt: skip
    slug = MailingList.objects.get(address="alpha@example.org").slug
    urls = [f"/lists/{slug}/", f"/lists/{slug}/2005/11/", f"/lists/{slug}/search/?q=marimba"]
    assert [outcome(url) for url in urls] == ["stored"] * 3
    do_import_archive(actor=actor, list_address="beta@example.org",
                      paths=[str(mbox(tmp_path / "b2.mbox", "Beta two", 3))])  # fmt: skip
    assert [outcome(url) for url in urls] == ["hit"] * 3
    alpha = MailingList.objects.get(slug=slug)
    do_subscribe(actor=Actor.anonymous(), mailing_list=alpha, email="new@example.net")
    assert [outcome(url) for url in urls] == ["hit"] * 3  # members show on no shared page
    do_import_archive(actor=actor, list_address="alpha@example.org",
                      paths=[str(mbox(tmp_path / "a2.mbox", "Alpha two", 4))])  # fmt: skip
    response = Client().get(urls[0])
    assert response["X-Page-Cache"] == "stored" and "Alpha two" in response.content.decode()


def test_unmapped_targets_and_rows_bump_the_site() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    assert scopes_of_event(None, None) == {"site"}
    assert scopes_of_event(w.secretariat, None) == {"site"}  # an account: no mapper
    assert "site" in scopes_of_event(w.process, w.secretariat)
    found = scopes_of_event(w.process, None)
    assert "site" not in found and f"process-self:{w.process.pk}" in found
    # A process as the target beside another row: its history grew, its own row did not.
    history = scopes_of_event(w.process, w.process.phases.first())
    assert f"process-self:{w.process.pk}" in history  # a phase is the process's own
    assert scopes_of_event(None, None, "some.new.verb") == {"site"}
    assert scopes_of_event(None, None, "outbox.enqueue") == set()  # mail queued: no page shows it


def test_a_comment_refreshes_its_call_and_leaves_another_process_cached(two: Any) -> None:
    one, other, call, other_call = two
    author, made = contribute(call, "Commented", "ann@example.org")
    urls = [f"/calls/{call.pk}/", f"/calls/{other_call.pk}/"]
    assert [outcome(url) for url in urls] == ["stored"] * 2
    do_comment(actor=Actor.person(author), contribution=made, body="A remark on marimbas.")
    assert [outcome(url) for url in urls] == ["stored", "hit"]


def strip(html: str) -> str:
    return TOKEN.sub("", html)


def test_a_cached_answer_always_equals_a_fresh_render(two: Any, tmp_path: Path) -> None:
    """Property: after random writes in random places, every page read through the cache is
    the page rendered afresh with the cache off."""
    one, other, call, other_call = two
    authors = [contribute(c, f"Seed {i}", f"seed{i}@example.org")[0]
               for i, c in enumerate((call, other_call))]  # fmt: skip
    urls = [*pages(one, call), *pages(other, other_call), f"/venues/{one.venue.slug}/"]
    rng = random.Random(15)  # noqa: S311 -- a reproducible walk, not a secret
    made: list[Any] = []
    hits = 0
    for step in range(12):
        kind = rng.choice(["contribute", "hide", "process", "nothing"])
        where = rng.choice([(0, call), (1, other_call)])
        if kind == "contribute":
            made.append(do_submit_contribution(
                actor=Actor.person(authors[where[0]]), call=where[1], title=f"Step {step}",
                body="Text.", language="en",
            ))  # fmt: skip
        elif kind == "hide" and made:
            do_hide_contribution(actor=Actor.person(one.secretariat),
                                 contribution=made.pop(), reason=f"Hidden {step}.")  # fmt: skip
        elif kind == "process":
            process = rng.choice([one.process, other.process])
            do_update_process(actor=Actor.operator("test"), process=process, summary=f"S{step}")
        for url in rng.sample(urls, 3):
            response = Client().get(url)
            hits += response["X-Page-Cache"] == "hit"
            cached = strip(response.content.decode())
            with override_settings(ROUNDTABLE_PAGE_CACHE_SECONDS=0):
                fresh = strip(Client().get(url).content.decode())
            assert cached == fresh, (step, kind, url)
    assert hits  # the walk did read from the cache


@pytest.mark.parametrize(
    "path", ["/documents/9223372036854775808/", "/calls/99999999999999999999/"]
)
def test_an_id_no_row_can_have_is_a_404_not_an_error(path: str) -> None:
    # PostgreSQL refuses to compare a bigint with a larger number; the scope read must not ask.
    assert Client().get(path).status_code == 404
