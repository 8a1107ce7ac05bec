"""Which rule file decides a meeting right, and the context the door is asked with.

Participation rights (`observe`, `attend`, `speak`) are the process's own modality's, asked in
the meeting's phase and kind of day. The house rights (`manage_meeting`, `chair_meeting`) fall
to `permissions/modalities/meetings.yaml` unless the process's modality declares them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from roundtable.modalities import Decision
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, get_modality, require
from roundtable.processes.models import Process
from roundtable.processes.reading import PUBLIC_RECORD
from roundtable.processes.situation import situation

from .models import Meeting

MEETINGS = "meetings"
HOUSE_RIGHTS = ("manage_meeting", "chair_meeting")


def rule_file(right: str, modality: str) -> str:
    if right in HOUSE_RIGHTS and right not in get_modality(modality).rights:
        return MEETINGS
    return modality


def meeting_context(process: Process, meeting: Meeting | None = None) -> tuple[str, dict[str, Any]]:
    """The modality in force and the engine context for `meeting` (or the process now)."""
    here = situation(process)
    context = dict(here.context)
    context["facts"] = frozenset({PUBLIC_RECORD})
    modality = here.modality
    if meeting is not None and meeting.phase is not None:
        context["phase"] = meeting.phase.kind
        context["day"] = meeting.phase.day or None
        modality = meeting.phase.modality or process.effective_modality
    if meeting is not None and meeting.day:
        context["day"] = meeting.day
    return modality, context


def decide_meeting(
    who: Actor | HttpRequest,
    *,
    right: str,
    process: Process,
    meeting: Meeting | None = None,
) -> Decision:
    modality, context = meeting_context(process, meeting)
    return decide(who, right=right, modality=rule_file(right, modality), context=context)


def require_meeting(
    who: Actor | HttpRequest,
    *,
    right: str,
    process: Process,
    meeting: Meeting | None = None,
) -> Decision:
    modality, context = meeting_context(process, meeting)
    return require(who, right=right, modality=rule_file(right, modality), context=context)
