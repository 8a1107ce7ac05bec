"""Quorum of a meeting (``quorum:`` in a rule file): how many members must be present for the
meeting to do business, counted over the attendance the chair recorded.

A rule file says what share of its members' seats must be present, how many seats there are,
which roles hold them, and whether a member taking part remotely counts as present::

    quorum:
      share: "> 1/2"
      members: 20
      roles: [councilor]
      remote_counts: true
      source: GNSO Operating Procedures ...

The answer is a decision like any other: met or not, the figures, and the rule's id
``<modality>/meeting-quorum`` so that a reader can say in any language why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

RULE = "meeting-quorum"


@dataclass(frozen=True, slots=True)
class MeetingQuorum:
    modality: str
    #: The share as a fraction, strictly exceeded or not (``> 1/2``: 1, 2, True).
    numerator: int
    denominator: int
    strict: bool
    members: int
    roles: tuple[str, ...] = ()
    remote_counts: bool = True
    description: str = ""
    source: str = ""

    @property
    def share(self) -> str:
        return f"{'>' if self.strict else '>='} {self.numerator}/{self.denominator}"

    @property
    def rule(self) -> str:
        return f"{self.modality}/{RULE}"

    def needed(self) -> int:
        """The fewest members present that meet the share."""
        bar = Fraction(self.numerator, self.denominator) * self.members
        whole = int(bar)
        if self.strict or whole < bar:
            return whole + 1
        return whole


@dataclass(frozen=True, slots=True)
class QuorumCount:
    rule: str
    met: bool
    present: int
    members: int
    needed: int
    share: str
    source: str

    @property
    def reason(self) -> str:
        state = "quorum met" if self.met else "no quorum"
        return (
            f"{state}: {self.present} of {self.members} members present "
            f"({self.needed} needed, {self.share}), rule {self.rule}"
        )

    def as_data(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "met": self.met,
            "present": self.present,
            "members": self.members,
            "needed": self.needed,
            "share": self.share,
            "source": self.source,
            "reason": self.reason,
        }


def count(quorum: MeetingQuorum, present: int) -> QuorumCount:
    """Whether ``present`` members (already filtered by role and presence) make the quorum."""
    needed = quorum.needed()
    return QuorumCount(
        rule=quorum.rule,
        met=present >= needed,
        present=present,
        members=quorum.members,
        needed=needed,
        share=quorum.share,
        source=quorum.source,
    )


def counts_as_member(quorum: MeetingQuorum, roles: Iterable[str]) -> bool:
    """A person counts toward quorum when they hold a seat's role (any person, when the rule
    names no role)."""
    return not quorum.roles or any(role in quorum.roles for role in roles)


def build_meeting_quorum(
    spec: Mapping[str, Any] | None,
    *,
    modality: str,
    roles: Sequence[str],
    threshold: Callable[[str], tuple[int, int, bool]],
    fail: Callable[[tuple[str | int, ...], str], None],
    inherited: MeetingQuorum | None = None,
) -> MeetingQuorum | None:
    if spec is None:
        if inherited is None:
            return None
        return MeetingQuorum(**{**_fields(inherited), "modality": modality})
    for index, role in enumerate(spec.get("roles", [])):
        if role not in roles:
            fail(("quorum", "roles", index), f"unknown role {role!r}")
    numerator, denominator, strict = threshold(spec["share"])
    return MeetingQuorum(
        modality=modality,
        numerator=numerator,
        denominator=denominator,
        strict=strict,
        members=spec["members"],
        roles=tuple(spec.get("roles", ())),
        remote_counts=spec.get("remote_counts", True),
        description=spec.get("description", ""),
        source=spec.get("source", ""),
    )


def _fields(q: MeetingQuorum) -> dict[str, Any]:
    return {name: getattr(q, name) for name in MeetingQuorum.__slots__}
