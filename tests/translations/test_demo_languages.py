"""The demo's language versions (roundtable/demo/languages.py) on the WTPF Draft Opinion's
text: French and Arabic reviewed from version 1; the amendment to the third paragraph leaves
exactly that paragraph outdated in both."""

from __future__ import annotations

import pytest
from django.utils import timezone

from roundtable.demo.languages import load_authentic_versions, load_languages
from roundtable.demo.wtpf import DRAFT_OPINION
from roundtable.drafting import amendment_actions
from roundtable.permissions.actor import Actor
from roundtable.translations.alignment import paragraph_states
from roundtable.translations.queries import list_language_versions
from roundtable.translations.search import search_translations
from tests.drafting.scenes import member, published_document, world

pytestmark = pytest.mark.django_db


def test_french_and_arabic_versions_then_one_paragraph_outdated() -> None:
    w = world(modality="itu-wtpf", venue_slug="itu", process_slug="wtpf")
    document = published_document(w, text=DRAFT_OPINION, slug="draft-opinion-1")
    today = timezone.now().date()
    load_languages(document, w.secretariat, today)
    load_languages(document, w.secretariat, today)  # a second load adds nothing
    assert document.translation_requests.filter(status="reviewed").count() == 2
    for language in ("fr", "ar"):
        assert {s.state for s in paragraph_states(document, language)} == {"current"}
    amendment = amendment_actions.do_propose_amendment(
        actor=Actor.person(member(w, "bertrand@example.org", "member")),
        version=document.versions.get(number=1), kind="replace", pid="p3",
        text="Invites the Secretary-General to open the preparatory process of the next Forum "
        "to every accredited stakeholder group, on the basis of contributions received and "
        "published in the six official languages,",
        rationale="Readable by every participant.",
    )  # fmt: skip
    amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat), amendment=amendment, reason="Agreed."
    )
    for language in ("fr", "ar"):
        outdated = [s.pid for s in paragraph_states(document, language) if s.state == "outdated"]
        assert outdated == ["p3"], language

    # Adopted: the six versions equally authentic, every paragraph current in each.
    load_authentic_versions(document, w.secretariat, today)
    load_authentic_versions(document, w.secretariat, today)  # a second load adds nothing
    versions = list_language_versions(viewer=w.secretariat, document=document)
    assert sorted(v.language for v in versions) == ["ar", "en", "es", "fr", "ru", "zh-hans"]
    assert all(v.authentic and v.translated == 4 and not v.outdated for v in versions)
    assert document.translation_requests.filter(status="reviewed").count() == 7
    found = search_translations(viewer=w.secretariat, text="利益攸关方")
    assert sorted((r.language, r.pid) for r in found) == [("zh-hans", "p2"), ("zh-hans", "p3")]
    arabic = search_translations(viewer=w.secretariat, text="والمنشورة")
    assert [(r.language, r.pid) for r in arabic] == [("ar", "p3")]
