"""Writes for subscriptions: subscribe and unsubscribe (by web, API or email command), confirmed
by a token sent to the address (`confirm+<token>@` or the confirmation page), and a moderator's
settings of a member (moderated, banned).

Anyone who may read a list may ask to join it (`observe`); a signed-in person asking for their
own account's address needs no confirmation (the account already proved the address).

An *invitation* (Mailman's word) is a subscription someone else asks for on an address, which
its owner accepts with the same confirmation (token by reply or link); an app above that
invites (coalitions: the founders at approval) is told of the acceptance by a hook it
registers at start-up, inside the confirmation's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from . import tokens
from .models import MailingList, Subscription
from .posting import account_for, list_context
from .queries import list_modality

CONFIRM = "list-confirm"
SUBSCRIBE = "s"
UNSUBSCRIBE = "u"
INVITE = "i"

#: (actor, subscription) -> None: an invited address has just been subscribed by accepting.
InvitationHook = Callable[[Actor, Subscription], None]
_accepted_hooks: list[InvitationHook] = []


def register_invitation_hook(hook: InvitationHook) -> None:
    if hook not in _accepted_hooks:
        _accepted_hooks.append(hook)


@dataclass(frozen=True)
class Request:
    """A subscription asked for: done at once (`token` empty) or waiting for the token."""

    subscription: Subscription
    action: str
    token: str

    @property
    def done(self) -> bool:
        return not self.token


def _clean(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(_("Enter a valid email address."), code="email") from None
    return email


def _own(actor: Actor, email: str) -> bool:
    return actor.user is not None and actor.user.get_username().lower() == email


def confirm_token(subscription: Subscription, action: str) -> str:
    return tokens.sign(CONFIRM, action, str(subscription.pk))


def do_subscribe(*, actor: Actor, mailing_list: MailingList, email: str) -> Request:
    email = _clean(email)
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(
            mailing_list=mailing_list, email=email, defaults={"user": account_for(email)}
        )
        if subscription.confirmed_at is not None:
            return Request(subscription, SUBSCRIBE, "")
        if _own(actor, email):
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
            record_event(actor=actor, verb="lists.subscribe", target=mailing_list,
                         row=subscription, summary={"confirmed": True})  # fmt: skip
            return Request(subscription, SUBSCRIBE, "")
        if created:
            record_event(actor=actor, verb="lists.subscribe", target=mailing_list,
                         row=subscription, summary={"confirmed": False})  # fmt: skip
    return Request(subscription, SUBSCRIBE, confirm_token(subscription, SUBSCRIBE))


def do_invite(*, actor: Actor, mailing_list: MailingList, email: str) -> Request:
    """Invite an address: an unconfirmed subscription and the token that accepts it (mail it
    with `notices.tell_invite`). Nobody is subscribed by being invited, not even at their own
    account's address; an address already subscribed is done (empty token)."""
    email = _clean(email)
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(
            mailing_list=mailing_list, email=email, defaults={"user": account_for(email)}
        )
        if subscription.confirmed_at is not None:
            return Request(subscription, INVITE, "")
        record_event(actor=actor, verb="lists.invite", target=mailing_list,
                     row=subscription, summary={"new": created})  # fmt: skip
    return Request(subscription, INVITE, confirm_token(subscription, INVITE))


def check_subscribe(*, actor: Actor, mailing_list: MailingList, email: str) -> Request:
    require(actor, right="observe", modality=list_modality(mailing_list),
            context=list_context(mailing_list))  # fmt: skip
    return do_subscribe(actor=actor, mailing_list=mailing_list, email=email)


def do_unsubscribe(*, actor: Actor, mailing_list: MailingList, email: str) -> Request | None:
    """Leave at once (one's own address) or by token; None: the address is not subscribed."""
    email = _clean(email)
    subscription = Subscription.objects.filter(mailing_list=mailing_list, email=email).first()
    if subscription is None or subscription.confirmed_at is None:
        return None
    if _own(actor, email):
        _remove(actor, subscription)
        return Request(subscription, UNSUBSCRIBE, "")
    return Request(subscription, UNSUBSCRIBE, confirm_token(subscription, UNSUBSCRIBE))


def check_unsubscribe(*, actor: Actor, mailing_list: MailingList, email: str) -> Request | None:
    require(actor, right="observe", modality=list_modality(mailing_list),
            context=list_context(mailing_list))  # fmt: skip
    return do_unsubscribe(actor=actor, mailing_list=mailing_list, email=email)


def _remove(actor: Actor, subscription: Subscription) -> None:
    """Leaving keeps the row, unconfirmed (no longer a member): the audit trail's events name
    it, and a ban outlives leaving."""
    with transaction.atomic():
        subscription.confirmed_at = None
        subscription.save(update_fields=["confirmed_at"])
        record_event(actor=actor, verb="lists.unsubscribe", target=subscription.mailing_list,
                     row=subscription)  # fmt: skip


def do_confirm(*, actor: Actor, token: str) -> Request | None:
    """Carry out what a confirmation token asks; None for a bad or spent token. A token is
    the proof of the address, so no other right is asked."""
    parts = tokens.unsign(CONFIRM, token)
    if parts is None or len(parts) != 2 or not parts[1].isdigit():
        return None
    action, pk = parts[0], int(parts[1])
    subscription = Subscription.objects.filter(pk=pk).select_related("mailing_list").first()
    if subscription is None:
        return None
    if action in (SUBSCRIBE, INVITE):
        if subscription.confirmed_at is None and not subscription.banned:
            with transaction.atomic():
                subscription.confirmed_at = timezone.now()
                subscription.save(update_fields=["confirmed_at"])
                record_event(actor=actor, verb="lists.subscribe.confirmed",
                             target=subscription.mailing_list, row=subscription,
                             summary={"invited": action == INVITE})  # fmt: skip
                # Only when this acceptance subscribed them: one who had subscribed by
                # themselves meanwhile did not accept anything.
                for hook in _accepted_hooks if action == INVITE else ():
                    hook(actor, subscription)
        # Answered as a subscription: the pages, API and mail commands say "subscribed".
        return Request(subscription, SUBSCRIBE, "")
    if action == UNSUBSCRIBE:
        _remove(actor, subscription)
        return Request(subscription, UNSUBSCRIBE, "")
    return None


def do_set_member(
    *, actor: Actor, subscription: Subscription, moderated: bool, banned: bool
) -> Subscription:
    with transaction.atomic():
        subscription.moderated = moderated
        subscription.banned = banned
        subscription.save(update_fields=["moderated", "banned"])
        record_event(actor=actor, verb="lists.member", target=subscription.mailing_list,
                     row=subscription, summary={"moderated": moderated, "banned": banned})  # fmt: skip
    return subscription


def check_set_member(
    *, actor: Actor, subscription: Subscription, moderated: bool, banned: bool
) -> Subscription:
    mailing_list = subscription.mailing_list
    require(actor, right="moderate", modality=list_modality(mailing_list),
            context=list_context(mailing_list))  # fmt: skip
    return do_set_member(actor=actor, subscription=subscription, moderated=moderated,
                         banned=banned)  # fmt: skip
