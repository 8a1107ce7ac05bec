"""Issue 18's search acceptance on the demo: the WTPF's adopted Opinion has six equally
authentic versions; an Arabic word finds its Arabic version and a Chinese query its Chinese
text in the site search, each linking to that version side by side. Both databases."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from roundtable.drafting.models import Document
from roundtable.translations.alignment import paragraph_states

pytestmark = pytest.mark.django_db


def test_the_adopted_opinion_six_authentic_versions_found_in_arabic_and_chinese(
    demo_world: Any,
) -> None:
    opinion = Document.objects.get(process__slug="wtpf", slug="draft-opinion-1")
    assert opinion.outcomes.exists()  # adopted
    page = Client().get(reverse("translations:languages", args=[opinion.pk])).content.decode()
    assert "All language versions are equally authentic." in page
    assert page.count("<td>authentic</td>") == 5  # and the original
    caches["pages"].clear()
    compare = reverse("translations:compare", args=[opinion.pk])
    for query, language in (("المنتدى", "ar"), ("利益攸关方", "zh-hans"), ("التحتية", "ar")):
        body = Client().get("/search/", {"q": query}).content.decode()
        section = body.split('data-kind="translations"', 1)[1].split("</section>", 1)[0]
        assert f"{compare}?left={language}&amp;right=en#left-" in section, query
        assert f'lang="{language}"' in section and "Draft Opinion 1" in section


def test_the_second_draft_shows_a_paragraph_outdated_with_the_sources_redline(
    demo_world: Any,
) -> None:
    draft = Document.objects.get(process__slug="wtpf", slug="draft-opinion-2")
    assert not draft.outcomes.exists()  # still a draft
    for language in ("fr", "ar"):
        states = paragraph_states(draft, language)
        assert [s.pid for s in states if s.state == "outdated"] == [states[1].pid], language
        inserted = " ".join(run.text for run in states[1].source_redline if run.op == "insert")
        assert "resilient" in inserted, language
    page = Client().get(reverse("translations:languages", args=[draft.pk])).content.decode()
    assert "Draft Opinion 2" in page
