"""What goes into an adoption procedure and what comes out: ballots and tallies.

A `Ballot` is one participant's position; `normalise_ballots` checks a list of them against a
procedure kind (the positions it knows, one ballot per voter). A `Tally` is the outcome with
the arithmetic behind it. The procedures themselves are in `procedures.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

POSITIONS: Mapping[str, tuple[str, ...]] = {
    "none": ("support", "object", "abstain", "yes", "no"),
    "consensus": ("support", "object", "abstain"),
    "rough-consensus": ("support", "object", "abstain"),
    "chamber-vote": ("yes", "no", "abstain"),
    "omov": ("yes", "no", "abstain"),
    "iesg-ballot": ("yes", "no-objection", "discuss", "abstain", "recuse"),
}
#: How a ballot came: in the meeting, by absentee ballot, or cast by a stand-in.
VIAS: tuple[str, ...] = ("", "absentee", "proxy", "alternate")
_ALIASES = {"noobj": "no-objection", "no_objection": "no-objection", "objection": "object"}


class BallotError(ValueError):
    """Ballots that do not fit the procedure (unknown position or chamber, duplicates...)."""


@dataclass(frozen=True, slots=True)
class Ballot:
    """One participant's position. ``addressed`` (rough consensus: was this objection
    addressed?) and ``resolved`` (IESG: was this Discuss resolved?) apply to some kinds."""

    voter: str
    position: str
    chamber: str | None = None
    addressed: bool | None = None
    resolved: bool | None = None
    note: str = ""
    group: str | None = None
    via: str = ""
    cast_by: str = ""
    cast_at: datetime | None = None

    @classmethod
    def from_json(cls, item: Mapping[str, object]) -> Ballot:
        unknown = set(item) - {
            "voter", "position", "chamber", "addressed", "resolved", "note", "group", "via",
            "cast_by",
        }  # fmt: skip
        if unknown:
            raise BallotError(f"unknown ballot field(s): {', '.join(sorted(unknown))}")
        voter, position = item.get("voter"), item.get("position")
        if not isinstance(voter, str) or not isinstance(position, str):
            raise BallotError(f"a ballot needs string 'voter' and 'position': {dict(item)!r}")
        chamber = item.get("chamber")
        addressed, resolved = item.get("addressed"), item.get("resolved")
        if chamber is not None and not isinstance(chamber, str):
            raise BallotError(f"{voter}: 'chamber' must be a string")
        for name, flag in (("addressed", addressed), ("resolved", resolved)):
            if flag is not None and not isinstance(flag, bool):
                raise BallotError(f"{voter}: {name!r} must be true or false")
        note = item.get("note", "")
        group, via, cast_by = item.get("group"), item.get("via", ""), item.get("cast_by", "")
        if group is not None and not isinstance(group, str):
            raise BallotError(f"{voter}: 'group' must be a string")
        if via not in VIAS or not isinstance(cast_by, str):
            raise BallotError(f"{voter}: 'via' must be one of {', '.join(VIAS)}")
        return cls(
            voter=voter,
            position=position,
            chamber=chamber,
            addressed=addressed,  # type: ignore[arg-type]
            resolved=resolved,  # type: ignore[arg-type]
            note=str(note),
            group=group,
            via=str(via),
            cast_by=cast_by,
        )


@dataclass(frozen=True)
class Tally:
    """The outcome of a procedure and the arithmetic behind it (JSON-ready)."""

    procedure: str
    kind: str
    adopted: bool
    summary: str
    arithmetic: dict[str, object] = field(default_factory=dict)

    @property
    def outcome(self) -> str:
        return "adopted" if self.adopted else "not-adopted"

    def to_json(self) -> dict[str, object]:
        return {
            "procedure": self.procedure,
            "kind": self.kind,
            "outcome": self.outcome,
            "summary": self.summary,
            "arithmetic": self.arithmetic,
        }


def normalise_ballots(ballots: Iterable[Ballot], kind: str) -> list[Ballot]:
    """The ballots with their positions spelled as ``kind`` knows them; `BallotError` when a
    position is unknown or a voter votes twice."""
    allowed = POSITIONS[kind]
    seen: set[str] = set()
    out: list[Ballot] = []
    for ballot in ballots:
        position = ballot.position.strip().lower().replace("_", "-").replace(" ", "-")
        position = _ALIASES.get(position, position)
        if kind in ("consensus", "rough-consensus"):
            position = {"yes": "support", "no": "object"}.get(position, position)
        if position not in allowed:
            raise BallotError(
                f"{ballot.voter}: position {ballot.position!r} is not one of {', '.join(allowed)}"
            )
        if ballot.voter in seen:
            raise BallotError(f"{ballot.voter} voted twice")
        seen.add(ballot.voter)
        out.append(replace(ballot, position=position))
    return out
