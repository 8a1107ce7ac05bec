"""Reading stored live events. No viewer argument: the view that streams a channel has already
asked the door whether this viewer may follow it."""

from __future__ import annotations

from django.db.models import Max, Q

from roundtable.live.models import LiveEvent, LiveHorizon


def latest_event_id(*, channel: str) -> int:
    """The newest event's id on `channel` (0 if none): a page renders it beside the state it
    shows, and its stream resumes after it, so nothing between render and connect is lost."""
    found = LiveEvent.objects.filter(channel=channel).aggregate(latest=Max("id"))["latest"]
    # Never below the horizon: a page resuming from there would be told to reload, forever.
    return max(int(found or 0), horizon())


def horizon() -> int:
    """The highest event id that may have been pruned (0: none ever was, retention.py)."""
    found = LiveHorizon.objects.filter(pk=1).values_list("pruned_through", flat=True).first()
    return int(found or 0)


def events_after(*, channel: str, after: int, limit: int) -> list[LiveEvent]:
    return list(LiveEvent.objects.filter(channel=channel, id__gt=after).order_by("id")[:limit])


def events_after_each(*, positions: dict[str, int], limit: int) -> list[LiveEvent]:
    """The events after each channel's position, in id order: one query for many channels."""
    wanted = Q()
    for channel, after in positions.items():
        wanted |= Q(channel=channel, id__gt=after)
    return list(LiveEvent.objects.filter(wanted).order_by("id")[:limit])
