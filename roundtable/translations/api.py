"""REST endpoints for language versions (hung from the API at /api/): a document's languages,
one language version aligned by paragraph id, a translation's work, and the workflow's writes.
Every endpoint goes through the queries (observe the document) and the actions (the door for
the secretariat's acts, the assignment for the translator's)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Router

from roundtable.contributions.queries import get_call, get_contribution
from roundtable.drafting.queries import get_document
from roundtable.outputs.errors import Error, write
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.venues.people import public_name
from roundtable.venues.queries import get_person_by_email

from . import actions, queries, text_actions
from .alignment import ParagraphState, paragraph_states
from .models import TextTranslation, TranslationRequest
from .queries import TextVersion, get_request, list_language_versions, translator_work
from .schemas import (
    TextVersionIn,
    TextVersionOut,
    TranslationAssignIn,
    TranslationLanguageOut,
    TranslationLanguagesIn,
    TranslationLanguagesOut,
    TranslationParagraphIn,
    TranslationParagraphOut,
    TranslationRequestIn,
    TranslationRequestOut,
    TranslationSavedOut,
    TranslationWorkOut,
)

router = Router(tags=["translations"])
READ = {403: Error, 404: Error}
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def request_out(r: TranslationRequest) -> dict[str, Any]:
    return {
        "id": r.pk, "document": r.document_id, "language": r.language, "status": r.status,
        "due_date": r.due_date, "assignee": r.assignee.email if r.assignee else None,
        "requested_at": r.requested_at, "reviewed_at": r.reviewed_at,
    }  # fmt: skip


def paragraph_out(s: ParagraphState) -> dict[str, Any]:
    return {
        "pid": s.pid, "number": s.number, "state": s.state, "text": s.text,
        "source_text": s.source_text, "translated_from_version": s.translated_from_version,
        "source_redline": [run.to_json() for run in s.source_redline],
    }  # fmt: skip


@router.get(
    "/documents/{document_id}/languages",
    response={200: list[TranslationLanguageOut], **READ},
    operation_id="translations_languages",
)
def languages(request: HttpRequest, document_id: int) -> Any:
    """The six language versions of the latest published text: original, authentic or for
    information, paragraphs translated, outdated and missing, the translation in hand."""
    found = get_document(viewer=request.user, pk=document_id)
    return [
        {**vars(v), "request": request_out(v.request) if v.request else None}
        for v in list_language_versions(viewer=request.user, document=found)
    ]


@router.get(
    "/documents/{document_id}/languages/{language}",
    response={200: list[TranslationParagraphOut], **READ},
    operation_id="translations_version",
)
def language_version(request: HttpRequest, document_id: int, language: str) -> Any:
    """One language version, paragraph by paragraph (the ids are the source's): put two side
    by side by their `pid`. An outdated paragraph carries the source's redline."""
    found = get_document(viewer=request.user, pk=document_id)
    if language not in LANGUAGE_CODES:
        raise Http404(language)
    return [paragraph_out(s) for s in paragraph_states(found, language)]


@router.get(
    "/translations/{request_id}",
    response={200: TranslationWorkOut, **READ},
    operation_id="translations_work",
)
def work(request: HttpRequest, request_id: int) -> Any:
    """A translation in hand with each paragraph's state (the translator and the secretariat)."""
    job = get_request(viewer=request.user, pk=request_id)
    states = translator_work(viewer=request.user, job=job)
    return {"request": request_out(job), "paragraphs": [paragraph_out(s) for s in states]}


@router.post(
    "/documents/{document_id}/languages",
    operation_id="translations_set_languages",
    **write(TranslationLanguagesOut, 200),
)
def set_languages(request: HttpRequest, document_id: int, payload: TranslationLanguagesIn) -> Any:
    """The original language and which versions are authentic (right `draft`)."""
    found = get_document(viewer=request.user, pk=document_id)
    row = actions.do_set_languages(
        actor=Actor.of_request(request), document=found,
        original_language=payload.original_language, authenticity=payload.authenticity,
    )  # fmt: skip
    return 200, {
        "document": found.pk,
        "original_language": row.original_language,
        "authenticity": row.authenticity,
    }


@router.post(
    "/documents/{document_id}/translations",
    operation_id="translations_request",
    **write(TranslationRequestOut),
)
def request_translation(
    request: HttpRequest, document_id: int, payload: TranslationRequestIn
) -> Any:
    """Ask for a language version of the latest published text (right `draft`)."""
    found = get_document(viewer=request.user, pk=document_id)
    made = actions.do_request_translation(
        actor=Actor.of_request(request), document=found, language=payload.language,
        due_date=payload.due_date, note=payload.note,
    )  # fmt: skip
    return 201, request_out(made)


@router.post(
    "/translations/{request_id}/assign",
    operation_id="translations_assign",
    **write(TranslationRequestOut, 200),
)
def assign(request: HttpRequest, request_id: int, payload: TranslationAssignIn) -> Any:
    """Name the translator (right `draft`)."""
    job = get_request(viewer=request.user, pk=request_id)
    actor = Actor.of_request(request)
    # The door first: nobody learns which addresses have accounts without the right to assign.
    actions.require_secretariat(actor, job.document)
    person = get_person_by_email(viewer=actor, email=payload.email)
    return 200, request_out(actions.do_assign_translation(actor=actor, job=job, assignee=person))


@router.post(
    "/translations/{request_id}/start",
    operation_id="translations_start",
    **write(TranslationRequestOut, 200),
)
def start(request: HttpRequest, request_id: int) -> Any:
    """The translator starts (or takes a finished translation back to update it)."""
    job = get_request(viewer=request.user, pk=request_id)
    return 200, request_out(actions.do_start_translation(actor=Actor.of_request(request), job=job))


@router.post(
    "/translations/{request_id}/paragraphs",
    operation_id="translations_paragraph",
    **write(TranslationSavedOut),
)
def translate_paragraph(
    request: HttpRequest, request_id: int, payload: TranslationParagraphIn
) -> Any:
    """The translator's text for one paragraph, made from the latest published version."""
    job = get_request(viewer=request.user, pk=request_id)
    row = actions.do_translate_paragraph(
        actor=Actor.of_request(request), job=job, pid=payload.pid, text=payload.text
    )
    return 201, {
        "pid": row.pid, "language": row.language,
        "source_version": row.source_paragraph.version.number, "created_at": row.created_at,
    }  # fmt: skip


@router.post(
    "/translations/{request_id}/finish",
    operation_id="translations_finish",
    **write(TranslationRequestOut, 200),
)
def finish(request: HttpRequest, request_id: int) -> Any:
    """Done: refused (400 `incomplete`) while a paragraph is untranslated or outdated."""
    job = get_request(viewer=request.user, pk=request_id)
    return 200, request_out(actions.do_finish_translation(actor=Actor.of_request(request), job=job))


@router.post(
    "/translations/{request_id}/review",
    operation_id="translations_review",
    **write(TranslationRequestOut, 200),
)
def review(request: HttpRequest, request_id: int) -> Any:
    """Reviewed by the secretariat, never by the translator (right `draft`)."""
    job = get_request(viewer=request.user, pk=request_id)
    return 200, request_out(actions.do_review_translation(actor=Actor.of_request(request), job=job))


def text_version_out(v: TextVersion) -> dict[str, Any]:
    return {
        "language": v.language, "title": v.row.title, "text": v.row.text, "outdated": v.outdated,
        "translated_by": public_name(v.row.translator), "created_at": v.row.created_at,
    }  # fmt: skip


def _saved(row: TextTranslation, versions: list[TextVersion]) -> dict[str, Any]:
    [saved] = [v for v in versions if v.row.pk == row.pk]
    return text_version_out(saved)


@router.get(
    "/calls/{call_id}/versions",
    response={200: list[TextVersionOut], **READ},
    operation_id="translations_call_versions",
)
def call_versions(request: HttpRequest, call_id: int) -> Any:
    """The call's title and description in other languages: the current version per language,
    `outdated` when the call has changed since it was translated."""
    require(request, right="observe", modality="platform")
    call = get_call(viewer=request.user, pk=call_id)
    return [text_version_out(v) for v in queries.call_versions(call)]


@router.get(
    "/contributions/{contribution_id}/versions",
    response={200: list[TextVersionOut], **READ},
    operation_id="translations_contribution_versions",
)
def contribution_versions(request: HttpRequest, contribution_id: int) -> Any:
    """The contribution in other languages (only while it is published)."""
    require(request, right="observe", modality="platform")
    found = get_contribution(viewer=request.user, pk=contribution_id)
    return [text_version_out(v) for v in queries.contribution_versions(found)]


@router.post(
    "/calls/{call_id}/versions",
    operation_id="translations_call_version_add",
    **write(TextVersionOut),
)
def add_call_version(request: HttpRequest, call_id: int, payload: TextVersionIn) -> Any:
    """A new (or updated) version of the call in another language (right `draft`)."""
    require(request, right="observe", modality="platform")
    call = get_call(viewer=request.user, pk=call_id)
    row = text_actions.do_translate_call(
        actor=Actor.of_request(request), call=call, language=payload.language,
        title=payload.title, text=payload.text,
    )  # fmt: skip
    return 201, _saved(row, queries.call_versions(call))


@router.post(
    "/contributions/{contribution_id}/versions",
    operation_id="translations_contribution_version_add",
    **write(TextVersionOut),
)
def add_contribution_version(
    request: HttpRequest, contribution_id: int, payload: TextVersionIn
) -> Any:
    """A new (or updated) version of the contribution (its author, or right `draft`)."""
    require(request, right="observe", modality="platform")
    found = get_contribution(viewer=request.user, pk=contribution_id)
    row = text_actions.do_translate_contribution(
        actor=Actor.of_request(request), contribution=found, language=payload.language,
        title=payload.title, text=payload.text,
    )  # fmt: skip
    return 201, _saved(row, queries.contribution_versions(found))
