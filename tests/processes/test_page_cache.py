"""The process page's cached fragments (permissions/fragments.py): the rights matrix of a
modality version and the explanations by standing are rendered once, never shown to a viewer of
another standing, and a new version of the rule file is seen at once."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from roundtable.modalities.digest import digest
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from roundtable.permissions.registry import do_register_rule_file
from roundtable.processes.actions import do_create_process
from tests.processes.scenes import accredit, person, scene

pytestmark = pytest.mark.django_db

RULES = """\
modality: cached-hearing
title: Cached hearing
extends: open-mailing-list
rules:
  - id: anyone-submits
    permit: [submit_input]
    who: {anonymous: false}
    because: Anyone signed in may send input to the first hearing.
"""


def _section(client: Client, url: str, name: str) -> str:
    html = client.get(url).content.decode()
    found = re.search(rf'<section class="{name}">.*?</section>', html, re.S)
    assert found is not None
    return found.group(0)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_each_viewer_sees_the_explanation_for_their_own_standing() -> None:
    s = scene()
    url = f"/venues/{s.venue.slug}/{s.process.slug}/"
    civil = person("civil@example.org", "Civil")
    accredit(civil, s.venue, "civil-society")
    stranger = person("stranger@example.org", "Stranger")
    viewers = {"secretariat": s.secretariat, "civil": civil, "stranger": stranger}
    fresh = {}
    for name, user in viewers.items():
        cache.clear()
        fresh[name] = _section(_client(user), url, "you")
    assert len(set(fresh.values())) == 3, "the three standings have different explanations"
    cache.clear()
    for order in (list(viewers), list(reversed(viewers))):
        for name in order:  # the first viewer fills the cache; the others must not get it
            assert _section(_client(viewers[name]), url, "you") == fresh[name]


def test_a_new_version_of_the_rule_file_shows_at_once() -> None:
    s = scene()
    do_register_rule_file(
        actor=Actor.person(s.secretariat), venue="itu", text=RULES, filename="h.yaml"
    )
    process = do_create_process(
        actor=Actor.operator("t"), venue=s.venue, slug="hearing", title="H",
        modality="cached-hearing",
    )  # fmt: skip
    url = f"/venues/{s.venue.slug}/{process.slug}/"
    reader = _client(person("reader@example.org", "Reader"))
    first_digest = digest(get_modality("cached-hearing"))
    assert "(Cached hearing)" in _section(reader, url, "matrix")
    assert "the first hearing" in _section(reader, url, "you")
    do_register_rule_file(
        actor=Actor.person(s.secretariat), venue="itu", filename="h.yaml",
        text=RULES.replace("Cached hearing", "Cached hearing, revised").replace(
            "the first hearing", "the second hearing"),
    )  # fmt: skip
    assert digest(get_modality("cached-hearing")) != first_digest
    matrix = _section(reader, url, "matrix")
    assert "(Cached hearing, revised)" in matrix and "(Cached hearing)" not in matrix
    you = _section(reader, url, "you")
    assert "the second hearing" in you and "the first hearing" not in you
