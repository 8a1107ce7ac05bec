"""The language versions' writes for tests/api/test_authorisation_matrix.py: the secretariat's
acts (right `draft`, asked of the process's rule file) as cases of the matrix, and the
translator's acts, which no right allows but the assignment (only the assignee: 200/201)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from roundtable.contributions.actions import do_submit_contribution
from roundtable.drafting.actions import do_create_document, do_publish_version
from roundtable.drafting.authority import rule_file
from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor
from roundtable.processes.situation import situation
from roundtable.translations import actions
from roundtable.translations.models import TranslationRequest
from tests.processes.scenes import Scene, accredit, person

Case = tuple[str, str, str, dict[str, Any], Callable[[], tuple[str, dict[str, Any]]]]
# Writes answering 200, not 201 (method, status), for the matrix's `other_methods`.
OTHER_METHODS = {
    "set_languages": ("post", 200),
    "assign": ("post", 200),
    "review": ("post", 200),
}
OPERATOR = Actor.operator("t")


def _document(s: Scene, serial: Iterator[int]) -> Document:
    made = do_create_document(
        actor=OPERATOR, process=s.process, slug=f"tr{next(serial)}", title="T",
        source="One paragraph to translate.",
    )  # fmt: skip
    do_publish_version(actor=OPERATOR, document=made)
    return made


def _assigned(s: Scene, serial: Iterator[int], assignee: Any) -> TranslationRequest:
    job = actions.do_request_translation(
        actor=OPERATOR, document=_document(s, serial), language="fr"
    )
    return actions.do_assign_translation(actor=OPERATOR, job=job, assignee=assignee)


def translation_cases(s: Scene, serial: Iterator[int]) -> list[Case]:
    where = situation(s.process)
    modality = rule_file("draft", where.modality)
    translator = person(f"translator{next(serial)}@example.org")

    def set_languages() -> tuple[str, dict[str, Any]]:
        url = f"/api/documents/{_document(s, serial).pk}/languages"
        return url, {"original_language": "en", "authenticity": "all"}

    def request() -> tuple[str, dict[str, Any]]:
        return f"/api/documents/{_document(s, serial).pk}/translations", {"language": "ar"}

    def assign() -> tuple[str, dict[str, Any]]:
        job = actions.do_request_translation(
            actor=OPERATOR, document=_document(s, serial), language="ru"
        )
        return f"/api/translations/{job.pk}/assign", {"email": translator.email}

    def review() -> tuple[str, dict[str, Any]]:
        job = _assigned(s, serial, translator)
        actions.do_translate_paragraph(
            actor=Actor.person(translator), job=job, pid="p1", text="Un paragraphe."
        )
        actions.do_finish_translation(actor=Actor.person(translator), job=job)
        return f"/api/translations/{job.pk}/review", {}

    def call_version() -> tuple[str, dict[str, Any]]:
        return f"/api/calls/{s.call.pk}/versions", {"language": "fr", "text": "Avis."}

    def contribution_version() -> tuple[str, dict[str, Any]]:
        # Not the author's: the door asks for `draft` (the author's own: test_text_versions).
        author = person(f"author{next(serial)}@example.org")
        accredit(author, s.venue, "civil-society")
        made = do_submit_contribution(
            actor=Actor.person(author), call=s.call, title="T", body="B", language="en"
        )
        return f"/api/contributions/{made.pk}/versions", {"language": "fr", "text": "Avis."}

    return [
        ("set_languages", "draft", modality, where.context, set_languages),
        ("request_translation", "draft", modality, where.context, request),
        ("assign", "draft", modality, where.context, assign),
        ("review", "draft", modality, where.context, review),
        ("add_call_version", "draft", modality, where.context, call_version),
        ("add_contribution_version", "draft", modality, where.context, contribution_version),
    ]


def translator_writes(
    s: Scene, serial: Iterator[int], assignee: Any
) -> Iterator[tuple[str, str, dict[str, Any], int]]:
    """(endpoint, url, payload, success status) for the translator's writes, each on a fresh
    translation assigned to `assignee`."""
    job = _assigned(s, serial, assignee)
    yield "start", f"/api/translations/{job.pk}/start", {}, 200
    job = _assigned(s, serial, assignee)
    url = f"/api/translations/{job.pk}/paragraphs"
    yield "translate_paragraph", url, {"pid": "p1", "text": "Un paragraphe."}, 201
    job = _assigned(s, serial, assignee)
    actions.do_translate_paragraph(
        actor=Actor.person(assignee), job=job, pid="p1", text="Un paragraphe."
    )
    yield "finish", f"/api/translations/{job.pk}/finish", {}, 200
