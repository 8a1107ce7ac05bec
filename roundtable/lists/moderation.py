"""The moderation queue: a post the list's modality holds (`post_for_moderation`) waits here,
not archived, until a moderator approves it (then it is archived and sent like any post),
rejects it (with a reason the sender is told), or whitelists its sender (approved, and the
address becomes a member whose later posts go through)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require

from . import notices
from .live import deliver_posts, do_archive_messages
from .models import HeldMessage, MailingList, Subscription
from .posting import account_for, list_context
from .queries import list_modality


def do_hold_post(
    *, actor: Actor, mailing_list: MailingList, raw: bytes, sender: str, subject: str, rule: str
) -> HeldMessage:
    with transaction.atomic():
        held = HeldMessage.objects.create(
            mailing_list=mailing_list, raw=raw, sender=sender[:300], subject=subject, rule=rule
        )
        record_event(actor=actor, verb="lists.hold", target=mailing_list, row=held,
                     summary={"sender": sender, "rule": rule})  # fmt: skip
    return held


def _require_moderator(actor: Actor, mailing_list: MailingList) -> None:
    require(actor, right="moderate", modality=list_modality(mailing_list),
            context=list_context(mailing_list))  # fmt: skip


def _pending(held: HeldMessage) -> None:
    if held.status != HeldMessage.PENDING:
        raise ValidationError(_("This message has already been moderated."), code="moderated")


def do_approve_held(*, actor: Actor, held: HeldMessage) -> HeldMessage:
    with transaction.atomic():
        held = HeldMessage.objects.select_for_update().get(pk=held.pk)
        _pending(held)
        archived = do_archive_messages(
            actor=actor, mailing_list=held.mailing_list, raws=[(held.pk, bytes(held.raw))]
        )
        held.status = HeldMessage.APPROVED
        held.message_id = archived.message_ids[0]
        held.decided_by = actor.user
        held.decided_at = timezone.now()
        held.save(update_fields=["status", "message", "decided_by", "decided_at"])
        record_event(actor=actor, verb="lists.approve", target=held.mailing_list, row=held,
                     summary={"sender": held.sender})  # fmt: skip
        notices.tell_decided(actor, held)
        deliver_posts(actor=actor, message_ids=archived.message_ids)
    return held


def check_approve_held(*, actor: Actor, held: HeldMessage) -> HeldMessage:
    _require_moderator(actor, held.mailing_list)
    return do_approve_held(actor=actor, held=held)


def do_reject_held(*, actor: Actor, held: HeldMessage, reason: str) -> HeldMessage:
    if not reason.strip():
        raise ValidationError(_("Say why the message is rejected."), code="required")
    with transaction.atomic():
        held = HeldMessage.objects.select_for_update().get(pk=held.pk)
        _pending(held)
        held.status = HeldMessage.REJECTED
        held.reason = reason.strip()
        held.decided_by = actor.user
        held.decided_at = timezone.now()
        held.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        record_event(actor=actor, verb="lists.reject", target=held.mailing_list, row=held,
                     summary={"sender": held.sender, "reason": held.reason})  # fmt: skip
        notices.tell_decided(actor, held)
    return held


def check_reject_held(*, actor: Actor, held: HeldMessage, reason: str) -> HeldMessage:
    _require_moderator(actor, held.mailing_list)
    return do_reject_held(actor=actor, held=held, reason=reason)


def do_whitelist_sender(*, actor: Actor, held: HeldMessage) -> HeldMessage:
    """Approve the message and let its sender post from now on: a confirmed membership that
    receives no mail unless they choose so (they asked to post, not to receive)."""
    if not held.sender:
        raise ValidationError(_("This message has no sender address."), code="sender")
    with transaction.atomic():
        subscription, _created = Subscription.objects.get_or_create(
            mailing_list=held.mailing_list,
            email=held.sender.lower(),
            defaults={"user": account_for(held.sender), "delivery": Subscription.NONE},
        )
        subscription.moderated = False
        subscription.confirmed_at = subscription.confirmed_at or timezone.now()
        subscription.save(update_fields=["moderated", "confirmed_at"])
        record_event(actor=actor, verb="lists.whitelist", target=held.mailing_list,
                     row=subscription, summary={"sender": held.sender})  # fmt: skip
        return do_approve_held(actor=actor, held=held)


def check_whitelist_sender(*, actor: Actor, held: HeldMessage) -> HeldMessage:
    _require_moderator(actor, held.mailing_list)
    return do_whitelist_sender(actor=actor, held=held)
