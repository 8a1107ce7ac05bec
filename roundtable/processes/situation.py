"""Where a process stands now: its current phase, the modality in force and the engine context.

Views, the API and actions all take the context for the door from here, so a page and the
action behind its button always ask the engine the same question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from .clock import current_phase
from .models import Phase, Process


@dataclass(frozen=True)
class Situation:
    process: Process
    phase: Phase | None
    modality: str
    now: datetime
    simulated: bool = False
    context: dict[str, Any] = field(default_factory=dict)


def viewable_modalities(process: Process) -> list[str]:
    """The modality in force first, then those the process may be viewed (simulated) under."""
    names = [process.effective_modality]
    names += [m for m in process.alternative_modalities if m not in names]
    return names


def situation(
    process: Process,
    *,
    now: datetime | None = None,
    phases: Sequence[Phase] | None = None,
    view: str | None = None,
) -> Situation:
    """The process now. `view` picks one of `viewable_modalities` to simulate (read-only)."""
    moment = now or timezone.now()
    phase = current_phase(phases if phases is not None else process.phases.all(), now=moment)
    modality = (phase.modality if phase is not None and phase.modality else "") or (
        process.effective_modality
    )
    simulated = False
    if view and view != modality and view in viewable_modalities(process):
        modality, simulated = view, True
    context: dict[str, Any] = {
        "venue": process.venue.slug,
        "issues": frozenset(process.topics),
        "phase": phase.kind if phase is not None else None,
        "day": (phase.day or None) if phase is not None else None,
        "time": moment,
    }
    return Situation(process, phase, modality, moment, simulated, context)
