"""Tell everyone watching a meeting that something changed (the live channel of the meeting).

Called inside an action's transaction, after the door and the audit event.
"""

from __future__ import annotations

from .models import Meeting


def channel(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}"


def announce(meeting: Meeting, kind: str, data: dict[str, object] | None = None) -> None:
    """Nothing to fan out to yet: the live channel arrives with roundtable.live."""
    del meeting, kind, data
