"""The site search's rows (web/search_rows.py): read without the ORM, rendered once and kept by
what they show, shared between viewers only for a hit each of them was given. Both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils.dateformat import format as date_format

from roundtable.contributions.actions import do_hide_contribution, do_submit_contribution
from roundtable.contributions.queries import search_contributions
from roundtable.decisions import outcomes
from roundtable.lists.actions import do_import_archive
from roundtable.permissions.actor import Actor
from roundtable.permissions.fragments import ROWS
from tests.drafting.scenes import published_document, world
from tests.processes.scenes import accredit, person
from tests.web.test_home_search import MBOX, open_call

pytestmark = pytest.mark.django_db


def groups(client: Client, text: str = "marimba") -> dict[str, str]:
    page = client.get("/search/", {"q": text})
    assert page.status_code == 200
    body = page.content.decode()
    return {
        kind: body.split(f'data-kind="{kind}"')[1].split("</section>")[0]
        if f'data-kind="{kind}"' in body
        else ""
        for kind in ("messages", "contributions", "paragraphs", "outcomes")
    }


def test_each_kind_of_row_shows_its_process_date_version_and_kind(tmp_path: Path) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    call = open_call(w, "Call on exchange points")
    author = person("bill@example.org", "Bill")
    accredit(author, w.venue, "civil-society")
    made = do_submit_contribution(
        actor=Actor.person(author), call=call, title="On marimba pricing",
        body="Exchange points and marimba peering lower costs.", language="en",
    )  # fmt: skip
    doc = published_document(w, text="# Opinion\n\nThe marimba paragraph of the opinion.")
    igf = world(modality="igf-mag", phase="exchange-of-views", venue_slug="igf", process_slug="mag")
    outcomes.check_record_summary(
        actor=Actor.person(igf.chair), process=igf.process, title="Marimba messages",
        summary="Key messages.", kind="chairs-summary",
    )  # fmt: skip
    mbox = tmp_path / "list.mbox"
    mbox.write_text(MBOX)
    do_import_archive(
        actor=Actor.operator("tests"), list_address="marimba@example.org", paths=[str(mbox)]
    )
    found = groups(Client())
    assert 'href="/lists/' in found["messages"] and "Marimba meeting notes" in found["messages"]
    row = found["contributions"]
    assert f'href="/contributions/{made.pk}/"' in row and w.process.title in row
    assert f'<time datetime="{date_format(made.submitted_at, "c")}">' in row
    assert "<mark>marimba</mark> peering" in row
    paragraph = found["paragraphs"]
    assert f'href="/documents/{doc.pk}/#' in paragraph and doc.title in paragraph
    assert "version 1" in paragraph and w.process.title in paragraph
    assert "Marimba messages" in found["outcomes"] and "chair&#x27;s summary" in found["outcomes"]
    assert igf.process.title in found["outcomes"]
    # The same page in French: the rows are kept per language.
    french = groups(Client(headers={"accept-language": "fr"}))
    assert doc.title in french["paragraphs"] and "Dec." in found["outcomes"]
    assert "Dec." not in french["outcomes"] and "déc" in french["outcomes"]
    hit = search_contributions(viewer=made.author, text="marimba")[0]
    assert hit.submitted_at == made.submitted_at  # aware, as the ORM reads it


def test_a_row_shared_between_two_standings_never_shows_what_one_may_not_see() -> None:
    itu = world(modality="itu-cwg-internet", venue_slug="itu", process_slug="cwg")
    call = open_call(itu, "Closed call")
    public = do_submit_contribution(
        actor=Actor.person(itu.secretariat), call=call, title="Public marimba input",
        body="Marimba, an input to the consultation.", language="en",
    )  # fmt: skip
    published_document(
        itu, text="# Closed\n\nA marimba paragraph for Member States.", slug="c1",
        audience="members",
    )  # fmt: skip
    insider = Client()
    insider.force_login(itu.secretariat)
    for first, second in ((insider, Client()), (Client(), insider)):
        caches[ROWS].clear()
        seen = {id(first): groups(first), id(second): groups(second)}
        inside, outside = seen[id(insider)], next(v for k, v in seen.items() if k != id(insider))
        assert "paragraph for Member States" in inside["paragraphs"]
        assert outside["paragraphs"] == ""  # the members-only document: never for the public
        # The public input's row is the same fragment for both.
        assert "Public marimba input" in outside["contributions"]
        assert inside["contributions"] == outside["contributions"]
    # Hidden after its row was kept: found by no one, whatever the cache holds.
    do_hide_contribution(actor=Actor.person(itu.secretariat), contribution=public, reason="Spam")
    assert groups(Client())["contributions"] == "" and groups(insider)["contributions"] == ""
