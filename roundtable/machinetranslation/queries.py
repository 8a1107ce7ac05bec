"""Reads: is machine translation on at a venue, and may this reader ask for one there."""

from __future__ import annotations

from typing import Any

from roundtable.permissions.door import decide
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue

from . import providers
from .models import VenueSwitch


def is_on_at(venue: Venue) -> bool:
    """The venue's switch (off when the secretariat never turned it on)."""
    return VenueSwitch.objects.filter(venue=venue, enabled=True).exists()


def offered_to(who: Any, venue: Venue) -> bool:
    """Whether a page offers `who` a machine translation at `venue`: the switch on, a service
    named, and the door's yes (anyone signed in). Nothing is requested here."""
    return (
        is_on_at(venue)
        and providers.configured() is not None
        and decide(
            who,
            right="request_machine_translation",
            modality=PARTICIPATION,
            context={"venue": venue.slug},
        ).allowed
    )
