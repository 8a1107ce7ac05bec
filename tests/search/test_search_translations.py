"""Translated paragraphs in the search (issue 18 part 4, roundtable/translations/search.py): an
Arabic word finds the Arabic version of the WTPF opinion, a Chinese query the Chinese text,
only the current row of a paragraph is found, and a reader who may not read the process finds
nothing. Real actions, both databases: `dev.py test -- tests/search/test_search_translations.py`.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.test import Client

from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor
from roundtable.permissions.registry import do_register_rule_file
from roundtable.translations import actions
from roundtable.translations.search import search_translations
from tests.drafting.scenes import World, member, published_document, world
from tests.search.test_observable_memo import RULES

pytestmark = pytest.mark.django_db

# Draft Opinion 1 (tests/drafting/scenes.py TEXT) in Arabic and Chinese, paragraph by paragraph.
ARABIC = {
    "p1": "# مشروع الرأي 1",
    "p2": "يدرك المنتدى أن نقاط تبادل الإنترنت تخفض تكلفة التوصيلية.",
    "p3": "يدعو المنتدى الدول الأعضاء إلى تشجيع إنشاء نقاط تبادل الإنترنت.",
    "p4": "ستقدم الأمانة تقريراً عن التقدم المحرز.",
}
CHINESE = {
    "p1": "# 意见草案1",
    "p2": "论坛认识到，互联网交换点降低了连通成本。",
    "p3": "论坛请成员国鼓励建立互联网交换点。",
    "p4": "秘书处将报告进展情况。",
}


def _translated(w: World, document: Document, language: str, texts: dict[str, str]) -> object:
    secretariat = Actor.person(w.secretariat)
    translator = member(w, f"translator-{language}@example.org")
    job = actions.do_request_translation(actor=secretariat, document=document, language=language)
    actions.do_assign_translation(actor=secretariat, job=job, assignee=translator)
    for pid, text in texts.items():
        actions.do_translate_paragraph(actor=Actor.person(translator), job=job, pid=pid, text=text)
    return job, translator


def opinion(modality: str = "itu-wtpf") -> tuple[World, Document, object, object]:
    w = world(modality=modality, venue_slug="itu", process_slug="wtpf")
    document = published_document(w)
    job, translator = _translated(w, document, "ar", ARABIC)
    _translated(w, document, "zh-hans", CHINESE)
    return w, document, job, translator


def found(text: str, viewer: object = None) -> list[tuple[str, str]]:
    rows = search_translations(viewer=viewer or AnonymousUser(), text=text)
    return sorted((row.language, row.pid) for row in rows)


def test_an_arabic_word_finds_the_arabic_paragraphs() -> None:
    opinion()
    assert found("الأمانة") == [("ar", "p4")]
    assert found("الإنترنت") == [("ar", "p2"), ("ar", "p3")]
    assert found("الإنترنت التوصيلية") == [("ar", "p2")]  # every word required
    if connection.vendor == "postgresql":
        # The arabic configuration: without the article, and another form of the word.
        assert found("أمانة") == [("ar", "p4")]
        assert found("الدولة") == [("ar", "p3")]
    else:
        assert found("أمانة") == []  # SQLite: word for word


def test_a_chinese_query_finds_the_chinese_text_at_any_length() -> None:
    opinion()
    assert found("互联网交换点") == [("zh-hans", "p2"), ("zh-hans", "p3")]  # trigrams
    assert found("成本") == [("zh-hans", "p2")]  # 2 characters: no trigram
    assert found("秘") == [("zh-hans", "p4")]
    assert found("论坛 成员国") == [("zh-hans", "p3")]
    rows = search_translations(viewer=AnonymousUser(), text="秘书处")
    assert rows[0].number == 4 and rows[0].original_language == "en"
    assert "秘书处将报告" in rows[0].snippet_html


def test_a_superseded_row_is_not_found_only_the_current_text() -> None:
    _w, _document, job, translator = opinion()
    actions.do_translate_paragraph(
        actor=Actor.person(translator), job=job, pid="p4",
        text="ستقدم الأمانة تقريراً عن التقدم المحرز في كل دورة.",
    )  # fmt: skip
    assert found("دورة") == [("ar", "p4")]  # the new row
    assert found("الأمانة") == [("ar", "p4")]  # once, though two rows hold the word
    actions.do_translate_paragraph(
        actor=Actor.person(translator), job=job, pid="p4", text="تبلغ الأمانة عن التقدم."
    )
    assert found("دورة") == []  # the word only the superseded row had


def test_the_site_search_names_the_language_and_links_to_that_version() -> None:
    _w, document, _job, _translator = opinion()
    page = Client().get("/search/", {"q": "الإنترنت"}, HTTP_ACCEPT_LANGUAGE="fr")
    body = page.content.decode()
    assert page.status_code == 200 and 'data-kind="translations"' in body
    assert "Versions linguistiques" in body and "Arabe" in body  # in the reader's language
    assert f"/documents/{document.pk}/languages/compare/?left=ar&amp;right=en#left-p2" in body
    assert 'lang="ar" dir="rtl"' in body and "§ 2" in body and "§ 3" in body
    chinese = Client().get("/search/", {"q": "交换点"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "?left=zh-hans&amp;right=en#left-p3" in chinese and "Chinese" in chinese


def test_a_reader_who_may_not_read_the_process_finds_nothing() -> None:
    do_register_rule_file(actor=Actor.operator("test"), venue="itu", text=RULES)
    w = world(modality="memo-closed", venue_slug="itu", process_slug="closed")
    document = published_document(w)
    _translated(w, document, "ar", ARABIC)
    assert found("الأمانة") == []  # anonymous: the process is closed in adoption
    assert found("الأمانة", viewer=w.secretariat) == [("ar", "p4")]
    caches["pages"].clear()
    outsider = Client()
    outsider.force_login(member(w, "outsider@example.org"))
    body = outsider.get("/search/", {"q": "الأمانة"}).content.decode()
    assert 'data-kind="translations"' not in body and "compare" not in body
    insider = Client()
    insider.force_login(w.secretariat)
    body = insider.get("/search/", {"q": "الأمانة"}).content.decode()
    assert 'data-kind="translations"' in body
