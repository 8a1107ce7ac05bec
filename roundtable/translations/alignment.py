"""Where each paragraph of a language version stands against the current published source:
missing, current, or outdated (its source paragraph's text is not the current one), with the
source's redline for an outdated one. Read by the actions (finish, review) and the queries;
no door here: callers have asked it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.conf import settings

from roundtable.drafting.actions import latest_published
from roundtable.drafting.models import Document, Paragraph, Version
from roundtable.text.redline import Run, diff_words

from .models import DocumentLanguages, ParagraphTranslation

State = Literal["missing", "current", "outdated", "original"]


@dataclass(frozen=True)
class ParagraphState:
    pid: str
    number: int
    source_text: str
    state: State
    text: str  # the language version's current text ("" when missing)
    translation: ParagraphTranslation | None
    # For an outdated paragraph: the source as translated → the source now.
    source_redline: tuple[Run, ...] = ()
    translated_from_version: int | None = None


def languages_of(document: Document) -> DocumentLanguages | None:
    return DocumentLanguages.objects.filter(document=document).first()


def original_language(document: Document) -> str:
    found = languages_of(document)
    return found.original_language if found is not None else settings.LANGUAGE_CODE


def current_translations(document: Document, language: str) -> dict[str, ParagraphTranslation]:
    """The newest row per pid: the language version's current text."""
    return _current_by_language(document, [language]).get(language, {})


def _current_by_language(
    document: Document, languages: list[str]
) -> dict[str, dict[str, ParagraphTranslation]]:
    """The newest row per pid for each language, in one query."""
    rows = (
        ParagraphTranslation.objects.filter(document=document, language__in=languages)
        .select_related("source_paragraph__version")
        .order_by("language", "pid", "created_at", "id")
    )
    found: dict[str, dict[str, ParagraphTranslation]] = {}
    for row in rows:
        found.setdefault(row.language, {})[row.pid] = row  # later rows overwrite earlier ones
    return found


def _state(paragraph: Paragraph, row: ParagraphTranslation | None) -> ParagraphState:
    if row is None:
        return ParagraphState(paragraph.pid, paragraph.number, paragraph.text, "missing", "", None)
    was = row.source_paragraph
    if was.text == paragraph.text:
        return ParagraphState(
            paragraph.pid, paragraph.number, paragraph.text, "current", row.text, row,
            translated_from_version=was.version.number,
        )  # fmt: skip
    return ParagraphState(
        paragraph.pid, paragraph.number, paragraph.text, "outdated", row.text, row,
        source_redline=diff_words(was.text, paragraph.text),
        translated_from_version=was.version.number,
    )  # fmt: skip


def paragraph_states(
    document: Document, language: str, version: Version | None = None
) -> list[ParagraphState]:
    """One state per paragraph of `version` (default: the latest published), in order. In the
    original language every paragraph is itself ("original")."""
    return states_by_language(document, [language], version)[language]


def states_by_language(
    document: Document, languages: list[str], version: Version | None = None
) -> dict[str, list[ParagraphState]]:
    """`paragraph_states` for several languages at once: the source, its paragraphs, the
    document's languages and every translation row are read once, whatever the number of
    languages or paragraphs (the languages page and the side-by-side view)."""
    source = version or latest_published(document)
    if source is None:
        return {language: [] for language in languages}
    paragraphs = list(source.paragraphs.order_by("number"))
    original = original_language(document)
    rows = _current_by_language(document, [code for code in languages if code != original])
    result: dict[str, list[ParagraphState]] = {}
    for language in languages:
        if language == original:
            result[language] = [
                ParagraphState(p.pid, p.number, p.text, "original", p.text, None)
                for p in paragraphs
            ]
        else:
            mine = rows.get(language, {})
            result[language] = [_state(p, mine.get(p.pid)) for p in paragraphs]
    return result


def amendment_basis(version: Version, pid: str, language: str) -> str | None:
    """The human text of paragraph `pid` in `language` that an amendment is made against
    (registered with drafting.languages at start-up). The original: the version's paragraph.
    Another language: the current, not outdated, human translation against the latest published
    version (translations are aligned with it alone). Machine output is never read here: it
    lives in machinetranslation's cache, never in ParagraphTranslation. A blank pid (an
    insertion at the start) gets "" where the language version exists at all."""
    document = version.document
    if language == original_language(document):
        if not pid:
            return ""
        return version.paragraphs.filter(pid=pid).values_list("text", flat=True).first()
    latest = latest_published(document)
    if latest is None or latest.pk != version.pk:
        return None
    states = {s.pid: s for s in paragraph_states(document, language, latest)}
    if not pid:
        return "" if any(s.state == "current" for s in states.values()) else None
    found = states.get(pid)
    return found.text if found is not None and found.state == "current" else None
