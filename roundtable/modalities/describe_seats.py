"""Seats and composition in one line of English each, for docs/modalities.md and the CLI."""

from __future__ import annotations

from roundtable.modalities.composition import Composition
from roundtable.modalities.seats import Seat


def describe_seat(seat: Seat) -> str:
    """``member, one-year terms, at most 3 in a row``; ``observer``."""
    parts = [seat.kind]
    if seat.kind == "ex-officio":
        parts.append("votes" if seat.votes else "no vote")
    if seat.term_years is not None:
        parts.append(f"{seat.term_years}-year terms")
    if seat.max_consecutive_terms is not None:
        parts.append(f"at most {seat.max_consecutive_terms} in a row")
    return ", ".join(parts)


def describe_composition(composition: Composition) -> str:
    """``mag-member: 40 seats; government at most 40% (16)...``."""
    text = ", ".join(f"`{role}`" for role in composition.roles) + ":"
    if composition.capacity is not None:
        text += f" {composition.capacity} seats"
    shares = [
        f"{group} at most {float(share) * 100:.4g}% ({composition.seats_for(group)})"
        for group, share in composition.shares
    ]
    if shares:
        text += "; " + ", ".join(shares)
    return text
