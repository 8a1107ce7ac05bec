"""Rules as frozen values: who (standing conditions), when (context conditions), obligations.

A rule permits or prohibits some rights; `compile_rules` flattens a modality's rules into the
feature sets that `engine.decide` matches against a `Standing` and a `Context`, in precedence
order. Nothing here decides anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Effect = Literal["permit", "prohibit"]


def _opt_frozen(values: Iterable[str] | None) -> frozenset[str] | None:
    return frozenset(values) if values is not None else None


# Obligation kinds the engine knows, with the value type and how to say it.
OBLIGATION_KINDS: Mapping[str, tuple[type, str]] = {
    "word_limit": (int, "at most {value} words"),
    "speaking_slot_seconds": (int, "speaking slot of {value} seconds"),
    "through_head_of_delegation": (bool, "only through the head of delegation"),
    "priority_tier": (int, "priority tier {value} in the speaker queue (1 speaks first)"),
    "existing_drafts_only": (bool, "only amendments to existing drafts; no new draft texts"),
    "address_earlier_comments": (bool, "must address earlier comments"),
    "paragraph_reference": (bool, "must name the paragraph of the draft addressed"),
    "confirm_on_list": (bool, "must be confirmed on the mailing list"),
    "statement_of_interest": (bool, "a statement of interest must be on file"),
    "personal_capacity": (bool, "in a personal capacity, not representing an organisation"),
    "note_well": (bool, "the Note Well must be acknowledged"),
    "max_days": (int, "for at most {value} days"),
}


@dataclass(frozen=True, slots=True)
class Obligation:
    """A condition attached to a permission: ``Obligation("word_limit", 2000)``."""

    kind: str
    value: int | str | bool

    def describe(self) -> str:
        spec = OBLIGATION_KINDS.get(self.kind)
        if spec is None:
            return f"{self.kind}: {self.value}"
        return spec[1].format(value=self.value)

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "value": self.value, "description": self.describe()}


# The standing conditions of a rule; None means "not constrained".
WHO_SET_KEYS: tuple[str, ...] = ("groups", "categories", "roles", "delegations", "coalitions")
WHO_BOOL_KEYS: tuple[str, ...] = (
    "accredited",
    "head_of_delegation",
    "anonymous",
    "organisation_confirmed",
)
WHEN_SET_KEYS: tuple[str, ...] = ("phases", "venues", "issues", "days", "facts")

_SET_PREFIX = {
    "groups": "group",
    "categories": "category",
    "roles": "role",
    "delegations": "delegation",
    "coalitions": "coalition",
    "phases": "phase",
    "venues": "venue",
    "issues": "issue",
    "days": "day",
    "facts": "fact",
}
_BOOL_FEATURE = {
    "accredited": ("accredited", "not-accredited"),
    "head_of_delegation": ("head-of-delegation", "not-head-of-delegation"),
    "anonymous": ("anonymous", "signed-in"),
    "organisation_confirmed": ("organisation-confirmed", "organisation-not-confirmed"),
}


@dataclass(frozen=True, slots=True)
class Who:
    """Standing conditions. Within a key: any of the values. Across keys: all must hold."""

    groups: AbstractSet[str] | None = None
    categories: AbstractSet[str] | None = None
    roles: AbstractSet[str] | None = None
    delegations: AbstractSet[str] | None = None
    coalitions: AbstractSet[str] | None = None
    accredited: bool | None = None
    head_of_delegation: bool | None = None
    anonymous: bool | None = None
    organisation_confirmed: bool | None = None

    def __post_init__(self) -> None:
        for key in WHO_SET_KEYS:
            object.__setattr__(self, key, _opt_frozen(getattr(self, key)))

    def constrained(self) -> tuple[str, ...]:
        return tuple(k for k in (*WHO_SET_KEYS, *WHO_BOOL_KEYS) if getattr(self, k) is not None)

    def requirements(self) -> tuple[frozenset[str], ...]:
        """Each constrained key as the set of features of which a standing needs at least one."""
        reqs: list[frozenset[str]] = []
        for key in WHO_SET_KEYS:
            values = getattr(self, key)
            if values is not None:
                reqs.append(frozenset(f"{_SET_PREFIX[key]}:{v}" for v in values))
        for key in WHO_BOOL_KEYS:
            flag = getattr(self, key)
            if flag is not None:
                yes, no = _BOOL_FEATURE[key]
                reqs.append(frozenset({yes if flag else no}))
        return tuple(reqs)

    def describe(self) -> str:
        """``category member-state or sector-member, if head of delegation``; ``anyone``."""
        parts: list[str] = []
        for key in WHO_SET_KEYS:
            values = getattr(self, key)
            if values is not None:
                names = sorted(values)
                joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
                parts.append(f"{_SET_PREFIX[key]} {joined}")
        flags: list[str] = []
        if self.accredited is not None:
            flags.append("accredited" if self.accredited else "not accredited")
        if self.head_of_delegation is not None:
            flags.append(
                "head of delegation" if self.head_of_delegation else "not head of delegation"
            )
        if self.anonymous is not None:
            flags.append("not signed in" if self.anonymous else "signed in")
        if self.organisation_confirmed is not None:
            flags.append(
                "confirmed by their organisation"
                if self.organisation_confirmed
                else "not confirmed by their organisation"
            )
        if not parts:
            return "anyone " + " and ".join(flags) if flags else "anyone, even anonymous"
        text = " and ".join(parts)
        return f"{text}, if {' and '.join(flags)}" if flags else text


@dataclass(frozen=True, slots=True)
class When:
    """Context conditions: any of the values within a key, all keys; a half-open time window."""

    phases: AbstractSet[str] | None = None
    venues: AbstractSet[str] | None = None
    issues: AbstractSet[str] | None = None
    days: AbstractSet[str] | None = None
    facts: AbstractSet[str] | None = None
    after: datetime | None = None
    before: datetime | None = None

    def __post_init__(self) -> None:
        for key in WHEN_SET_KEYS:
            object.__setattr__(self, key, _opt_frozen(getattr(self, key)))
        for moment in (self.after, self.before):
            if moment is not None and moment.utcoffset() is None:
                raise ValueError("rule time windows must be timezone-aware")

    def constrained(self) -> tuple[str, ...]:
        keys = [k for k in WHEN_SET_KEYS if getattr(self, k) is not None]
        if self.after is not None or self.before is not None:
            keys.append("time")
        return tuple(keys)

    def requirements(self) -> tuple[frozenset[str], ...]:
        return tuple(
            frozenset(f"{_SET_PREFIX[k]}:{v}" for v in getattr(self, k))
            for k in WHEN_SET_KEYS
            if getattr(self, k) is not None
        )

    def describe(self) -> str:
        parts: list[str] = []
        for key in WHEN_SET_KEYS:
            values = getattr(self, key)
            if values is not None:
                parts.append(f"{_SET_PREFIX[key]} {', '.join(sorted(values))}")
        if self.after is not None:
            parts.append(f"from {self.after.isoformat()}")
        if self.before is not None:
            parts.append(f"until {self.before.isoformat()}")
        return " and ".join(parts)


@dataclass(frozen=True, slots=True)
class Rule:
    """Permit or prohibit some rights for a standing in a context, with obligations.

    ``specificity`` is the number of constrained condition keys (who + when, a time window
    counting once). See docs/modalities.md for the conflict policy.
    """

    id: str
    effect: Effect
    rights: AbstractSet[str]
    who: Who = Who()
    when: When = When()
    obligations: tuple[Obligation, ...] = ()
    because: str = ""
    source: str = ""
    #: ``because`` in other languages and a short label, as (language code, text) pairs.
    because_in: tuple[tuple[str, str], ...] = ()
    label: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "rights", frozenset(self.rights))
        if self.effect not in ("permit", "prohibit"):
            raise ValueError(f"rule {self.id}: effect must be permit or prohibit")

    @property
    def specificity(self) -> int:
        return len(self.who.constrained()) + len(self.when.constrained())

    def because_for(self, language: str) -> str:
        """``because`` in ``language`` when the rule file gives it, else the English text."""
        return dict(self.because_in).get(language, "")

    def label_for(self, language: str) -> str:
        """The rule's own label in ``language`` (or English), or ``""``."""
        labels = dict(self.label)
        return labels.get(language) or labels.get("en", "")


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule flattened for matching: requirement sets, precedence key, and the rule itself."""

    rule: Rule
    id: str
    allowed: bool
    standing_reqs: tuple[frozenset[str], ...]
    context_reqs: tuple[frozenset[str], ...]
    after: datetime | None
    before: datetime | None
    timed: bool
    obligations: tuple[Obligation, ...]


def compile_rules(
    rules: Iterable[Rule], rights: Iterable[str]
) -> dict[str, tuple[CompiledRule, ...]]:
    """Index rules by right, in precedence order: the first match decides.

    Order: higher specificity first; at equal specificity prohibitions first; then file order.
    """
    per_right: dict[str, list[tuple[tuple[int, int, int], CompiledRule]]] = {r: [] for r in rights}
    for index, rule in enumerate(rules):
        compiled = CompiledRule(
            rule=rule,
            id=rule.id,
            allowed=rule.effect == "permit",
            standing_reqs=rule.who.requirements(),
            context_reqs=rule.when.requirements(),
            after=rule.when.after,
            before=rule.when.before,
            timed=rule.when.after is not None or rule.when.before is not None,
            obligations=rule.obligations,
        )
        key = (-rule.specificity, 0 if rule.effect == "prohibit" else 1, index)
        for right in rule.rights:
            per_right.setdefault(right, []).append((key, compiled))
    return {
        right: tuple(c for _, c in sorted(entries, key=lambda e: e[0]))
        for right, entries in per_right.items()
    }
