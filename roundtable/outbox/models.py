"""One row per recipient copy of an outgoing message: the queue the workers drain.

A copy moves queued -> sending (claimed by one worker) -> sent (only once the SMTP server
accepted it) or failed (refused for good, or too old); on a connection error it goes back to
queued with `next_attempt_at` pushed out exponentially. See docs/lists.md, "Outgoing mail".
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class OutgoingMessage(models.Model):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    STATES = [(QUEUED, QUEUED), (SENDING, SENDING), (SENT, SENT), (FAILED, FAILED)]

    recipient = models.CharField(max_length=254)
    envelope_sender = models.CharField(max_length=300, blank=True)
    raw = models.BinaryField()
    purpose = models.CharField(max_length=64)
    # What the copy was sent for, as "<app>.<model>:<pk>" (a list subscription), so a bounce
    # can be charged to it without this layer knowing the lists.
    reference = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=16, choices=STATES, default=QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["state", "claimed_at"]),
            models.Index(fields=["reference"]),
        ]

    def __str__(self) -> str:
        return f"{self.pk} to {self.recipient} ({self.state})"
