"""Which phase is current. The ONE place that reads the clock against phase dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TypeVar

from django.utils import timezone

P = TypeVar("P")


def current_phase(phases: Iterable[P], *, now: datetime | None = None) -> P | None:
    """The phase whose inclusive day range holds `now` (UTC day), or None between phases.

    Phases of a process never overlap (the actions refuse it), so at most one matches.
    `phases` are objects with `starts_on` and `ends_on` dates; `now` defaults to the clock.
    """
    moment = now if now is not None else timezone.now()
    today = moment.astimezone(UTC).date()
    for phase in phases:
        if phase.starts_on <= today <= phase.ends_on:  # type: ignore[attr-defined]
            return phase
    return None
