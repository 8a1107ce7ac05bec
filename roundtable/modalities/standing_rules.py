"""The builder's part for ``seats:`` and ``composition:`` (issue 12, richer standing).

A seat declares its role (the builder adds it to ``roles``, so seats can sit in a block of
their own). Checked here, beyond the schema: a composition counts member seats and shares
declared groups; shares (each an upper bound, so they may add up to more than 100%) need a
capacity; no rule of the file lets
an observer, a liaison or a non-voting ex officio seat vote or decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, Protocol

from roundtable.modalities.composition import Composition
from roundtable.modalities.model import Modality
from roundtable.modalities.rulefile import Path_
from roundtable.modalities.rules import Rule
from roundtable.modalities.seats import DECIDING_RIGHTS, Seat, seat_rules


class _Builder(Protocol):
    name: str
    data: Mapping[str, Any]
    parent: Modality | None
    groups: tuple[str, ...]
    roles: tuple[str, ...]

    def fail(self, path: Path_, message: str, *, key: bool = False) -> None: ...


def _share(text: str) -> Fraction:
    """``"40%"`` -> 2/5; ``"1/3"`` -> 1/3."""
    if text.endswith("%"):
        return Fraction(text[:-1]) / 100
    num, den = text.split("/")
    return Fraction(int(num), int(den))


def build_seats(b: _Builder, rules: Sequence[Rule]) -> tuple[tuple[Seat, ...], tuple[Rule, ...]]:
    """The modality's seats (inherited ones first) and the rules for the seats this file adds."""
    inherited = {s.role: s for s in (b.parent.seats if b.parent else ())}
    added: list[Seat] = []
    for role, spec in b.data.get("seats", {}).items():
        path: Path_ = ("seats", role)
        if role in inherited:
            b.fail(path, f"{role!r} is already a seat of {b.parent.name if b.parent else ''}")
            continue
        kind = spec["kind"]
        if kind != "member" and kind != "ex-officio" and "votes" in spec:
            b.fail((*path, "votes"), f"an {kind} seat never votes; 'votes' is for ex-officio")
        if "max_consecutive_terms" in spec and kind == "ex-officio":
            b.fail(
                (*path, "max_consecutive_terms"),
                "an ex officio seat follows its office: it has no term limit of its own",
            )
        added.append(
            Seat(
                role=role,
                kind=kind,
                term_years=spec.get("term_years"),
                max_consecutive_terms=spec.get("max_consecutive_terms"),
                votes=bool(spec.get("votes", False)),
                description=spec.get("description", ""),
                source=spec.get("source", ""),
            )
        )
    generated = seat_rules(b.name, added)
    taken = {r.id for r in rules}
    for rule in generated:
        if rule.id in taken:
            b.fail(("rules",), f"rule id {rule.id!r} is the id of a rule of a seat kind")
    return (*inherited.values(), *added), generated


def build_composition(b: _Builder, seats: Sequence[Seat]) -> Composition | None:
    spec = b.data.get("composition")
    if spec is None:
        return b.parent.composition if b.parent else None
    path: Path_ = ("composition",)
    known = {s.role: s for s in seats}
    for index, role in enumerate(spec["seats"]):
        seat = known.get(role)
        if seat is None:
            b.fail((*path, "seats", index), f"{role!r} is not a seat (declare it under seats:)")
        elif seat.kind not in ("member",):
            b.fail(
                (*path, "seats", index),
                f"{role!r} is an {seat.kind} seat: only member seats count in a composition",
            )
    shares: list[tuple[str, Fraction]] = []
    for group, text in spec.get("shares", {}).items():
        if group not in b.groups:
            b.fail((*path, "shares", group), f"unknown group {group!r}", key=True)
            continue
        value = _share(text)
        if value > 1:
            b.fail((*path, "shares", group), f"a share of more than 100% ({text})")
        shares.append((group, value))
    if shares and "capacity" not in spec:
        b.fail(path, "shares are shares of a capacity: give capacity: <number of seats>")
    return Composition(
        modality=b.name,
        roles=tuple(spec["seats"]),
        capacity=spec.get("capacity"),
        shares=tuple(shares),
        description=spec.get("description", ""),
        source=spec.get("source", ""),
    )


def check_seat_rules(b: _Builder, seats: Sequence[Seat]) -> None:
    """Refuse a rule of the file that gives `vote` or `decide` to non-voting seats only."""
    mute = {s.role for s in seats if not s.may_vote}
    for index, spec in enumerate(b.data.get("rules", [])):
        roles = set(spec.get("who", {}).get("roles", []))
        rights = set(spec.get("permit", []))
        if roles and roles <= mute and rights & DECIDING_RIGHTS:
            b.fail(
                ("rules", index, "permit"),
                f"{', '.join(sorted(roles))}: an observer, liaison or non-voting ex officio seat "
                "does not vote or decide",
            )
