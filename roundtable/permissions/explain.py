"""How a decision is shown to people and machines: one shape everywhere.

The engine explains itself twice: in English, from the rule files' own words (`reason`), and
as data (`Decision.explanation`: rule, right, standing facts, missing facts). People read
sentences built here from that data in their own language (`verdict`, `reason_sentences`),
with the English rule text one click away; machines get the raw ids beside the words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from roundtable.modalities.engine import Decision
from roundtable.modalities.model import Modality

from .vocabulary import label, modality_title

_PREFIXED = {"group": "group", "category": "category", "role": "role"}


def fact_label(fact: str, modality: Modality | None = None) -> str:
    """One standing fact (``group:government``, ``accredited``) as words."""
    kind, _sep, ident = fact.partition(":")
    if kind in _PREFIXED and ident:
        return label(_PREFIXED[kind], ident, modality)
    if kind == "delegation" and ident:
        return _("member of the delegation %(name)s") % {"name": ident}
    if kind == "coalition" and ident:
        return _("member of the coalition %(name)s") % {"name": ident}
    words = {
        "anonymous": _("not signed in"),
        "signed-in": _("signed in"),
        "accredited": _("accredited here"),
        "head-of-delegation": _("head of a delegation"),
    }
    return words.get(fact, fact.replace("_", " ").replace("-", " "))


def _join(parts: Iterable[str], *, word: str) -> str:
    items = list(parts)
    if len(items) <= 1:
        return "".join(items)
    params = {"items": _(", ").join(items[:-1]), "last": items[-1]}
    if word == "or":
        return _("%(items)s or %(last)s") % params
    return _("%(items)s and %(last)s") % params


def _any(parts: Iterable[str]) -> str:
    return _join(parts, word="or")


def standing_phrase(facts: Iterable[str], modality: Modality | None = None) -> str:
    """Who asked, in words: ``an anonymous visitor``; ``Civil society, accredited here``."""
    order = ("group:", "category:", "role:", "delegation:", "coalition:", "head-", "accredited")
    shown = sorted(
        (f for f in facts if f not in ("signed-in", "role:member")),
        key=lambda f: next((i for i, p in enumerate(order) if f.startswith(p)), len(order)),
    )
    if "anonymous" in shown:
        return _("an anonymous visitor")
    if not shown:
        return _("a signed-in person with no standing here")
    return _(", ").join(fact_label(f, modality) for f in shown)


def verdict(decision: Decision) -> str:
    """One translated sentence: allowed or not, the right, and who asked."""
    modality = decision.modality
    params = {
        "right": label("right", decision.right, modality),
        "modality": modality_title(modality),
        "who": standing_phrase(decision.explanation.standing, modality),
    }
    if decision.allowed:
        return _("Allowed: %(right)s, under the rules of %(modality)s, for %(who)s.") % params
    if decision.rule == modality.default_deny_id:
        return (
            _("Not allowed: no rule of %(modality)s gives %(who)s the right “%(right)s”.") % params
        )
    return _("Not allowed: the rules of %(modality)s rule out “%(right)s” for %(who)s.") % params


def ways_to_allow(decision: Decision) -> list[str]:
    """For a denial, each way to be allowed as words (``Member States or Sector Members``)."""
    modality = decision.modality
    ways: list[str] = []
    for hint in decision.would_allow:
        groups = [g for g in hint.missing if g != ("signed-in",)]
        words = _join(
            (_any(fact_label(f, modality) for f in group) for group in groups), word="and"
        )
        if ("signed-in",) in hint.missing:
            words = (
                _("signed in, as %(standing)s") % {"standing": words} if words else _("signed in")
            )
        if words and words not in ways:
            ways.append(words)
    return ways


def because(decision: Decision) -> str:
    """The deciding rule's ``because`` in the reader's language, when the rule file gives it."""
    rule = decision.rule_object
    return rule.because_for(get_language() or "en") if rule is not None else ""


def decision_json(decision: Decision) -> dict[str, Any]:
    """A decision for the API: raw ids in machine fields, words in the reader's language."""
    explanation = decision.explanation
    return {
        **decision.to_json(),
        "right_label": label("right", decision.right, decision.modality),
        "verdict": verdict(decision),
        "because_translated": because(decision),
        "what_would_allow": ways_to_allow(decision),
        "standing_label": standing_phrase(explanation.standing, decision.modality),
        "language": get_language() or "en",
    }


def denial_payload(decision: Decision) -> dict[str, Any]:
    return {
        "error": {
            "code": "forbidden",
            "message": decision.reason,
            "verdict": verdict(decision),
            "rule": decision.rule,
            "would_allow": [str(h) for h in decision.would_allow],
            "what_would_allow": ways_to_allow(decision),
            "explanation": decision.explanation.to_json(),
        }
    }
