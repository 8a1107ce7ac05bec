"""A member's copy bounced (the outbox found it by its VERP return path): add the bounce's
weight to the subscription's score, and stop delivery past ROUNDTABLE_BOUNCE_DISABLE_SCORE.
Registered with the outbox in `ListsConfig.ready`."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from roundtable.audit.actions import record_event
from roundtable.outbox.bounces import BOUNCE_ACTOR
from roundtable.outbox.models import OutgoingMessage

from .models import Subscription

DISABLED_BY_BOUNCES = "bounces"


def charge_bounce(copy: OutgoingMessage, weight: float) -> None:
    """Runs inside the outbox's bounce transaction."""
    pk = copy.reference.partition(":")[2]
    if not pk.isdigit():
        return
    subscription = (
        Subscription.objects.select_for_update()
        .select_related("mailing_list")
        .filter(pk=int(pk))
        .first()
    )
    if subscription is None:
        return  # unsubscribed since: nothing to charge
    subscription.bounce_score += weight
    disable = subscription.disabled_at is None and subscription.bounce_score >= float(
        settings.ROUNDTABLE_BOUNCE_DISABLE_SCORE
    )
    if disable:
        subscription.disabled_at = timezone.now()
        subscription.disabled_reason = DISABLED_BY_BOUNCES
    subscription.save(update_fields=["bounce_score", "disabled_at", "disabled_reason"])
    record_event(
        actor=BOUNCE_ACTOR,
        verb="lists.disable" if disable else "lists.bounce",
        target=subscription.mailing_list,
        row=subscription,
        summary={"subscription": subscription.pk, "score": subscription.bounce_score},
    )
