"""REST read of a venue's seats (issue 12, richer standing): seats by kind with their holders,
and each composition of the year against its limits. Hung from the participants' router
(api.py). A venue's seats are a public record, like the venue."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from roundtable.outputs.errors import Error
from roundtable.permissions.door import require
from roundtable.venues.queries import get_venue
from roundtable.venues.seats import overview

from .roles import FIRST_YEAR, LAST_YEAR
from .schemas import CompositionOut, GroupSeatsOut, ModalitySeatsOut, SeatOut, VenueSeatsOut

router = Router()


@router.get(
    "/venues/{venue}/seats",
    response={200: VenueSeatsOut, 400: Error, 403: Error, 404: Error},
    tags=["venues"],
)
def venue_seats(request: HttpRequest, venue: str, year: int | None = None) -> Any:
    """Seats by kind (member, observer, liaison, ex officio) and how many hold each; the
    composition of ``year`` (this year by default): seats held per stakeholder group against
    the share and capacity the modality allows."""
    require(request, right="observe", modality="platform")
    found = get_venue(viewer=request.user, slug=venue)
    when = year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else timezone.now().year
    out: list[ModalitySeatsOut] = []
    for entry in overview(found, when):
        composition = entry.composition
        out.append(
            ModalitySeatsOut(
                modality=entry.modality.name,
                seats=[
                    SeatOut(
                        role=row.seat.role,
                        kind=kind,
                        holders=row.holders,
                        term_years=row.seat.term_years,
                        max_consecutive_terms=row.seat.max_consecutive_terms,
                    )
                    for kind, rows in entry.kinds
                    for row in rows
                ],
                composition=CompositionOut(
                    seats=list(composition.roles),
                    capacity=composition.capacity,
                    taken=entry.taken,
                    groups=[
                        GroupSeatsOut(
                            group=g.group, share=g.percent, taken=g.taken, allowed=g.allowed
                        )
                        for g in entry.groups
                    ],
                    source=composition.source,
                )
                if composition is not None
                else None,
            )
        )
    return VenueSeatsOut(venue=found.slug, year=when, modalities=out)
