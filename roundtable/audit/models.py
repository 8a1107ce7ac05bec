from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit event through the ORM."""


class Event(models.Model):
    """One thing that happened. Events are never updated or deleted; each carries the hash of
    the one before, so `roundtable audit verify` can find the first link that was tampered with.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    # The actor as text is what the hash covers: it survives the account's deletion.
    actor_label = models.CharField(max_length=255)
    verb = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=255, blank=True)
    summary = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    # The hash format (see chain.py): events written before format 2 keep verifying as format 1.
    format = models.PositiveSmallIntegerField(default=1)
    # The row the event describes (format 2): the target unless the action names another one
    # (a vote, a contribution, while the target stays the adoption or process whose history
    # lists the event), and its digest right after the action; "" when there is none.
    row_type = models.CharField(max_length=100, blank=True, default="")
    row_id = models.CharField(max_length=255, blank=True, default="")
    row_digest = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.seq} {self.verb} {self.target_type}:{self.target_id} by {self.actor_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Integrity guard, not business logic: the ORM may only ever insert an event.
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only.")


class ChainHead(models.Model):
    """A single row that serialises appends: whoever holds its lock writes the next link."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit chain head at #{self.seq}"


class ScopeGeneration(models.Model):
    """The sequence of the last event that touched a scope (audit/scopes.py): what the
    shared-page cache keys a page on instead of the whole chain's head."""

    scope = models.CharField(max_length=100, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope} at #{self.seq}"
