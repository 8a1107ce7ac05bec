"""Reads: is machine translation on at a venue."""

from __future__ import annotations

from roundtable.venues.models import Venue

from .models import VenueSwitch


def is_on_at(venue: Venue) -> bool:
    """The venue's switch (off when the secretariat never turned it on)."""
    return VenueSwitch.objects.filter(venue=venue, enabled=True).exists()
