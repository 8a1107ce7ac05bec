"""Composition and term limits: may one more seat be given to this group, to this person?

A modality's ``composition:`` says which seats it counts, how many there are in all
(``capacity``: the MAG's members, the room's seats of a preparatory group) and at most what
share of them each stakeholder group may hold (``shares``: governments "up to 40%"). A
seat's ``max_consecutive_terms`` says how many terms in a row one person may serve.

`admit` decides one more seat for a group from the seats each group already holds; it names
the limit that refuses, as a rule id: ``<modality>/capacity``, ``<modality>/share-<group>``;
`admit_term` decides a person's next term (``<modality>/<role>-term-limit``). Pure functions:
the caller counts the seats (the venues app for roles, the meetings app for registrations).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import floor

from roundtable.modalities.seats import Seat


@dataclass(frozen=True, slots=True)
class Composition:
    """The limits on a body's seats. ``shares``: (group, at most this fraction of capacity)."""

    modality: str
    roles: tuple[str, ...] = ()
    capacity: int | None = None
    shares: tuple[tuple[str, Fraction], ...] = ()
    description: str = ""
    source: str = ""

    @property
    def capacity_rule(self) -> str:
        return f"{self.modality}/capacity"

    def share_rule(self, group: str) -> str:
        return f"{self.modality}/share-{group}"

    def share(self, group: str) -> Fraction | None:
        return dict(self.shares).get(group)

    def seats_for(self, group: str) -> int | None:
        """The most seats ``group`` may hold: its share of the capacity, rounded down."""
        share = self.share(group)
        if share is None or self.capacity is None:
            return None
        return floor(share * self.capacity)


@dataclass(frozen=True, slots=True)
class Admission:
    """The answer: ``admitted``, and the ``rule`` that decided with the ``limit`` it checks.

    ``limit`` is ``capacity``, ``share``, ``term`` or ``none`` (nothing limits it); ``taken``
    and ``allowed`` are the numbers compared (seats, or consecutive terms).
    """

    admitted: bool
    rule: str
    limit: str
    group: str | None
    taken: int
    allowed: int | None
    reason: str
    source: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "admitted": self.admitted,
            "rule": self.rule,
            "limit": self.limit,
            "group": self.group,
            "taken": self.taken,
            "allowed": self.allowed,
            "reason": self.reason,
            "source": self.source,
        }


def admit(seats_taken_by_group: Mapping[str, int], group: str, limits: Composition) -> Admission:
    """May one more seat go to ``group``, given the seats each group holds now?

    The capacity is checked first (a full room refuses everyone), then the group's share.
    A group without a share is limited by the capacity alone.
    """
    total = sum(max(0, n) for n in seats_taken_by_group.values())
    mine = max(0, seats_taken_by_group.get(group, 0))
    if limits.capacity is not None and total + 1 > limits.capacity:
        return Admission(
            False,
            limits.capacity_rule,
            "capacity",
            group,
            total,
            limits.capacity,
            f"All {limits.capacity} seats are taken.",
            limits.source,
        )
    allowed = limits.seats_for(group)
    if allowed is not None and mine + 1 > allowed:
        share = limits.share(group)
        percent = f"{float(share) * 100:g}%" if share is not None else ""
        return Admission(
            False,
            limits.share_rule(group),
            "share",
            group,
            mine,
            allowed,
            f"The {group} group already holds {mine} of the {allowed} seats its share "
            f"({percent} of {limits.capacity}) allows.",
            limits.source,
        )
    if allowed is not None:
        return Admission(
            True,
            limits.share_rule(group),
            "share",
            group,
            mine,
            allowed,
            f"The {group} group holds {mine} of its {allowed} seats.",
            limits.source,
        )
    if limits.capacity is not None:
        return Admission(
            True,
            limits.capacity_rule,
            "capacity",
            group,
            total,
            limits.capacity,
            f"{total} of {limits.capacity} seats are taken.",
            limits.source,
        )
    return Admission(True, f"{limits.modality}/no-limit", "none", group, total, None, "")


def consecutive_terms(years_held: Iterable[int], year: int) -> int:
    """How many terms in a row end just before ``year`` (2023, 2024 held; 2025 -> 2)."""
    held = set(years_held)
    count = 0
    while year - 1 - count in held:
        count += 1
    return count


def admit_term(modality: str, seat: Seat, years_held: Iterable[int], year: int) -> Admission:
    """May this person serve the term beginning ``year`` in ``seat``, given the terms they held?

    Only one-year terms are counted by year (the only kind a preset has); a longer term counts
    as held in each of its years.
    """
    rule = f"{modality}/{seat.role}-term-limit"
    served = consecutive_terms(years_held, year)
    limit = seat.max_consecutive_terms
    if not seat.term_limited or limit is None:
        return Admission(True, rule, "none", None, served, None, "", seat.source)
    if served + 1 > limit:
        return Admission(
            False,
            rule,
            "term",
            None,
            served,
            limit,
            f"This person has served {served} consecutive terms; at most {limit} in a row.",
            seat.source,
        )
    return Admission(
        True,
        rule,
        "term",
        None,
        served,
        limit,
        f"Term {served + 1} in a row of at most {limit}.",
        seat.source,
    )
