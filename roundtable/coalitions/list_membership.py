"""A coalition member's subscription to the coalition's list: joining subscribes them through
the lists app's own action (which asks the door `observe` under the list's modality and
confirms at once an account's own address); leaving unsubscribes them only when joining is
what subscribed them (`Member.subscribed_on_joining`): a subscription they had before stays
theirs."""

from __future__ import annotations

from roundtable.lists.models import Subscription
from roundtable.lists.subscriptions import check_subscribe, check_unsubscribe
from roundtable.lists.tokens import mail_domain
from roundtable.permissions.actor import Actor

from .models import Coalition, Member


def list_address(venue: str, slug: str) -> str:
    """On the domain whose mail comes back to Roundtable (`ROUNDTABLE_MAIL_DOMAIN`, as the
    confirm+, reply+ and bounces+ addresses); the venue in the local part keeps the addresses
    of two venues' coalitions of one name apart."""
    return f"{venue}-dc-{slug}@{mail_domain()}"


def _address(actor: Actor) -> str:
    return actor.user.email if actor.user is not None else ""


def subscribe_on_joining(actor: Actor, coalition: Coalition) -> bool:
    """Subscribe the joining member's own address; True when this subscribed them (not when
    they were subscribed already, nor when the address waits for its confirmation)."""
    email = _address(actor)
    if coalition.mailing_list is None or not email:
        return False
    already = Subscription.objects.filter(
        mailing_list=coalition.mailing_list, email=email.lower(), confirmed_at__isnull=False
    ).exists()
    request = check_subscribe(actor=actor, mailing_list=coalition.mailing_list, email=email)
    return request.done and not already


def unsubscribe_on_leaving(actor: Actor, coalition: Coalition, member: Member) -> None:
    email = _address(actor)
    if member.subscribed_on_joining and coalition.mailing_list is not None and email:
        check_unsubscribe(actor=actor, mailing_list=coalition.mailing_list, email=email)
