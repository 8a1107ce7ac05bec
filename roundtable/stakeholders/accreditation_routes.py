"""How people came to be accredited at a venue: by right or by decision (issue 12, richer
standing), for the venue's seats page.

By right: the venue applies an automatic accreditation rule (participation.yaml:
``ecosoc-status``, ``itu-sector-member``) and the accreditation's basis is that rule
(``rule:ecosoc-status``). By decision: the secretariat decided on the application (basis
``secretariat``). WSIS Arrangements for accreditation (First PrepCom, 2002): ECOSOC-accredited
NGOs and ITU Sector Members "As a rule ... shall be considered as accredited"; others apply.
An accreditation is the venue's, so it carries over to every process and session there (ITU
WSIS accreditation page: accreditation to one PrepCom holds for "all subsequent preparatory
sessions ... unless the PrepCom or the Summit decides otherwise").
"""

from __future__ import annotations

from dataclasses import dataclass

from roundtable.venues.models import Venue

from .models import Accreditation

BY_RIGHT_PREFIX = "rule:"


@dataclass(frozen=True)
class Routes:
    #: The automatic accreditation rules the venue applies (codes of participation.yaml).
    rules: tuple[str, ...]
    by_right: int
    by_decision: int


def accreditation_routes(venue: Venue) -> Routes:
    """Approved accreditations at the venue, counted by how they were granted."""
    bases = Accreditation.objects.filter(
        venue=venue, status=Accreditation.Status.APPROVED
    ).values_list("basis", flat=True)
    by_right = sum(1 for basis in bases if basis.startswith(BY_RIGHT_PREFIX))
    return Routes(
        rules=tuple(venue.automatic_accreditation),
        by_right=by_right,
        by_decision=len(bases) - by_right,
    )
