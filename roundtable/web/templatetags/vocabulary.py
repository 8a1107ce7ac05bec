"""Template filters that turn the engine's identifiers and decisions into words."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from roundtable.modalities.engine import Decision
from roundtable.modalities.standing import NEGATIVE_FACTS
from roundtable.permissions.explain import because, standing_phrase, ways_to_allow
from roundtable.permissions.vocabulary import description, humanise, label

register = template.Library()


@register.filter
def term_label(ident: str, kind: str) -> str:
    """``{{ phase.kind|term_label:"phase" }}``."""
    return label(kind, ident) if ident else ""


@register.filter
def term_labels(idents: str, kind: str) -> str:
    """``{{ position.group|term_labels:"group" }}``: a comma-separated list of ids, as labels."""
    return ", ".join(label(kind, i.strip()) for i in (idents or "").split(",") if i.strip())


@register.filter
def term_description(ident: str, kind: str) -> str:
    return description(kind, ident) if ident else ""


@register.filter
def allow_ways(decision: Decision) -> list[str]:
    return ways_to_allow(decision) if not decision.allowed else []


@register.filter
def because_text(decision: Decision) -> str:
    return because(decision)


@register.filter
def standing_words(standing: Any) -> str:
    return standing_phrase(sorted(standing.features - NEGATIVE_FACTS))


@register.filter
def actor_words(actor: str) -> str:
    """An audit actor label: people by name; the machinery (``system``, ``demo-loader``) in words."""
    words = {"system": _("the system"), "demo-loader": _("the demo loader")}
    return words.get(actor, actor)


@register.filter
def event_words(verb: str) -> str:
    """An audit verb (``phase.added``) as words."""
    words = {
        "process.created": _("process created"),
        "process.updated": _("process updated"),
        "phase.added": _("phase added"),
        "call.opened": _("call for input opened"),
        "contribution.submitted": _("contribution submitted"),
        "accreditation.requested": _("accreditation requested"),
        "accreditation.approved": _("accreditation approved"),
        "accreditation.rejected": _("accreditation refused"),
    }
    return words.get(verb) or humanise(verb.replace(".", " "))


@register.filter
def language_name(code: str) -> str:
    """``{{ row.language|language_name }}``: a text's language named in the reader's (Django's
    own catalogs name every language in the six); a code Django does not know is shown as is,
    never an error page."""
    try:
        return str(translation.get_language_info(code)["name_translated"]) if code else ""
    except KeyError:
        return code
