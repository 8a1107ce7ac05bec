"""`decide`: may this standing exercise this right in this context, under this modality?

Default deny. The rules for a right are precompiled (`rules.compile_rules`) in precedence
order: higher specificity first, at equal specificity prohibitions first, then file order. So
the first rule whose conditions all hold decides, and when none holds the implicit rule
``<modality>/default-deny`` does. The human reason and the "what would allow it" hints are
built lazily, only when someone reads them.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import lru_cache

from roundtable.modalities.model import Modality
from roundtable.modalities.rules import CompiledRule, Obligation, Rule, When, Who
from roundtable.modalities.standing import NEGATIVE_FACTS, Context, Standing


class UnknownRightError(KeyError):
    """The modality does not know this right (a typo, or a right its rule file never declared)."""


@dataclass(frozen=True, slots=True)
class WouldAllow:
    """A standing that would turn a denial into a permission, and the rule that would permit."""

    rule: str
    standing: str
    #: What the asker lacks: each inner tuple is a fact to gain, given as alternatives
    #: (``(("category:member-state", "category:sector-member"), ("signed-in",))``).
    missing: tuple[tuple[str, ...], ...] = ()

    def __str__(self) -> str:
        return f"{self.standing} (rule {self.rule})"


#: Standing facts that say what someone is not; an explanation lists only what they are.
_NEGATIVE_FACTS = NEGATIVE_FACTS


@dataclass(frozen=True, slots=True)
class Explanation:
    """A decision as data, for rendering in any language: who asked, what decided, what's missing.

    ``outcome`` is ``permitted``, ``prohibited`` or ``denied-by-default``; ``standing`` the
    asker's facts (``anonymous``, ``group:civil-society``, ``accredited``); ``missing`` one
    tuple of facts per way to be allowed (with the rule that would permit), empty when allowed.
    """

    rule: str
    right: str
    outcome: str
    standing: tuple[str, ...]
    missing: tuple[WouldAllow, ...]
    because: str

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "right": self.right,
            "outcome": self.outcome,
            "standing_facts": list(self.standing),
            "missing_facts": [
                {
                    "rule": w.rule,
                    "facts": sorted({f for group in w.missing for f in group}),
                    "all_of_any_of": [list(group) for group in w.missing],
                }
                for w in self.missing
            ],
            "because": self.because,
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer: ``allowed``, the deciding ``rule`` id and its ``obligations``.

    ``reason`` and ``would_allow`` are computed when read (they cost more than the decision).
    """

    allowed: bool
    rule: str
    obligations: tuple[Obligation, ...]
    modality: Modality
    right: str
    standing: Standing
    context: Context

    @property
    def rule_object(self) -> Rule | None:
        """The deciding Rule, or None for the implicit default deny."""
        return self.modality.rule(self.rule)

    @property
    def reason(self) -> str:
        return _reason(self)

    @property
    def would_allow(self) -> tuple[WouldAllow, ...]:
        """For a denial, the standings that would be allowed here (empty when allowed)."""
        if self.allowed:
            return ()
        return _would_allow(self.modality, self.right, self.standing, self.context)

    @property
    def explanation(self) -> Explanation:
        """The reason as structured data (the rule, the right, standing and missing facts)."""
        rule = self.rule_object
        if rule is None:
            outcome = "denied-by-default"
        else:
            outcome = "permitted" if self.allowed else "prohibited"
        facts = tuple(sorted(self.standing.features - _NEGATIVE_FACTS))
        return Explanation(
            rule=self.rule,
            right=self.right,
            outcome=outcome,
            standing=facts,
            missing=self.would_allow,
            because=rule.because if rule is not None else "",
        )

    def to_json(self) -> dict[str, object]:
        return {
            "modality": self.modality.name,
            "right": self.right,
            "standing": self.standing.describe(),
            "context": self.context.describe(),
            "allowed": self.allowed,
            "rule": self.rule,
            "reason": self.reason,
            "obligations": [o.to_json() for o in self.obligations],
            "would_allow": [{"rule": w.rule, "standing": w.standing} for w in self.would_allow],
            "explanation": self.explanation.to_json(),
        }


def decide(modality: Modality, *, right: str, standing: Standing, context: Context) -> Decision:
    """Decide one request. Raises UnknownRightError for a right the modality does not declare."""
    try:
        candidates = modality.compiled[right]
    except KeyError:
        raise UnknownRightError(
            f"{modality.name} has no right {right!r}; known: {', '.join(modality.rights)}"
        ) from None
    winner = _first_match(candidates, standing, context)
    if winner is None:
        return Decision(False, modality.default_deny_id, (), modality, right, standing, context)
    return Decision(
        winner.allowed, winner.id, winner.obligations, modality, right, standing, context
    )


def _first_match(
    candidates: tuple[CompiledRule, ...], standing: Standing, context: Context
) -> CompiledRule | None:
    sf = standing.features
    cf = context.features
    for rule in candidates:
        for req in rule.standing_reqs:
            if sf.isdisjoint(req):
                break
        else:
            for req in rule.context_reqs:
                if cf.isdisjoint(req):
                    break
            else:
                if rule.timed and not _in_window(rule, context):
                    continue
                return rule
    return None


def _in_window(rule: CompiledRule, context: Context) -> bool:
    moment = context.time
    if moment is None:
        return False
    if rule.after is not None and moment < rule.after:
        return False
    return not (rule.before is not None and moment >= rule.before)


EXPLANATION_CACHE_SIZE = 8192


def clear_explanation_cache() -> None:
    """Forget cached explanations (the benchmark uses it to measure the cold path)."""
    _describe.cache_clear()
    _would_allow.cache_clear()


@lru_cache(maxsize=EXPLANATION_CACHE_SIZE)
def _describe(thing: Standing | Context | Who | When) -> str:
    return thing.describe()


def _reason(decision: Decision) -> str:
    modality = decision.modality
    who = _describe(decision.standing)
    where = _describe(decision.context)
    rule = decision.rule_object
    if rule is None:
        return (
            f"Denied by default: no rule of {modality.name} permits {decision.right} "
            f"for {who} {where}."
        )
    verb = "permits" if decision.allowed else "prohibits"
    scope = _describe(rule.who)
    when = _describe(rule.when)
    text = f"Rule {rule.id} {verb} {decision.right} for {scope}"
    if when:
        text += f" in {when}"
    text += "."
    if rule.because:
        text += f" {rule.because}"
    if decision.obligations:
        text += " Obligations: " + "; ".join(o.describe() for o in decision.obligations) + "."
    return text


def _add(held: AbstractSet[str], wanted: AbstractSet[str] | None) -> frozenset[str]:
    if wanted is None or not held.isdisjoint(wanted):
        return frozenset(held)
    return frozenset(held) | {sorted(wanted)[0]}


def _with_requirements(standing: Standing, rule: Rule) -> Standing:
    """The given standing, changed as little as possible to meet the rule's who-conditions."""
    who = rule.who
    delegation = standing.delegation
    if who.delegations is not None and delegation not in who.delegations:
        delegation = sorted(who.delegations)[0]

    def flag(name: str) -> bool:
        wanted: bool | None = getattr(who, name)
        return bool(getattr(standing, name)) if wanted is None else wanted

    return Standing(
        groups=_add(standing.groups, who.groups),
        categories=_add(standing.categories, who.categories),
        roles=_add(standing.roles, who.roles),
        coalitions=_add(standing.coalitions, who.coalitions),
        delegation=delegation,
        accredited=flag("accredited"),
        head_of_delegation=flag("head_of_delegation"),
        anonymous=flag("anonymous"),
        organisation_confirmed=flag("organisation_confirmed"),
    )


@lru_cache(maxsize=EXPLANATION_CACHE_SIZE)
def _would_allow(
    modality: Modality, right: str, standing: Standing, context: Context
) -> tuple[WouldAllow, ...]:
    hints: list[tuple[frozenset[frozenset[str]], CompiledRule]] = []
    for compiled in modality.compiled[right]:
        if not compiled.allowed:
            continue
        rule = compiled.rule
        # A fact (`is-author`, `focal-point`...) is something a person can come to hold, like
        # a role: a rule that needs facts the context lacks is still a hint, naming them.
        if not all(
            not context.features.isdisjoint(req)
            for req in compiled.context_reqs
            if not any(f.startswith("fact:") for f in req)
        ):
            continue
        if compiled.timed and not _in_window(compiled, context):
            continue
        candidate = _with_requirements(standing, rule)
        trial_context = context
        if rule.when.facts is not None and context.facts.isdisjoint(rule.when.facts):
            trial_context = replace(context, facts=context.facts | {sorted(rule.when.facts)[0]})
        trial = decide(modality, right=right, standing=candidate, context=trial_context)
        if trial.allowed and trial.rule == rule.id:
            hints.append((frozenset(compiled.standing_reqs), compiled))
    # Drop a hint that only adds conditions to another one (heads of delegation are members).
    kept = [(reqs, rule) for reqs, rule in hints if not any(other < reqs for other, _ in hints)]
    kept.sort(key=lambda item: len(item[0]))
    return tuple(
        WouldAllow(
            rule=compiled.id,
            standing=_hint(compiled.rule),
            missing=_missing(standing, compiled),
        )
        for _, compiled in kept
    )


def _hint(rule: Rule) -> str:
    """The rule's standing, and the facts it needs: ``anyone signed in, with fact focal-point``."""
    who = _describe(rule.who)
    if rule.when.facts is None:
        return who
    return f"{who}, with fact {' or '.join(sorted(rule.when.facts))}"


def _missing(standing: Standing, compiled: CompiledRule) -> tuple[tuple[str, ...], ...]:
    """The rule's standing requirements this standing does not meet, each as alternatives."""
    lacking = [
        tuple(sorted(req - _NEGATIVE_FACTS))
        for req in compiled.standing_reqs
        if standing.features.isdisjoint(req)
    ]
    groups = [group for group in lacking if group]
    if standing.anonymous and groups and ("signed-in",) not in groups:
        groups.append(("signed-in",))
    return tuple(groups)


__all__ = [
    "Decision",
    "Explanation",
    "UnknownRightError",
    "WouldAllow",
    "clear_explanation_cache",
    "decide",
]
