"""Which language an amendment is written in, and the human text it amends in that language.

Language versions live in roundtable/translations, above drafting, so drafting asks through a
function that app registers at start-up (as the door's in-process providers are registered):
drafting never imports it. Without one registered, a document is written in the site's
default language and has no other version.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Amendment, Document, Version

# (version, pid, language) -> the human text of paragraph `pid` in `language` that an
# amendment in that language is made against, or None where there is no human version
# (machine output never counts). A blank pid (an insertion at the start) asks whether the
# language version exists at all and gets "".
Basis = Callable[[Version, str, str], "str | None"]
Original = Callable[[Document], str]


def _default_original(document: Document) -> str:
    return settings.LANGUAGE_CODE


def _default_basis(version: Version, pid: str, language: str) -> str | None:
    if language != settings.LANGUAGE_CODE:
        return None
    if not pid:
        return ""
    found = version.paragraphs.filter(pid=pid).values_list("text", flat=True).first()
    return found


_registered: dict[str, Callable[..., object]] = {}


def register_language_versions(*, original: Original, basis: Basis) -> None:
    _registered["original"] = original
    _registered["basis"] = basis


def original_language(document: Document) -> str:
    found = _registered.get("original", _default_original)
    return str(found(document))


def amendment_basis(version: Version, pid: str, language: str) -> str | None:
    found = _registered.get("basis", _default_basis)
    result = found(version, pid, language)
    return None if result is None else str(result)


def require_basis(version: Version, pid: str, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."), code="language")
    if amendment_basis(version, pid, language) is None:
        raise ValidationError(
            _(
                "There is no up-to-date human translation of this paragraph in %(language)s "
                "to amend (a machine translation is never the basis of an amendment): propose "
                "it in another language version."
            )
            % {"language": dict(settings.LANGUAGES)[language]},
            code="no_human_version",
        )


def require_original_language(amendment: Amendment) -> None:
    """Accepting writes the amendment's text into the original: one written in another
    language version would put, say, French words into an English text. The secretariat
    merges it into an amendment in the original language, or rejects it."""
    original = original_language(amendment.document)
    if amendment.kind != Amendment.Kind.DELETE and amendment.language != original:
        names = dict(settings.LANGUAGES)
        raise ValidationError(
            _(
                "This amendment is written in %(language)s and the original is in "
                "%(original)s: accepting it would put %(language)s text into the original. "
                "Propose the change in %(original)s and merge this amendment into it, or "
                "reject it."
            )
            % {"language": names[amendment.language], "original": names[original]},
            code="other_language",
        )
