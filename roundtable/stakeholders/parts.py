"""What the stakeholders app adds to pages of the apps below it (see roundtable/outputs/parts.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from roundtable.venues.models import Venue

from .queries import list_my_accreditations


def venue_part(request: HttpRequest, *, venue: Venue) -> dict[str, Any]:
    """The venue page's accreditations of the visitor there."""
    return {"accreditations": list_my_accreditations(viewer=request.user, venue=venue)}
