"""Issue 18 parts 1-2: language versions aligned by paragraph id, the translation workflow,
outdated paragraphs with the source's redline (set up through the real actions)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from roundtable.audit.models import Event
from roundtable.drafting import amendment_actions
from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.text.redline import render_text
from roundtable.translations import actions, queries
from roundtable.translations.alignment import paragraph_states
from roundtable.translations.models import ParagraphTranslation, TranslationRequest
from tests.drafting.scenes import World, member, published_document, world

pytestmark = pytest.mark.django_db

FRENCH = {
    "p1": "# Projet d'Opinion 1",
    "p2": "Le Forum reconnaît que les points d'échange Internet réduisent le coût de la "
    "connectivité.",
    "p3": "Le Forum invite les États Membres à encourager la création de points d'échange "
    "Internet.",
    "p4": "Le secrétariat rendra compte des progrès accomplis.",
}


def _assigned(
    w: World, document: Document, language: str = "fr"
) -> tuple[TranslationRequest, object]:
    secretariat = Actor.person(w.secretariat)
    translator = member(w, f"translator-{language}@example.org")
    request = actions.do_request_translation(
        actor=secretariat, document=document, language=language, due_date=date(2026, 12, 20)
    )
    actions.do_assign_translation(actor=secretariat, job=request, assignee=translator)
    return request, translator


def _change_p3(w: World, document: Document) -> None:
    """An amendment to paragraph p3 is accepted: version 2."""
    v1 = document.versions.get(number=1)
    amendment = amendment_actions.do_propose_amendment(
        actor=Actor.person(member(w, "delegate@example.org", "member")),
        version=v1,
        kind="replace",
        pid="p3",
        text="The Forum invites Member States and the private sector to encourage IXPs.",
        rationale="Investment comes from both.",
    )
    amendment_actions.do_accept_amendment(
        actor=Actor.person(w.secretariat), amendment=amendment, reason="agreed"
    )


def test_translator_translates_the_source_changes_the_paragraph_is_outdated_with_its_redline() -> (
    None
):
    w = world(modality="itu-wtpf")
    document = published_document(w)
    request, translator = _assigned(w, document)
    assert request.status == "assigned" and request.due_date == date(2026, 12, 20)
    me = Actor.person(translator)
    for pid, text in FRENCH.items():
        actions.do_translate_paragraph(actor=me, job=request, pid=pid, text=text)
    request.refresh_from_db()
    assert request.status == "in-progress"
    assert {s.state for s in paragraph_states(document, "fr")} == {"current"}

    _change_p3(w, document)
    states = {s.pid: s for s in paragraph_states(document, "fr")}
    assert [p for p, s in states.items() if s.state == "outdated"] == ["p3"]
    outdated = states["p3"]
    assert outdated.translated_from_version == 1
    assert render_text(outdated.source_redline) == (
        "The Forum invites Member States [-to encourage the creation of-]"
        "{+and the private sector to encourage+} IXPs."
    )
    # The old text stays shown beside the redline until the translator updates it.
    assert outdated.text == FRENCH["p3"]
    with pytest.raises(ValidationError) as refused:
        actions.do_finish_translation(actor=me, job=request)
    assert refused.value.code == "incomplete" and "p3" in refused.value.messages[0]

    actions.do_translate_paragraph(
        actor=me, job=request, pid="p3",
        text="Le Forum invite les États Membres et le secteur privé à encourager les IXP.",
    )  # fmt: skip
    assert {s.state for s in paragraph_states(document, "fr")} == {"current"}
    # The history is kept: two rows for p3, the newest is current.
    assert ParagraphTranslation.objects.filter(document=document, pid="p3").count() == 2
    actions.do_finish_translation(actor=me, job=request)
    with pytest.raises(Denied):
        actions.do_review_translation(actor=me, job=request)  # not the secretariat
    reviewed = actions.do_review_translation(actor=Actor.person(w.secretariat), job=request)
    assert reviewed.status == "reviewed" and reviewed.reviewed_by == w.secretariat
    verbs = list(
        Event.objects.filter(verb__startswith="translation.").values_list("verb", flat=True)
    )
    assert verbs == [
        "translation.requested", "translation.assigned", *["translation.paragraph"] * 5,
        "translation.finished", "translation.reviewed",
    ]  # fmt: skip


def test_only_the_assignee_translates_and_only_the_secretariat_requests() -> None:
    w = world(modality="itu-wtpf")
    document = published_document(w)
    stranger = member(w, "stranger@example.org", "member")
    with pytest.raises(Denied):
        actions.do_request_translation(
            actor=Actor.person(stranger), document=document, language="ar"
        )
    request, _translator = _assigned(w, document, "ar")
    with pytest.raises(PermissionDenied):
        actions.do_translate_paragraph(
            actor=Actor.person(stranger), job=request, pid="p2", text="نص"
        )
    with pytest.raises(PermissionDenied):
        actions.do_translate_paragraph(
            actor=Actor.person(w.secretariat), job=request, pid="p2", text="نص"
        )
    with pytest.raises(PermissionDenied):
        queries.translator_work(viewer=stranger, job=request)
    assert len(queries.translator_work(viewer=w.secretariat, job=request)) == 4


def test_requests_are_refused_for_the_original_twice_or_an_unknown_language() -> None:
    w = world(modality="itu-wtpf")
    document = published_document(w)
    secretariat = Actor.person(w.secretariat)
    for language, code in (("en", "original"), ("de", "language")):
        with pytest.raises(ValidationError) as refused:
            actions.do_request_translation(actor=secretariat, document=document, language=language)
        assert refused.value.code == code
    actions.do_request_translation(actor=secretariat, document=document, language="ru")
    with pytest.raises(ValidationError) as refused:
        actions.do_request_translation(actor=secretariat, document=document, language="ru")
    assert refused.value.code == "exists"
    request = TranslationRequest.objects.get()
    actions.do_assign_translation(actor=secretariat, job=request, assignee=w.secretariat)
    with pytest.raises(ValidationError) as refused:
        actions.do_translate_paragraph(actor=secretariat, job=request, pid="p9", text="x")
    assert refused.value.code == "no_paragraph"


def test_machine_output_cannot_be_stored_as_a_language_version() -> None:
    w = world(modality="itu-wtpf")
    document = published_document(w)
    request, translator = _assigned(w, document)
    row = actions.do_translate_paragraph(
        actor=Actor.person(translator), job=request, pid="p2", text=FRENCH["p2"]
    )
    assert row.machine is False
    with pytest.raises(IntegrityError):
        ParagraphTranslation.objects.create(
            document=document, pid="p3", language="fr", text="machine", machine=True,
            source_paragraph=row.source_paragraph, created_at=row.created_at,
        )  # fmt: skip


def test_languages_authenticity_and_side_by_side_aligned_by_paragraph_id() -> None:
    w = world(modality="itu-wtpf")
    document = published_document(w)
    request, translator = _assigned(w, document)
    for pid in ("p1", "p2"):
        actions.do_translate_paragraph(
            actor=Actor.person(translator), job=request, pid=pid, text=FRENCH[pid]
        )
    versions = {
        v.language: v
        for v in queries.list_language_versions(viewer=w.secretariat, document=document)
    }
    assert list(versions)[0] == "en" and versions["en"].original and versions["en"].authentic
    assert (versions["fr"].translated, versions["fr"].missing, versions["fr"].authentic) == (
        2,
        2,
        False,
    )
    assert versions["fr"].request == request and not versions["ar"].exists
    actions.do_set_languages(
        actor=Actor.person(w.secretariat), document=document, original_language="en",
        authenticity="all",
    )  # fmt: skip
    versions = {
        v.language: v for v in queries.list_language_versions(viewer=None, document=document)
    }
    assert all(v.authentic for v in versions.values())

    assert queries.default_pair(document, "fr", ["en", "fr"]) == ("fr", "en")
    assert queries.default_pair(document, "ar", ["en", "fr"]) == ("en", "fr")
    rows = queries.side_by_side(viewer=None, document=document, left="fr", right="en")
    assert [(r.pid, r.left.state, r.right.state) for r in rows] == [
        ("p1", "current", "original"), ("p2", "current", "original"),
        ("p3", "missing", "original"), ("p4", "missing", "original"),
    ]  # fmt: skip
    assert rows[1].left.text == FRENCH["p2"] and rows[1].right.text.startswith("The Forum")
