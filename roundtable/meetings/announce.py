"""Tell everyone watching a meeting that something changed (its live channel).

Called inside an action's transaction, after the door and the audit event: the event is
published on commit, so watchers never hear of a change that was rolled back.
"""

from __future__ import annotations

from roundtable.live.actions import publish

from .models import Meeting


def channel(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}"


def announce(meeting: Meeting, kind: str, data: dict[str, object] | None = None) -> int:
    return publish(channel=channel(meeting), kind=kind, data=data or {})
