"""Who acts and where: a participant's standing and the context of an act, as frozen values.

Both precompute a set of "features" (``group:civil-society``, ``phase:adoption``...) when they
are built, so that matching a rule is a handful of ``frozenset.isdisjoint`` calls (see
`engine.py`; the rules' side of the match is in `rules.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime


def _frozen(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(values) if values is not None else frozenset()


# The "not ..." facts every standing carries: true of most people, so never worth saying.
NEGATIVE_FACTS = frozenset(
    {"not-accredited", "not-head-of-delegation", "organisation-not-confirmed"}
)


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
