"""What live pages are told: one row per event, kept so a viewer who drops resumes losslessly."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class LiveEvent(models.Model):
    """An event on a channel (e.g. one meeting's). The id orders a channel's events: a viewer's
    `Last-Event-ID` is one of these, and the stream replays every later one."""

    id = models.BigAutoField(primary_key=True)
    channel = models.CharField(max_length=200)
    kind = models.CharField(max_length=100)
    data = models.JSONField(default=dict)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["channel", "id"], name="live_event_channel_id")]

    def __str__(self) -> str:
        return f"{self.channel} #{self.id} {self.kind}"


class LiveHorizon(models.Model):
    """One row: every event up to `pruned_through` may have been deleted (retention.py), so a
    viewer resuming from before it is told to reload instead of silently missing events."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    pruned_through = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"events pruned through #{self.pruned_through}"
