"""Site search over contributions (full-text, roundtable/outputs/fulltext.py): words and
phrases, only what the viewer may observe, the index in step with every write, and any query
string answered with 200 or 400. Runs on SQLite (FTS5 with triggers) and PostgreSQL (stored
tsvector): `dev.py test --db postgresql -- tests/search`."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.contributions.actions import (
    do_hide_contribution,
    do_submit_contribution,
    do_withdraw_contribution,
)
from roundtable.contributions.imports import do_import_haveyoursay
from roundtable.contributions.models import CONTRIBUTION_TEXT, Contribution
from roundtable.contributions.queries import search_contributions
from roundtable.permissions.actor import Actor
from roundtable.processes.reading import may_observe
from tests.processes.scenes import Scene, person, scene
from tests.support.rules import register

WORD_LIMIT = Path(__file__).parents[1] / "contributions/word-limit.yaml"

pytestmark = pytest.mark.django_db


def open_consultation() -> Scene:
    return scene(
        venue_slug="igf", modality="igf-open-consultation", phase_kind="open-consultation",
        process_slug="oc",
    )  # fmt: skip


def submit(s: Scene, title: str, body: str, email: str = "bill@example.org") -> Contribution:
    author = User.objects.filter(username=email).first() or person(email)
    return do_submit_contribution(
        actor=Actor.person(author), call=s.call, title=title, body=body, language="en"
    )


def found(text: str, viewer: object = None) -> list[str]:
    return [c.title for c in search_contributions(viewer=viewer or AnonymousUser(), text=text)]


def in_page(text: str) -> str:
    page = Client().get("/search/", {"q": text})
    assert page.status_code == 200
    body = page.content.decode()
    if 'data-kind="contributions"' not in body:
        return ""
    return body.split('data-kind="contributions"')[1].split("</section>")[0]


def test_words_phrases_and_nothing_found() -> None:
    s = open_consultation()
    submit(s, "On marimba pricing", "Exchange points and marimba peering lower costs.")
    submit(s, "Another view", "Peering costs are not the question here.")
    assert found("marimba") == ["On marimba pricing"]
    assert found("MARIMBA pricing") == ["On marimba pricing"]  # every word, any case
    assert sorted(found("peering")) == ["Another view", "On marimba pricing"]  # newest first
    assert found('"marimba peering"') == ["On marimba pricing"]
    assert found('"peering marimba"') == []
    assert found("zzzunknown") == []
    hits = in_page("marimba")
    assert "On marimba pricing" in hits and "<mark>marimba</mark> peering" in hits
    assert "Nothing found" in Client().get("/search/", {"q": "zzzunknown"}).content.decode()


def test_newest_first_and_pages() -> None:
    s = open_consultation()
    for n in range(3):
        submit(s, f"Kalimba {n}", "kalimba")
    assert found("kalimba") == ["Kalimba 2", "Kalimba 1", "Kalimba 0"]
    page = search_contributions(viewer=AnonymousUser(), text="kalimba", limit=1, offset=1)
    assert [c.title for c in page] == ["Kalimba 1"]


def test_a_process_the_viewer_may_not_observe_is_never_searched() -> None:
    # A modality whose processes only signed-in people observe.
    closed = scene(venue_slug="v", modality=register(WORD_LIMIT), process_slug="short")
    assert not may_observe(AnonymousUser(), closed.process)  # the scene's precondition
    do_submit_contribution(
        actor=Actor.person(closed.secretariat), call=closed.call, title="Closed marimba",
        body="marimba", language="en",
    )  # fmt: skip
    assert found("marimba") == [] and in_page("marimba") == ""
    assert may_observe(closed.secretariat, closed.process)
    assert found("marimba", viewer=closed.secretariat) == ["Closed marimba"]


def test_withdrawn_and_hidden_contributions_disappear() -> None:
    s = open_consultation()
    mine = submit(s, "Withdrawn marimba", "marimba")
    other = submit(s, "Hidden marimba", "marimba", email="eve@example.org")
    assert sorted(found("marimba")) == ["Hidden marimba", "Withdrawn marimba"]
    do_withdraw_contribution(actor=Actor.person(mine.author), contribution=mine)
    assert found("marimba") == ["Hidden marimba"]
    do_hide_contribution(actor=Actor.person(s.secretariat), contribution=other, reason="Spam")
    assert found("marimba") == [] and in_page("marimba") == ""


def integrity_ok() -> None:
    """SQLite: FTS5 checks its index against the content table (raises when out of step)."""
    if connection.vendor == "sqlite":
        fts = CONTRIBUTION_TEXT.fts
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")  # noqa: S608


def test_the_index_follows_edits_deletions_and_bulk_writes() -> None:
    s = open_consultation()
    made = submit(s, "Original title", "about marimba")
    # An edit by any path (the admin, a data migration): the old words go, the new ones come.
    Contribution.objects.filter(pk=made.pk).update(title="Edited title", body="about kalimba")
    assert found("marimba") == [] and found("kalimba") == ["Edited title"]
    integrity_ok()
    made.delete()  # a row erased
    assert found("kalimba") == []
    integrity_ok()


def test_imported_contributions_are_found() -> None:
    s = open_consultation()
    export = (
        "id,user_type,organization,first_name,surname,country,language,feedback,date_feedback\n"
        "1,company,Acme,,,DEU,de,Zebrafish habitats matter,2021-05-01 10:00:00\n"
    )
    report = do_import_haveyoursay(actor=Actor.person(s.secretariat), call=s.call, text=export)
    assert report.created == 1
    assert found("zebrafish") == ["Acme (DEU)"] and found('"zebrafish habitats"')
    integrity_ok()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_query_gets_a_page_or_a_form_error(text: str) -> None:
    status = Client().get("/search/", {"q": text}).status_code
    assert status in (200, 400), (text, status)


@pytest.mark.parametrize(
    "text", ['"', '""', '"unclosed phrase', "AND OR NOT", "a* -b ^c", "NEAR(a b)", "col:word", "'"]
)
def test_search_operators_are_words(text: str) -> None:
    s = open_consultation()
    submit(s, "Plain", "plain text")
    assert Client().get("/search/", {"q": text}).status_code == 200
    assert found(text) == []
