"""One-click unsubscribe (RFC 8058): every member's copy carries a signed link; a POST to it with
`List-Unsubscribe=One-Click` ends the subscription, no sign-in asked. The token is the
authority (it names one subscription and only the site can make it); the door is still asked
whether the list may be read at all, as for any page of it.
"""

from __future__ import annotations

from django.core import signing
from django.db import transaction
from django.utils.crypto import salted_hmac

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from .models import MailingList, Subscription
from .queries import list_modality

SALT = "roundtable.lists.unsubscribe"
_SIGNER = signing.Signer(salt=SALT, sep=".")


def unsubscribe_token(subscription: Subscription) -> str:
    # The address is signed with the id: a token outlives neither the subscription nor a
    # re-use of its id by another address.
    return _SIGNER.sign(f"{subscription.pk}-{_hash(subscription.email)}")


def _hash(email: str) -> str:
    return salted_hmac(SALT, email.lower()).hexdigest()[:10]


def subscription_for_token(mailing_list: MailingList, token: str) -> Subscription | None:
    """The subscription a token names on this list, or None (forged, or already gone)."""
    try:
        value = _SIGNER.unsign(token[:200])
    except signing.BadSignature:
        return None
    pk, _dash, digest = value.partition("-")
    if not pk.isdigit() or len(pk) > 18:
        return None
    subscription = Subscription.objects.filter(pk=int(pk), mailing_list=mailing_list).first()
    if subscription is None or _hash(subscription.email) != digest:
        return None
    return subscription


def check_unsubscribe_by_token(
    *, actor: Actor, mailing_list: MailingList, token: str
) -> Subscription | None:
    require(actor, right="observe", modality=list_modality(mailing_list))
    return do_unsubscribe_by_token(actor=actor, mailing_list=mailing_list, token=token)


def do_unsubscribe_by_token(
    *, actor: Actor, mailing_list: MailingList, token: str
) -> Subscription | None:
    """End the subscription the token names; None when it names none (a second click too)."""
    with transaction.atomic():
        subscription = subscription_for_token(mailing_list, token)
        if subscription is None:
            return None
        pk, email = subscription.pk, subscription.email
        if subscription.banned:
            # A ban outlives leaving: the row stays, as a banned non-member.
            subscription.confirmed_at = None
            subscription.delivery = Subscription.NONE
            subscription.save(update_fields=["confirmed_at", "delivery"])
        else:
            subscription.delete()
        record_event(
            actor=actor,
            verb="lists.unsubscribe",
            target=mailing_list,
            summary={"subscription": pk, "how": "one-click"},
        )
        subscription.pk, subscription.email = pk, email
    return subscription
