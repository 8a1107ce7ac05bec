"""Whole-text versions of calls and contributions in the search (issue 18 part 4,
roundtable/translations/search.py `search_text_versions`): each language's words find that
version, only the current version is found, a withdrawn contribution's versions are not, and a
reader who may not read the process finds nothing. Both databases."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.test import Client

from roundtable.contributions.actions import do_submit_contribution, do_withdraw_contribution
from roundtable.contributions.models import Contribution
from roundtable.permissions.actor import Actor
from roundtable.permissions.registry import do_register_rule_file
from roundtable.translations.search import search_text_versions
from roundtable.translations.text_actions import do_translate_call, do_translate_contribution
from tests.processes.scenes import Scene, accredit, person, scene
from tests.search.test_observable_memo import RULES

pytestmark = pytest.mark.django_db


def found(text: str, viewer: object = None) -> list[tuple[str, str]]:
    rows = search_text_versions(viewer=viewer or AnonymousUser(), text=text)
    return sorted(("call" if row.call_id else "contribution", row.language) for row in rows)


def _versions(s: Scene) -> Contribution:
    author = person("amina@example.org")
    accredit(author, s.venue, "civil-society")
    made = do_submit_contribution(
        actor=Actor.person(author), call=s.call, title="Open data",
        body="Publish the data openly.", language="en",
    )  # fmt: skip
    do_translate_contribution(
        actor=Actor.person(author), contribution=made, language="ar",
        title="البيانات المفتوحة", text="انشروا البيانات بشكل مفتوح للجميع.",
    )  # fmt: skip
    do_translate_call(
        actor=Actor.person(s.secretariat), call=s.call, language="zh-hans",
        title="征求意见", text="请就互联网交换点提交意见。",
    )  # fmt: skip
    do_translate_call(
        actor=Actor.person(s.secretariat), call=s.call, language="fr",
        title="Appel", text="Contributions sur les points d'échange.",
    )  # fmt: skip
    return made


def test_each_language_finds_its_version() -> None:
    s = scene()
    _versions(s)
    assert found("البيانات") == [("contribution", "ar")]
    assert found("交换点") == [("call", "zh-hans")]
    assert found("contributions") == [("call", "fr")]
    assert found("nowhere") == []


def test_only_the_current_version_is_found() -> None:
    s = scene()
    _versions(s)
    do_translate_call(
        actor=Actor.person(s.secretariat), call=s.call, language="fr",
        title="Appel", text="Avis sur l'interconnexion.",
    )  # fmt: skip
    assert found("échange") == []
    assert found("interconnexion") == [("call", "fr")]


def test_a_withdrawn_contributions_versions_are_not_found() -> None:
    s = scene()
    made = _versions(s)
    do_withdraw_contribution(actor=Actor.person(made.author), contribution=made)
    assert found("البيانات") == []


def test_the_site_search_links_to_the_version() -> None:
    s = scene()
    made = _versions(s)
    caches["pages"].clear()
    body = Client().get("/search/", {"q": "البيانات"}).content.decode()
    assert f"/contributions/{made.pk}/versions/ar/" in body
    assert 'data-kind="text-version"' in body and 'lang="ar" dir="rtl"' in body


def test_a_reader_who_may_not_read_the_process_finds_nothing() -> None:
    do_register_rule_file(actor=Actor.operator("test"), venue="itu", text=RULES)
    s = scene(modality="memo-closed", phase_kind="adoption", process_slug="closed")
    do_translate_call(
        actor=Actor.person(s.secretariat), call=s.call, language="fr",
        title="Appel", text="Contributions sur les points d'échange.",
    )  # fmt: skip
    assert found("contributions") == []
    assert found("contributions", viewer=s.secretariat) == [("call", "fr")]
