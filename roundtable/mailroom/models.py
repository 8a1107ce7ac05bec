"""The spool of mail received by `roundtable lmtp`: each accepted message for each recipient is
committed here before the LMTP reply says 250, so a crash after the reply loses nothing; the
processor then archives it (or holds it, or records a reply) and marks it done."""

from __future__ import annotations

from django.db import models


class InboundMail(models.Model):
    PENDING = "pending"
    DONE = "done"
    REFUSED = "refused"
    FAILED = "failed"

    # What the recipient address is: a list post, a reply to a notification, a list command,
    # a confirmation, or a bounce (see `router.py`).
    kind = models.CharField(max_length=16)
    recipient = models.CharField(max_length=300)
    mail_from = models.CharField(max_length=300, blank=True)
    sender = models.CharField(max_length=300, blank=True)
    raw = models.BinaryField()
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=10, default=PENDING)
    # The outcome: the rule of a refusal or a hold, or what the message became.
    outcome = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.recipient} ({self.status})"
