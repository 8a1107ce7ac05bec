"""What machinetranslation adds to the venue page (a page of an app below it; see
roundtable/outputs/parts.py): the switch, for those the door lets turn it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from roundtable.permissions.door import decide
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue

from . import providers
from .queries import is_on_at


def venue_part(request: HttpRequest, *, venue: Venue) -> dict[str, Any]:
    """`machine_switch`: whether the visitor may turn it, whether it is on, whether the site
    names a service (on without a service still sends nothing: the page says so)."""
    decision = decide(
        request,
        right="switch_machine_translation",
        modality=PARTICIPATION,
        context={"venue": venue.slug},
    )
    if not decision.allowed:
        return {"machine_switch": None}
    return {
        "machine_switch": {
            "on": is_on_at(venue),
            "configured": providers.configured() is not None,
        }
    }
