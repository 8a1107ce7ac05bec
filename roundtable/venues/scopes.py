"""Where a venue's rows sit for the shared-page cache (audit/scopes.py)."""

from __future__ import annotations

from django.db import models

from roundtable.audit.scopes import VENUE, VENUE_SELF, register, scope

from .models import Venue


def venue_row(row: models.Model) -> set[str]:
    # Its own row is read by every page under it (name, settings): self and subtree.
    return {scope(VENUE_SELF, row.pk), scope(VENUE, row.pk)}


def register_scopes() -> None:
    register(Venue, venue_row)
