"""Reads about a venue's seats (issue 12, richer standing): which modalities of the venue
declare seats, who holds them, and the composition against its limits.

A venue's modalities are its default modality and every preset that names the venue
(``venue: igf`` in igf-mag): a MAG member's seat is given at the IGF, whatever the IGF's
default modality. The first modality that declares a role as a seat decides its kind and
limits. Pure decisions are the engine's (`roundtable.modalities.composition`); this module
only counts.
"""

from __future__ import annotations

from collections import Counter
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from roundtable.modalities.composition import Admission, Composition, admit, admit_term
from roundtable.modalities.loader import load_modality
from roundtable.modalities.model import Modality
from roundtable.modalities.rulefile import ModalityError
from roundtable.modalities.seats import SEAT_KINDS, Seat
from roundtable.permissions.registry import preset_names, process_modality

from .models import SeatTerm, Venue, VenueRole


def venue_modalities(venue: Venue) -> list[Modality]:
    """The venue's default modality, then the presets that name the venue, by name."""
    found: list[Modality] = []
    # An unknown default modality declares no seats.
    with suppress(ModalityError):
        found.append(process_modality(venue.default_modality))
    for name in sorted(preset_names()):
        modality = load_modality(name)
        if modality.venue == venue.slug and all(m.name != name for m in found):
            found.append(modality)
    return found


def seat_at(venue: Venue, role: str) -> tuple[Modality, Seat] | None:
    """The modality that makes ``role`` a seat at this venue, and the seat; None if none does."""
    for modality in venue_modalities(venue):
        seat = modality.seat(role)
        if seat is not None:
            return modality, seat
    return None


def seat_roles(venue: Venue) -> list[str]:
    """Every role that is a seat at the venue, in the modalities' order."""
    roles: list[str] = []
    for modality in venue_modalities(venue):
        roles.extend(s.role for s in modality.seats if s.role not in roles)
    return roles


def seats_taken_by_group(venue: Venue, composition: Composition, year: int) -> dict[str, int]:
    """Seats of the composition held in ``year`` at the venue, per stakeholder group."""
    rows = (
        SeatTerm.objects.filter(venue=venue, role__in=composition.roles, year=year)
        .values("group")
        .annotate(n=Count("id"))
    )
    return {row["group"]: row["n"] for row in rows}


def years_held(venue: Venue, user: Any, role: str) -> list[int]:
    return list(
        SeatTerm.objects.filter(venue=venue, user=user, role=role).values_list("year", flat=True)
    )


def admissions_for(
    venue: Venue, modality: Modality, seat: Seat, *, user: Any, group: str, year: int
) -> list[Admission]:
    """The engine's answers for this seat: its composition's, then its term limit's (empty:
    nothing limits this seat)."""
    answers: list[Admission] = []
    composition = modality.composition
    if composition is not None and seat.role in composition.roles:
        answers.append(admit(seats_taken_by_group(venue, composition, year), group, composition))
    if seat.term_limited:
        answers.append(admit_term(modality.name, seat, years_held(venue, user, seat.role), year))
    return answers


@dataclass(frozen=True)
class GroupRow:
    group: str
    taken: int
    allowed: int | None
    percent: str
    full: bool


@dataclass(frozen=True)
class SeatRow:
    seat: Seat
    holders: int


@dataclass(frozen=True)
class ModalitySeats:
    """One modality's seats at a venue: by kind, and its composition in a year."""

    modality: Modality
    kinds: list[tuple[str, list[SeatRow]]]
    composition: Composition | None
    groups: list[GroupRow]
    taken: int


def overview(venue: Venue, year: int) -> list[ModalitySeats]:
    """For every modality of the venue that declares seats: holders and the composition."""
    held = Counter(VenueRole.objects.filter(venue=venue).values_list("role", flat=True))
    out: list[ModalitySeats] = []
    for modality in venue_modalities(venue):
        if not modality.seats:
            continue
        kinds = [
            (kind, [SeatRow(s, held.get(s.role, 0)) for s in modality.seats if s.kind == kind])
            for kind in SEAT_KINDS
            if any(s.kind == kind for s in modality.seats)
        ]
        composition = modality.composition
        groups: list[GroupRow] = []
        taken = 0
        if composition is not None:
            counts = seats_taken_by_group(venue, composition, year)
            taken = sum(counts.values())
            names = [g for g, _ in composition.shares]
            names += sorted(g for g in counts if g not in names)
            for group in names:
                allowed = composition.seats_for(group)
                share = composition.share(group)
                groups.append(
                    GroupRow(
                        group=group,
                        taken=counts.get(group, 0),
                        allowed=allowed,
                        percent=f"{float(share) * 100:.4g}%" if share is not None else "",
                        full=allowed is not None and counts.get(group, 0) >= allowed,
                    )
                )
        out.append(ModalitySeats(modality, kinds, composition, groups, taken))
    return out
