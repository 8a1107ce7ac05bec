"""The vocabulary of modalities and the Modality itself: rights, groups, phases, procedures,
speaker order, outcome, and the rules (`rules.py`) that say who may do what.

Nothing here decides anything; `engine.decide` does, for a `Standing` in a `Context`
(`standing.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from roundtable.modalities.appeals import AppealChain, Disclosure
from roundtable.modalities.coalitions import CoalitionRules
from roundtable.modalities.composition import Composition
from roundtable.modalities.meeting_quorum import MeetingQuorum
from roundtable.modalities.rules import CompiledRule, Rule, compile_rules
from roundtable.modalities.seats import Seat


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
    #: At least this many stakeholder groups (``stakeholder_groups`` of the procedure) have a
    #: member voting yes (GNSO: "one representative from three of the four Stakeholder Groups").
    groups: int | None = None


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
    members: int | None = None
    secret: bool = False
    secret_statements: str = STATEMENTS_REFUSED
    description: str = ""
    #: Chamber votes: the stakeholder groups and the chamber each sits in, ``(("rysg",
    #: "contracted"), ...)``; a ballot names its voter's group (or none: a NomCom appointee).
    stakeholder_groups: tuple[tuple[str, str], ...] = ()
    #: Absentee ballots are counted when cast before the vote's close plus these hours.
    absentee_hours: int | None = None
    #: Who may cast a member's vote in their absence: ``proxy``, ``alternate`` (or neither).
    stand_ins: tuple[str, ...] = ()

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
    #: The appeals chain (``appeals:``) and the statements kept on file (``disclosures:``).
    appeals: AppealChain | None = None
    disclosures: tuple[Disclosure, ...] = ()
    #: The rule file's own labels: ``{"right:judge_consensus": {"fr": "...", ...}}``.
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Roles that are seats of a kind (observer, liaison...) and the limits on the seats
    #: (`seats.py`, `composition.py`); issue 12, richer standing.
    seats: tuple[Seat, ...] = ()
    composition: Composition | None = None
    #: How many members must be present for a meeting to do business (``quorum:``).
    quorum: MeetingQuorum | None = None
    #: What founding a dynamic coalition takes and when one is inactive (``coalitions:``).
    coalitions: CoalitionRules | None = None
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

    def seat(self, role: str) -> Seat | None:
        for seat in self.seats:
            if seat.role == role:
                return seat
        return None

    def disclosure(self, kind: str) -> Disclosure | None:
        for found in self.disclosures:
            if found.kind == kind:
                return found
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
