"""A coalition member's subscription to the coalition's list: joining subscribes them through
the lists app's own action (which asks the door `observe` under the list's modality and
confirms at once an account's own address); leaving unsubscribes them only when joining is
what subscribed them (`Member.subscribed_on_joining`): a subscription they had before stays
theirs.

Founders are invited at approval (`invite_founders`): the lists app mails each an invitation
that they accept like any subscription's confirmation (reply or link); accepting
(`founder_accepted`, the lists app's invitation hook, registered in `apps.py`) marks them as
subscribed by joining, so that leaving unsubscribes them as it does a member who joined."""

from __future__ import annotations

from roundtable.audit.actions import record_event
from roundtable.lists.models import Subscription
from roundtable.lists.notices import tell_invite
from roundtable.lists.subscriptions import check_subscribe, check_unsubscribe, do_invite
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


def invite_founders(actor: Actor, coalition: Coalition) -> int:
    """Invite each founder's account address to the new list (the approval's own actor, who
    was let review it, invites: no list right is asked). How many were mailed."""
    if coalition.mailing_list is None:
        return 0
    mailed = 0
    founders = Member.objects.filter(coalition=coalition, founding=True).select_related("user")
    for member in founders:
        if not member.user.email:
            continue
        request = do_invite(
            actor=actor, mailing_list=coalition.mailing_list, email=member.user.email
        )
        tell_invite(actor, coalition.mailing_list, request)
        if not request.done:
            mailed += 1
    return mailed


def founder_accepted(actor: Actor, subscription: Subscription) -> None:
    """A founder accepted the approval's invitation: as if joining had subscribed them."""
    if subscription.user_id is None:
        return
    members = Member.objects.filter(
        coalition__mailing_list=subscription.mailing_list_id, user=subscription.user_id,
        founding=True, subscribed_on_joining=False,
    ).select_related("coalition")  # fmt: skip
    for member in members:
        member.subscribed_on_joining = True
        member.save(update_fields=["subscribed_on_joining"])
        record_event(
            actor=actor, verb="coalition.founder_subscribed", target=member.coalition,
            row=member, summary={"list": subscription.mailing_list_id},
        )  # fmt: skip
