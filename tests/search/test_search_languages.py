"""Full-text search per language (roundtable/outputs/fulltext.py, issue 18 part 4): each
contribution is indexed in its own language (PostgreSQL's arabic, english, french, russian and
spanish configurations; Chinese by trigrams on both databases), one query finds every language,
and the site search names each result's language. Real words, both databases:
`dev.py test -- tests/search/test_search_languages.py`."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client

from roundtable.contributions.actions import do_submit_contribution
from roundtable.contributions.models import CONTRIBUTION_TEXT, Contribution
from roundtable.contributions.queries import search_contributions
from roundtable.decisions.models import OUTCOME_TEXT
from roundtable.drafting.models import PARAGRAPH_TEXT
from roundtable.permissions.actor import Actor
from roundtable.translations.models import TRANSLATION_TEXT
from tests.processes.scenes import Scene, person
from tests.search.test_site_search import integrity_ok, open_consultation

pytestmark = pytest.mark.django_db

TEXTS = {
    "ar": ("الحكومة والإنترنت WTPF", "تعزيز دور الحكومة في السياسات الرقمية"),
    "zh-hans": ("互联网治理 WTPF", "互联网治理论坛促进多利益攸关方对话"),
    "en": ("Data protection WTPF", "Our policies on cross-border data flows"),
    "es": ("Políticas públicas WTPF", "Las políticas digitales de los gobiernos"),
    "fr": ("Réglementation WTPF", "La réglementation des plateformes numériques"),
    "ru": ("Кибербезопасность WTPF", "Развитие политики кибербезопасности в регионе"),
}
POSTGRESQL = "postgresql"


def corpus() -> Scene:
    s = open_consultation()
    author = person("bill@example.org")
    for language, (title, body) in TEXTS.items():
        do_submit_contribution(
            actor=Actor.person(author), call=s.call, title=title, body=body, language=language
        )
    return s


def found(text: str) -> list[str]:
    """The languages of the contributions found for `text`, sorted."""
    return sorted(c.language for c in search_contributions(viewer=AnonymousUser(), text=text))


def test_every_language_is_found_by_its_own_words_on_both_databases() -> None:
    corpus()
    assert found("الحكومة") == ["ar"]
    assert found("互联网治理论坛") == ["zh-hans"]
    assert found("policies") == ["en"]
    assert found("políticas") == ["es"]
    assert found("réglementation") == ["fr"]
    assert found("политики") == ["ru"]
    # One query, results from every language.
    assert found("WTPF") == sorted(TEXTS)


def test_stemmed_and_inflected_forms_where_the_configuration_stems() -> None:
    corpus()
    if connection.vendor == POSTGRESQL:
        # Arabic: the article ال and the diacritics go (حكومة, حُكُومَة find الحكومة).
        assert found("حكومة") == ["ar"] and found("حُكُومَة") == ["ar"]
        assert found("policy") == ["en"]  # English stem
        assert found("réglementations") == ["fr"]  # French, accented, plural
        assert found("политика") == ["ru"] and found("политикой") == ["ru"]  # Russian cases
        assert found("política") == ["es"]
        # The query is read in each row's language: an English stop word finds no English row.
        assert found("our") == []
    else:
        # SQLite: word for word (unicode61, no stemming), accents removed either way.
        assert found("reglementation") == ["fr"] and found("REGLEMENTATION") == ["fr"]
        assert found("policy") == [] and found("حكومة") == []


def test_chinese_queries_of_any_length_on_both_databases() -> None:
    corpus()
    assert found("利益攸关方") == ["zh-hans"]  # 5 characters: trigram index
    assert found("治理") == ["zh-hans"]  # 2 characters: substring over the Chinese rows only
    assert found("网") == ["zh-hans"]
    assert found("论坛 对话") == ["zh-hans"]  # every term required
    assert found("论坛 沙漠") == []
    assert found('"互联网治理论坛"') == ["zh-hans"]
    assert found("%") == [] and found("治_") == []  # LIKE's wildcards are plain characters


def test_the_trigram_index_follows_edits_and_language_changes() -> None:
    s = corpus()
    author = person("ann@example.org")
    made = do_submit_contribution(
        actor=Actor.person(author), call=s.call, title="沙漠", body="沙漠化防治", language="en"
    )
    assert found("沙漠化") == []  # not a Chinese row: its text is one unicode61 word
    Contribution.objects.filter(pk=made.pk).update(language="zh-hans")
    assert found("沙漠化") == ["zh-hans"] and found("防治") == ["zh-hans"]
    Contribution.objects.filter(pk=made.pk).update(body="荒漠绿化")
    assert found("沙漠化") == [] and found("绿化") == ["zh-hans"]
    made.delete()
    assert found("绿化") == []
    integrity_ok()


def test_the_site_search_names_each_results_language() -> None:
    corpus()
    page = Client().get("/search/", {"q": "WTPF"}, HTTP_ACCEPT_LANGUAGE="fr")
    body = page.content.decode()
    assert page.status_code == 200
    for name in ("Arabe", "Chinois simplifié", "Anglais", "Espagnol", "Français", "Russe"):
        assert name in body, name
    assert 'lang="ar"' in body and 'lang="zh-hans"' in body


def test_sqlite_triggers_are_there_for_every_index() -> None:
    """The SQLite caveat: a migration that remakes an indexed table drops its triggers, and
    must call `create` again. Fails when any index's triggers are gone."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps a generated column, no triggers")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
    for index in (CONTRIBUTION_TEXT, OUTCOME_TEXT, PARAGRAPH_TEXT, TRANSLATION_TEXT):
        fts = [index.fts, f"{index.fts}_trigram"] if index.language else [index.fts]
        for table in fts:
            for name in ("ai", "ad", "au"):
                assert f"{table}_{name}" in triggers, f"{table}_{name}"


def test_postgresql_has_the_chinese_ids_index_for_every_language_index() -> None:
    """A 1-2-character Chinese word walks it newest first and stops at the page (without it,
    every Chinese row's text is tested: bench/bench_search_languages.py)."""
    if connection.vendor != POSTGRESQL:
        pytest.skip("SQLite reads its trigram table in rowid order")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes")
        names = {name for (name,) in cursor.fetchall()}
    for index in (CONTRIBUTION_TEXT, TRANSLATION_TEXT):
        assert f"{index.table}_chinese_ids" in names, index.table
