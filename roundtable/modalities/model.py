"""The vocabulary of modalities as frozen values: rights, standing, context, rules, modalities.

Nothing here decides anything; `engine.decide` does. Standing and Context precompute a set of
"features" (``group:civil-society``, ``phase:adoption``...) when they are built, so that matching
a rule is a handful of ``frozenset.isdisjoint`` calls (see `engine.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal


class Right(StrEnum):
    """The core rights. A rule file may declare more (``rights: [judge_consensus]``)."""

    OBSERVE = "observe"
    ATTEND = "attend"
    SPEAK = "speak"
    SUBMIT_INPUT = "submit_input"
    COMMENT = "comment"
    PROPOSE_AMENDMENT = "propose_amendment"
    DECIDE = "decide"
    VOTE = "vote"


CORE_RIGHTS: tuple[str, ...] = tuple(r.value for r in Right)

#: Stakeholder groups every modality knows; a rule file may declare more (``groups: [...]``).
GROUPS: tuple[str, ...] = (
    "government",
    "private-sector",
    "civil-society",
    "technical-community",
    "intergovernmental",
    "academia",
)

#: Phase kinds (a modality lists the ones it uses, in process order, and may add its own).
PHASE_KINDS: tuple[str, ...] = (
    "exchange-of-views",
    "drafting",
    "adoption",
    "follow-up",
    "open-consultation",
    "last-call",
)

#: Procedure kinds that are votes (the others are consensus calls, or ``none``).
VOTE_KINDS: tuple[str, ...] = ("chamber-vote", "omov", "iesg-ballot")

Effect = Literal["permit", "prohibit"]


def _frozen(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(values) if values is not None else frozenset()


def _opt_frozen(values: Iterable[str] | None) -> frozenset[str] | None:
    return frozenset(values) if values is not None else None


@dataclass(frozen=True, slots=True)
class Standing:
    """What is true of a participant in a context.

    ``Standing.anonymous()`` is nobody in particular: a visitor who has not signed in.
    Sets may be given as any iterable of strings; they are stored as frozensets.
    """

    groups: AbstractSet[str] = frozenset()
    categories: AbstractSet[str] = frozenset()
    roles: AbstractSet[str] = frozenset()
    delegation: str | None = None
    head_of_delegation: bool = False
    accredited: bool = False
    coalitions: AbstractSet[str] = frozenset()
    anonymous: bool = False
    # Their organisation's focal point confirmed that they belong to it (see docs/modalities.md).
    organisation_confirmed: bool = False
    features: frozenset[str] = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        groups = _frozen(self.groups)
        categories = _frozen(self.categories)
        roles = _frozen(self.roles)
        coalitions = _frozen(self.coalitions)
        object.__setattr__(self, "groups", groups)
        object.__setattr__(self, "categories", categories)
        object.__setattr__(self, "roles", roles)
        object.__setattr__(self, "coalitions", coalitions)
        feats = {f"group:{g}" for g in groups}
        feats.update(f"category:{c}" for c in categories)
        feats.update(f"role:{r}" for r in roles)
        feats.update(f"coalition:{c}" for c in coalitions)
        if self.delegation is not None:
            feats.add(f"delegation:{self.delegation}")
        feats.add("head-of-delegation" if self.head_of_delegation else "not-head-of-delegation")
        feats.add("accredited" if self.accredited else "not-accredited")
        feats.add("anonymous" if self.anonymous else "signed-in")
        feats.add(
            "organisation-confirmed"
            if self.organisation_confirmed
            else "organisation-not-confirmed"
        )
        object.__setattr__(self, "features", frozenset(feats))
        key = (
            groups,
            categories,
            roles,
            self.delegation,
            self.head_of_delegation,
            self.accredited,
            coalitions,
            self.anonymous,
            self.organisation_confirmed,
        )
        object.__setattr__(self, "_hash", hash(key))

    def __hash__(self) -> int:
        return self._hash

    @classmethod
    def nobody(cls) -> Standing:
        """Anonymous standing: not signed in, no group, no role, not accredited."""
        return cls(anonymous=True)

    def describe(self) -> str:
        """A short phrase: ``group civil-society, accredited``."""
        if self.anonymous and not (self.groups or self.categories or self.roles):
            return "an anonymous visitor"
        parts: list[str] = []
        for label, values in (
            ("group", self.groups),
            ("category", self.categories),
            ("role", self.roles),
            ("coalition", self.coalitions),
        ):
            if values:
                parts.append(f"{label} {', '.join(sorted(values))}")
        if self.delegation:
            head = " (head)" if self.head_of_delegation else ""
            parts.append(f"delegation {self.delegation}{head}")
        if self.accredited:
            parts.append("accredited")
        if self.organisation_confirmed:
            parts.append("confirmed by their organisation")
        return ", ".join(parts) if parts else "a signed-in participant with no declared standing"


@dataclass(frozen=True, slots=True)
class Context:
    """Where and when a right is exercised. ``time`` must be timezone-aware when given."""

    venue: str | None = None
    issues: AbstractSet[str] = frozenset()
    phase: str | None = None
    day: str | None = None
    time: datetime | None = None
    # Facts about the person and the thing acted on: `is-author`, `designated-speaker`...
    facts: AbstractSet[str] = frozenset()
    features: frozenset[str] = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        issues = _frozen(self.issues)
        object.__setattr__(self, "issues", issues)
        facts = _frozen(self.facts)
        object.__setattr__(self, "facts", facts)
        if self.time is not None and self.time.utcoffset() is None:
            raise ValueError("Context.time must be timezone-aware")
        feats = {f"issue:{i}" for i in issues}
        feats.update(f"fact:{f}" for f in facts)
        for label, value in (("venue", self.venue), ("phase", self.phase), ("day", self.day)):
            if value is not None:
                feats.add(f"{label}:{value}")
        object.__setattr__(self, "features", frozenset(feats))
        object.__setattr__(
            self, "_hash", hash((self.venue, issues, self.phase, self.day, self.time, facts))
        )

    def __hash__(self) -> int:
        return self._hash

    def describe(self) -> str:
        """``in phase drafting at itu``; ``in any context`` when nothing is set."""
        parts: list[str] = []
        if self.phase:
            parts.append(f"in phase {self.phase}")
        if self.day:
            parts.append(f"on a {self.day} day")
        if self.venue:
            parts.append(f"at {self.venue}")
        if self.issues:
            parts.append(f"on {', '.join(sorted(self.issues))}")
        # The time is left out: it only matters to rules with a time window, and those name
        # their window in the reason themselves; a timestamp in every sentence is noise.
        return " ".join(parts) if parts else "in any context"


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
# The "not ..." facts every standing carries: true of most people, so never worth saying.
NEGATIVE_FACTS = frozenset(
    {"not-accredited", "not-head-of-delegation", "organisation-not-confirmed"}
)


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
class Threshold:
    """``> 1/2`` or ``>= 2/3``: a fraction and whether it must be strictly exceeded."""

    numerator: int
    denominator: int
    strict: bool

    def __str__(self) -> str:
        return f"{'>' if self.strict else '>='} {self.numerator}/{self.denominator}"


@dataclass(frozen=True, slots=True)
class Alternative:
    """One way a chamber vote passes: ``each`` chamber meets a threshold, or ``one`` chamber
    meets ``one`` and every ``other`` chamber meets ``other`` (either may be absent)."""

    each: Threshold | None = None
    one: Threshold | None = None
    other: Threshold | None = None


# What becomes of a secret voter's statement (`secret_statements` of a procedure).
STATEMENTS_REFUSED = "refused"
STATEMENTS_ANONYMOUS = "anonymous"


@dataclass(frozen=True, slots=True)
class Procedure:
    """An adoption procedure and its parameters (see `procedures.py` for each kind).

    ``secret``: a secret ballot (votes only): who voted how is never shown or audited, only
    the counts. The modality decides it, not whoever opens the vote.

    ``secret_statements``: what becomes of a reasoned statement (a vote's text, a minority
    statement) of a secret voter: ``refused`` (the default: a secret ballot carries no text) or
    ``anonymous`` (published with the adoption, without the voter's name, group or time).
    """

    name: str
    kind: str
    chambers: tuple[tuple[str, int], ...] = ()
    pass_if: tuple[Alternative, ...] = ()
    electorate: int | None = None
    quorum: Threshold | None = None
    threshold: Threshold | None = None
    levels: str = "plain"
    adopt_levels: tuple[str, ...] = ("full-consensus", "consensus")
    consensus_support: Threshold | None = None
    members: int | None = None
    secret: bool = False
    secret_statements: str = STATEMENTS_REFUSED
    description: str = ""

    @property
    def is_vote(self) -> bool:
        return self.kind in VOTE_KINDS

    @property
    def anonymous_statements(self) -> bool:
        """A secret ballot whose voters' statements are published without attribution."""
        return self.secret and self.secret_statements == STATEMENTS_ANONYMOUS


@dataclass(frozen=True, slots=True)
class Phase:
    name: str
    adoption: str = "none"
    min_days: int | None = None
    max_days: int | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Microphone:
    name: str
    groups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SpeakerPolicy:
    """How the floor is given: ``fcfs``, ``priority-tiers`` or ``rotation``.

    Every policy puts chair interventions (requests by a role in ``chair_roles``) first.
    ``priority-tiers`` and ``rotation`` order by the ``priority_tier`` obligation of the
    speak decision (1 first). ``rotation`` cycles through microphones, then remote slots.
    """

    policy: Literal["fcfs", "priority-tiers", "rotation"] = "fcfs"
    chair_roles: tuple[str, ...] = ("chair",)
    microphones: tuple[Microphone, ...] = ()
    remote_slots: int = 0
    slot_seconds: int | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str = "none"
    binding: bool = False
    minority_views: bool = False


@dataclass(frozen=True, eq=False)
class Modality:
    """The rules of one venue/process: rules plus vocabulary, phases, procedures, speaker order.

    Compare modalities by ``name``; equality is identity (engine caches key on it).
    """

    name: str
    title: str = ""
    venue: str | None = None
    extends: str | None = None
    rules: tuple[Rule, ...] = ()
    rights: tuple[str, ...] = CORE_RIGHTS
    groups: tuple[str, ...] = GROUPS
    categories: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    days: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    speaker_order: SpeakerPolicy = SpeakerPolicy()
    outcome: Outcome = Outcome()
    sources: tuple[str, ...] = ()
    description: str = ""
    origin: str = ""
    #: The rule file's own labels: ``{"right:judge_consensus": {"fr": "...", ...}}``.
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    compiled: Mapping[str, tuple[CompiledRule, ...]] = field(init=False, repr=False, compare=False)
    _by_id: Mapping[str, Rule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", compile_rules(self.rules, self.rights))
        object.__setattr__(self, "_by_id", {rule.id: rule for rule in self.rules})

    def phase(self, name: str) -> Phase | None:
        for phase in self.phases:
            if phase.name == name:
                return phase
        return None

    def procedure(self, name: str) -> Procedure | None:
        for procedure in self.procedures:
            if procedure.name == name:
                return procedure
        return None

    def rule(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    def label(self, term: str, language: str) -> str:
        """The file's label for ``term`` (``right:vote``, ``group:x``) in ``language``, or ``""``."""
        return self.labels.get(term, {}).get(language, "")

    def adoption_procedure(self, phase: str) -> Procedure | None:
        """The procedure that adopts texts in ``phase`` (None: nothing is adopted there)."""
        found = self.phase(phase)
        return self.procedure(found.adoption) if found is not None else None

    @property
    def default_phase(self) -> str | None:
        return self.phases[0].name if self.phases else None

    @property
    def default_deny_id(self) -> str:
        return f"{self.name}/default-deny"


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
