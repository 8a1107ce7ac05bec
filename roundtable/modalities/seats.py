"""Kinds of seat: what holding a role means before any rule of the file is read.

A modality may say of a role that it is a seat of some kind (``seats:`` in a rule file):

- ``member``: a full seat; the file's own rules say what it may do. Counted in the
  composition (``composition.py``) when the composition names it; term limits apply.
- ``observer``: attends and follows the work; speaks only when invited (the context fact
  ``invited-to-speak``); never decides or votes (WSIS rules of procedure: observers
  participate "without the right to vote"; IGF MAG: IGOs "hold observer seats").
- ``liaison``: attends and speaks on an equal footing, never votes or decides (ICANN Bylaws on
  GNSO Council liaisons: "not members of or entitled to vote on the GNSO Council, but
  otherwise ... entitled to participate on equal footing").
- ``ex-officio``: sits by virtue of another office (a host country's co-chair): attends and
  speaks; votes or decides only if the seat says ``votes: true``. Its tenure follows the
  office, so term limits and composition shares do not apply to it.

The engine knows these kinds by generating rules for them (`seat_rules`), with ids
``<modality>/<role>-<what>``, so a decision about an observer names a rule like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roundtable.modalities.rules import Rule, When, Who

SEAT_KINDS: tuple[str, ...] = ("member", "observer", "liaison", "ex-officio")
#: The context fact that says an observer was given the floor by the chair.
INVITED = "invited-to-speak"
#: Rights that a seat of these kinds never holds, whatever the file's rules say.
NO_VOTE_KINDS: frozenset[str] = frozenset({"observer", "liaison"})
DECIDING_RIGHTS: frozenset[str] = frozenset({"vote", "decide"})


@dataclass(frozen=True, slots=True)
class Seat:
    """A role as a kind of seat, with its term limits (None: no limit)."""

    role: str
    kind: str
    term_years: int | None = None
    max_consecutive_terms: int | None = None
    votes: bool = False
    description: str = ""
    source: str = ""

    @property
    def term_limited(self) -> bool:
        return self.max_consecutive_terms is not None and self.kind != "ex-officio"

    @property
    def may_vote(self) -> bool:
        """Whether a seat of this kind may hold `vote`/`decide` at all."""
        if self.kind in NO_VOTE_KINDS:
            return False
        return self.votes if self.kind == "ex-officio" else True


def _rule(
    modality: str, seat: Seat, what: str, effect: str, rights: Iterable[str], because: str
) -> Rule:
    return Rule(
        id=f"{modality}/{seat.role}-{what}",
        effect="permit" if effect == "permit" else "prohibit",
        rights=frozenset(rights),
        who=Who(roles=frozenset({seat.role})),
        because=because,
        source=seat.source or f"seat kind {seat.kind}",
    )


def seat_rules(modality: str, seats: Iterable[Seat]) -> tuple[Rule, ...]:
    """The rules every seat of a kind gets (see the module's docstring); none for ``member``.

    They have the specificity of a one-role rule: a file's rule for the same role that also
    names a phase or a fact is more specific and decides first; the builder refuses a file
    rule that would let an observer or a liaison vote or decide.
    """
    out: list[Rule] = []
    for seat in seats:
        if seat.kind == "observer":
            out.append(
                _rule(
                    modality,
                    seat,
                    "observes",
                    "permit",
                    ("observe", "attend"),
                    "An observer seat attends and follows the work.",
                )
            )
            out.append(
                Rule(
                    id=f"{modality}/{seat.role}-speaks-when-invited",
                    effect="permit",
                    rights=frozenset({"speak"}),
                    who=Who(roles=frozenset({seat.role})),
                    when=When(facts=frozenset({INVITED})),
                    because="An observer speaks when the chair invites them to.",
                    source=seat.source or "seat kind observer",
                )
            )
            out.append(
                _rule(
                    modality,
                    seat,
                    "waits-for-invitation",
                    "prohibit",
                    ("speak",),
                    "An observer speaks only when the chair invites them to.",
                )
            )
            out.append(
                _rule(
                    modality,
                    seat,
                    "does-not-decide",
                    "prohibit",
                    DECIDING_RIGHTS,
                    "An observer seat takes no part in decisions.",
                )
            )
        elif seat.kind == "liaison":
            out.append(
                _rule(
                    modality,
                    seat,
                    "speaks",
                    "permit",
                    ("observe", "attend", "speak"),
                    "A liaison takes part in the discussion on an equal footing.",
                )
            )
            out.append(
                _rule(
                    modality,
                    seat,
                    "does-not-vote",
                    "prohibit",
                    DECIDING_RIGHTS,
                    "A liaison is not a member and has no vote.",
                )
            )
        elif seat.kind == "ex-officio":
            out.append(
                _rule(
                    modality,
                    seat,
                    "sits-ex-officio",
                    "permit",
                    ("observe", "attend", "speak"),
                    "An ex officio seat is held by virtue of another office.",
                )
            )
            if not seat.votes:
                out.append(
                    _rule(
                        modality,
                        seat,
                        "ex-officio-no-vote",
                        "prohibit",
                        DECIDING_RIGHTS,
                        "This ex officio seat carries no vote.",
                    )
                )
    return tuple(out)


def seats_by_kind(seats: Iterable[Seat]) -> dict[str, tuple[Seat, ...]]:
    """Seats grouped by kind, in `SEAT_KINDS` order (kinds without a seat are left out)."""
    found = list(seats)
    return {
        kind: tuple(s for s in found if s.kind == kind)
        for kind in SEAT_KINDS
        if any(s.kind == kind for s in found)
    }
