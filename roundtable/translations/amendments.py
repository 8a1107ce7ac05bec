"""Amendments in a language version (issue 18 part 2): which paragraphs a reader of one
version may amend, and the secretariat's view of an amendment beside the authentic text.

The proposal itself is drafting's action with a `language`; drafting learns the human text it
amends through `alignment.amendment_basis` (registered at start-up), so machine output can
never be a basis. Reads ask the door first (drafting.queries.require_document).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from roundtable.drafting.models import Amendment, Document
from roundtable.drafting.queries import require_document
from roundtable.text.redline import diff_words, render_html

from .alignment import ParagraphState, languages_of, original_language, paragraph_states
from .models import DocumentLanguages
from .queries import LANGUAGE_NAMES, RTL


@dataclass(frozen=True)
class Block:
    language: str
    text: str
    original: bool

    @property
    def name(self) -> str:
        return str(LANGUAGE_NAMES[self.language])

    @property
    def rtl(self) -> bool:
        return self.language in RTL


@dataclass(frozen=True)
class AgainstAuthentic:
    proposed: Block
    authentic: Block | None  # None: an insertion at the start, against no paragraph
    # Only where both are in one language (all versions authentic): the authentic → proposed.
    redline_html: str


def amendable_paragraphs(*, viewer: Any, document: Document, language: str) -> list[ParagraphState]:
    """The latest published version's paragraphs that have a human text in `language` that is
    up to date (or are the original): what a reader of that version may amend."""
    require_document(viewer, document)
    return [s for s in paragraph_states(document, language) if s.state in ("current", "original")]


def _runs(amendment: Amendment, old: str) -> str:
    if amendment.kind == Amendment.Kind.DELETE:
        return render_html(diff_words(old, ""))
    if amendment.kind == Amendment.Kind.INSERT_AFTER:
        return render_html(diff_words("", amendment.text))
    return render_html(diff_words(old, amendment.text))


def against_authentic(*, viewer: Any, amendment: Amendment) -> AgainstAuthentic | None:
    """An amendment written in a version other than the original, beside the authentic text
    of its paragraph: the same language's current version where every version is authentic,
    else the original as the proposer's base version had it. None for an amendment in the
    original (drafting's redline already shows it against the authentic text)."""
    document = amendment.document
    require_document(viewer, document)
    original = original_language(document)
    if amendment.language == original:
        return None
    proposed = Block(amendment.language, amendment.text, original=False)
    if not amendment.pid:
        return AgainstAuthentic(proposed, None, "")
    found = languages_of(document)
    if found is not None and found.authenticity == DocumentLanguages.Authenticity.ALL_EQUAL:
        same = next(
            (s for s in paragraph_states(document, amendment.language) if s.pid == amendment.pid),
            None,
        )
        if same is not None and same.state == "current":
            authentic = Block(amendment.language, same.text, original=False)
            return AgainstAuthentic(proposed, authentic, _runs(amendment, same.text))
    text = amendment.base.paragraphs.filter(pid=amendment.pid).values_list("text", flat=True)
    authentic = Block(original, text.first() or "", original=True)
    return AgainstAuthentic(proposed, authentic, "")


def amendment_part(request: HttpRequest, *, amendment: Amendment) -> dict[str, Any]:
    """The secretariat's amendment page (drafting:amendment): the amendment in its language
    beside the authentic paragraph."""
    return {"against_authentic": against_authentic(viewer=request.user, amendment=amendment)}
