"""Mail the lists send to one person: confirmations of joining or leaving, and what the sender
of a held post is told (held; then approved or rejected). Queued in the outbox, delivered by
the worker, bounces charged through VERP."""

from __future__ import annotations

from email.message import EmailMessage

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from roundtable.outbox.actions import enqueue_mail
from roundtable.permissions.actor import Actor

from . import tokens
from .models import HeldMessage, MailingList
from .subscriptions import SUBSCRIBE, Request

CONFIRM_PREFIX = "confirm"


def compose(*, to: str, subject: str, body: str, reply_to: str = "") -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.DEFAULT_FROM_EMAIL
    message["To"] = to
    message["Subject"] = subject
    if reply_to:
        message["Reply-To"] = reply_to
    message["Auto-Submitted"] = "auto-replied"
    message.set_content(body)
    return message


def send(*, actor: Actor, to: str, subject: str, body: str, purpose: str,
         reply_to: str = "") -> list[int]:  # fmt: skip
    message = compose(to=to, subject=subject, body=body, reply_to=reply_to)
    return enqueue_mail(actor=actor, to=[to], message=message, purpose=purpose)


def tell_confirm(actor: Actor, mailing_list: MailingList, request: Request) -> None:
    """Ask the address to confirm: reply to the message, or open the link."""
    if request.done:
        return
    link = reverse("lists:confirm", args=[request.token])
    if request.action == SUBSCRIBE:
        subject = _("Confirm your subscription to %(list)s") % {"list": mailing_list.address}
    else:
        subject = _("Confirm that you leave %(list)s") % {"list": mailing_list.address}
    body = _(
        "Reply to this message, or open %(link)s on the site, to confirm. "
        "If you did not ask for this, ignore this message."
    ) % {"link": link}
    send(actor=actor, to=request.subscription.email, subject=subject, body=body,
         purpose="list-confirm", reply_to=tokens.address(CONFIRM_PREFIX, request.token))  # fmt: skip


def tell_invite(actor: Actor, mailing_list: MailingList, request: Request) -> None:
    """Mail an invitation: accepting is the same confirmation as a subscription's."""
    if request.done:
        return
    link = reverse("lists:confirm", args=[request.token])
    subject = _("Invitation to subscribe to %(list)s") % {"list": mailing_list.address}
    body = _(
        "You are invited to subscribe to %(name)s (%(list)s). Reply to this message, or open "
        "%(link)s on the site, to accept. You are not subscribed until you accept; if you do "
        "not want to be, ignore this message."
    ) % {"name": mailing_list.name, "list": mailing_list.address, "link": link}
    send(actor=actor, to=request.subscription.email, subject=subject, body=body,
         purpose="list-invite", reply_to=tokens.address(CONFIRM_PREFIX, request.token))  # fmt: skip


def tell_held(actor: Actor, held: HeldMessage) -> None:
    if not held.sender:
        return
    send(
        actor=actor, to=held.sender, purpose="list-held",
        subject=_("Your message to %(list)s waits for a moderator")
        % {"list": held.mailing_list.address},
        body=_("Your message “%(subject)s” is held for moderation. You will be told when a "
               "moderator has decided.") % {"subject": held.subject},
    )  # fmt: skip


def tell_decided(actor: Actor, held: HeldMessage) -> None:
    if not held.sender:
        return
    if held.status == HeldMessage.APPROVED:
        body = _("A moderator approved your message “%(subject)s”: it is on the list.") % {
            "subject": held.subject
        }
    else:
        body = _("A moderator rejected your message “%(subject)s”. The reason given: %(reason)s") % {
            "subject": held.subject, "reason": held.reason,
        }  # fmt: skip
    send(actor=actor, to=held.sender, purpose="list-moderated", body=body,
         subject=_("Your message to %(list)s") % {"list": held.mailing_list.address})  # fmt: skip
