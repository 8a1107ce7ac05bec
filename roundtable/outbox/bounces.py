"""Bounces: a message to a VERP return path charges the copy it names.

The outbox does not know what a copy was for; the layer that sent it registers a hook for its
`reference` prefix (the lists: "lists.subscription") and updates its member there: the bounce
score, and disabling past ROUNDTABLE_BOUNCE_DISABLE_SCORE (docs/lists.md, "Bounces").
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from roundtable.audit.actions import record_event
from roundtable.mail.dsn import bounce_weight

from . import verp
from .models import OutgoingMessage

# (the bounced copy, the score the bounce adds) -> None; runs in the bounce's transaction.
BounceHook = Callable[[OutgoingMessage, float], None]
_HOOKS: dict[str, BounceHook] = {}
# How the audit trail names who acted: the mail system, on a message it received.
BOUNCE_ACTOR = "mail:bounce"


def register_bounce_hook(prefix: str, hook: BounceHook) -> None:
    """Let the layer that sends copies with references "<prefix>:<id>" take their bounces."""
    _HOOKS[prefix] = hook


def handle_bounce(*, recipient: str, raw: bytes) -> bool:
    """Take a bounce sent to `recipient` (our VERP address). False when the address is not
    ours, is forged, or names no copy; a copy's second bounce is taken but not counted again."""
    copy_id = verp.copy_id_of(recipient)
    if copy_id is None:
        return False
    weight = bounce_weight(raw)
    with transaction.atomic():
        copy = OutgoingMessage.objects.select_for_update().filter(pk=copy_id).first()
        if copy is None:
            return False
        if copy.bounced_at is not None or weight <= 0:
            return True
        copy.bounced_at = timezone.now()
        copy.last_error = f"bounced ({weight:g})"
        copy.save(update_fields=["bounced_at", "last_error"])
        record_event(
            actor=BOUNCE_ACTOR,
            verb="outbox.bounce",
            target=copy,
            summary={"weight": weight, "reference": copy.reference},
        )
        prefix = copy.reference.partition(":")[0]
        hook = _HOOKS.get(prefix)
        if hook is not None:
            hook(copy, weight)
    return True
