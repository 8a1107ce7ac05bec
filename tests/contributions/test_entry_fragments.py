"""The call page's contribution entries, kept as fragments (contributions/entries.py): the same
HTML as the template renders afresh, re-rendered when anything they show changes, never shared
across languages, and the same for every viewer (nothing of the viewer is in an entry)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.cache import cache, caches
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from roundtable.contributions.actions import (
    do_comment,
    do_submit_contribution,
    do_withdraw_contribution,
)
from roundtable.contributions.entries import ITEM, entries_html, entry_inputs, entry_keys
from roundtable.contributions.queries import list_contributions
from roundtable.permissions.actor import Actor
from roundtable.permissions.fragments import ROWS
from tests.processes.scenes import accredit, person, scene

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_fragments_from_other_tests() -> None:
    cache.clear()  # rolled-back databases reuse primary keys
    caches[ROWS].clear()


def _setup() -> tuple[Any, Any, Any]:
    s = scene()
    author = person("author@example.org", "Ana Author")
    accredit(author, s.venue, "civil-society")
    first = do_submit_contribution(
        actor=Actor.person(author), call=s.call, title="First input", body="Text.", language="en"
    )
    return s, author, first


def _entry(call: Any, pk: int) -> Any:
    return next(c for c in list_contributions(viewer=None, call=call) if c.pk == pk)


def _page(client: Client, call: Any) -> str:
    return client.get(f"/calls/{call.pk}/").content.decode()


def test_the_entry_is_what_the_template_renders(settings: Any) -> None:
    s, _author, first = _setup()
    c = _entry(s.call, first.pk)
    for language in ("en", "ar"):
        with translation.override(language):
            fresh = render_to_string(ITEM, {"c": c, "full": False})
            assert entries_html([c])[0] == fresh  # filled
            assert entries_html([c])[0] == fresh  # read back


def test_the_page_shows_each_change_at_once(client: Client, settings: Any) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0  # the full render each time
    s, author, first = _setup()
    assert "First input" in _page(client, s.call) and "1 comment" not in _page(client, s.call)
    do_comment(actor=Actor.person(author), contribution=first, body="A comment.")
    assert "1 comment" in _page(client, s.call)
    do_withdraw_contribution(actor=Actor.person(author), contribution=first)
    assert "Withdrawn by its author." in _page(client, s.call)


def test_never_shared_across_languages(client: Client, settings: Any) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0
    s, author, first = _setup()
    do_comment(actor=Actor.person(author), contribution=first, body="A comment.")
    english = client.get(f"/calls/{s.call.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get(f"/calls/{s.call.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1 commentaire" in french and "1 commentaire" not in english
    c = _entry(s.call, first.pk)
    with translation.override("en"):
        en_key = entry_keys([c])[0]
    with translation.override("fr"):
        fr_key = entry_keys([c])[0]
    assert en_key != fr_key


def test_every_viewer_gets_the_same_entries(settings: Any) -> None:
    settings.ROUNDTABLE_PAGE_CACHE_SECONDS = 0
    s, author, first = _setup()
    secretariat = Client()
    secretariat.force_login(s.secretariat)
    signed_in = Client()
    signed_in.force_login(author)
    bodies = [_page(viewer, s.call) for viewer in (Client(), signed_in, secretariat)]
    entries = [b[b.index('<article class="contribution') : b.index("</article>")] for b in bodies]
    assert entries[0] == entries[1] == entries[2]
    assert "Ana Author" in entries[0]  # the public name, never the address
    assert "author@example.org" not in entries[0]


def test_each_value_the_entry_shows_is_in_its_key() -> None:
    s, author, first = _setup()
    c = _entry(s.call, first.pk)
    reply = do_submit_contribution(
        actor=Actor.person(author), call=s.call, title="Reply", body="R.", language="en"
    )
    base = entry_inputs(c)

    def changed(change: Any) -> bool:
        other = copy.copy(c)
        change(other)
        return entry_inputs(other) != base

    changes = {
        "title": lambda o: setattr(o, "title", "Renamed"),
        "status": lambda o: setattr(o, "status", "hidden"),
        "language": lambda o: setattr(o, "language", "fr"),
        "words": lambda o: setattr(o, "word_count", o.word_count + 1),
        "comments": lambda o: setattr(o, "comment_count", 3),
        "late": lambda o: setattr(o, "late", True),
        "reason": lambda o: setattr(o, "moderation_reason", "Off topic"),
        "reply": lambda o: setattr(o, "replies_to", reply),
        "date": lambda o: setattr(o, "submitted_at", o.submitted_at.replace(year=2001)),
    }
    for name, change in changes.items():
        assert changed(change), name
    # names of related rows: the author's public name, the group's
    c.author.profile.display_name = "Another name"
    assert entry_inputs(c) != base
    c.group.name = "Renamed group"
    assert entry_inputs(c)[4] == "Renamed group"
