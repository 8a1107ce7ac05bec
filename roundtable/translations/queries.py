"""Reads for language versions: which exist (and which are authentic), a translator's work,
and two versions side by side. Every read asks first whether the viewer may observe the
document (drafting.queries.require_document)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from roundtable.contributions.models import CallForInput, Contribution
from roundtable.drafting.authority import decide_for
from roundtable.drafting.models import Document
from roundtable.drafting.queries import require_document
from roundtable.machinetranslation.actions import MachineText
from roundtable.permissions.actor import Actor

from .alignment import (
    ParagraphState,
    languages_of,
    original_language,
    paragraph_states,
    states_by_language,
)
from .models import DocumentLanguages, TextTranslation, TranslationRequest

LANGUAGE_NAMES = dict(settings.LANGUAGES)
RTL = frozenset({"ar"})


@dataclass(frozen=True)
class LanguageVersion:
    language: str
    original: bool
    authentic: bool
    translated: int  # paragraphs current or outdated (the original: all)
    outdated: int
    missing: int
    request: TranslationRequest | None

    @property
    def name(self) -> str:
        return str(LANGUAGE_NAMES[self.language])

    @property
    def exists(self) -> bool:
        return self.translated > 0

    @property
    def rtl(self) -> bool:
        return self.language in RTL


def _authentic(found: DocumentLanguages | None, language: str, original: str) -> bool:
    if language == original:
        return True
    return found is not None and found.authenticity == DocumentLanguages.Authenticity.ALL_EQUAL


def list_language_versions(*, viewer: Any, document: Document) -> list[LanguageVersion]:
    """The six languages, the original first: whether each version exists, is authentic, how
    many paragraphs are outdated, and the translation request in hand (if any)."""
    require_document(viewer, document)
    found = languages_of(document)
    original = found.original_language if found is not None else settings.LANGUAGE_CODE
    requests = {
        r.language: r
        for r in document.translation_requests.select_related("assignee__profile").order_by(
            "requested_at", "id"
        )
    }  # the newest per language wins
    result = []
    every = states_by_language(document, [code for code, _name in settings.LANGUAGES])
    for code, _name in settings.LANGUAGES:
        states = every[code]
        outdated = sum(1 for s in states if s.state == "outdated")
        missing = sum(1 for s in states if s.state == "missing")
        result.append(
            LanguageVersion(
                language=code,
                original=code == original,
                authentic=_authentic(found, code, original),
                translated=len(states) - missing,
                outdated=outdated,
                missing=missing,
                request=requests.get(code),
            )
        )
    return sorted(result, key=lambda v: not v.original)


def get_request(*, viewer: Any, pk: int) -> TranslationRequest:
    found = get_object_or_404(
        TranslationRequest.objects.select_related("document__process__venue", "assignee"), pk=pk
    )
    require_document(viewer, found.document)
    return found


def translator_work(*, viewer: Any, job: TranslationRequest) -> list[ParagraphState]:
    """Each source paragraph with the translator's text and its state; outdated ones carry the
    source's redline. For the assignee and for those who may draft the document."""
    require_document(viewer, job.document)
    user = getattr(viewer, "pk", None)
    actor = Actor.of_user(viewer) or Actor.person(viewer)
    if user is None or (
        user != job.assignee_id
        and not decide_for(actor, right="draft", process=job.document.process).allowed
    ):
        raise PermissionDenied(_("Only the translator and the secretariat see work in progress."))
    return paragraph_states(job.document, job.language)


@dataclass(frozen=True)
class SideBySideRow:
    pid: str
    number: int
    left: ParagraphState
    right: ParagraphState
    # A machine translation asked for by the reader, shown labelled in a missing cell: never
    # stored as a language version.
    left_machine: MachineText | None = None
    right_machine: MachineText | None = None


def default_pair(document: Document, reader_language: str, versions: list[str]) -> tuple[str, str]:
    """The reader's language on the left where that version exists, the original on the right
    (or, for a reader of the original, the first other version that exists)."""
    original = original_language(document)
    left = reader_language if reader_language in versions else original
    if left != original:
        return left, original
    others = [v for v in versions if v != original]
    return original, (others[0] if others else original)


def side_by_side(*, viewer: Any, document: Document, left: str, right: str) -> list[SideBySideRow]:
    """The current published version in two languages, aligned by paragraph id."""
    require_document(viewer, document)
    both = states_by_language(document, [left, right])
    lefts = both[left]
    rights = {s.pid: s for s in both[right]}
    return [SideBySideRow(s.pid, s.number, s, rights[s.pid]) for s in lefts]


def find_person(email: str) -> User | None:
    """The account with this address, for an assignment (the secretariat names a translator)."""
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def source_sha256(title: str, text: str) -> str:
    """What a whole-text version pins: its source's title and text as translated."""
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def call_source(call: CallForInput) -> tuple[str, str]:
    return call.title, call.description


def contribution_source(contribution: Contribution) -> tuple[str, str]:
    return contribution.title, contribution.body


@dataclass(frozen=True)
class TextVersion:
    """The current whole-text version of a call or contribution in one language."""

    row: TextTranslation
    outdated: bool

    @property
    def language(self) -> str:
        return self.row.language

    @property
    def name(self) -> str:
        return str(LANGUAGE_NAMES[self.row.language])

    @property
    def rtl(self) -> bool:
        return self.row.language in RTL


def _current(rows: QuerySet[TextTranslation], source: tuple[str, str]) -> list[TextVersion]:
    """Newest row per language (rows come oldest first); one query, whatever the count."""
    newest = {row.language: row for row in rows.select_related("translator__profile")}
    digest = source_sha256(*source)
    return [
        TextVersion(row, outdated=row.source_sha256 != digest)
        for _code, row in sorted(newest.items())
    ]


def call_versions(call: CallForInput) -> list[TextVersion]:
    """The call's versions; the caller has passed the call's own door (contributions.queries)."""
    return _current(TextTranslation.objects.filter(call=call), call_source(call))


def contribution_versions(contribution: Contribution) -> list[TextVersion]:
    """Only a published contribution shows its text, so only then its versions."""
    if contribution.status != Contribution.Status.PUBLISHED:
        return []
    return _current(
        TextTranslation.objects.filter(contribution=contribution),
        contribution_source(contribution),
    )
