"""List commands by email (`<list>-request@` with `subscribe` or `unsubscribe`, or
`<list>-join@` / `<list>-leave@`), confirmations (`confirm+<token>@`), what the sender of a
held post is told, fan-out of archived posts, and bounces."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import compat32

from django.urls import reverse
from django.utils.translation import gettext as _

from roundtable.lists import subscriptions, tokens
from roundtable.lists.models import HeldMessage, MailingList
from roundtable.lists.subscriptions import Request

from .intake import ACTOR
from .outgoing import compose, send

CONFIRM_PREFIX = "confirm"


def _words(raw: bytes) -> list[str]:
    """The command: the subject's first word, else the body's first non-empty line's."""
    try:
        parsed = BytesParser(policy=compat32).parsebytes(raw)
    except Exception:  # noqa: BLE001 - unreadable: no command
        return []
    subject = str(parsed.get("Subject", "") or "").strip().lower().split()
    if subject:
        return subject
    payload = parsed.get_payload(decode=True) if not parsed.is_multipart() else b""
    for line in (
        (payload if isinstance(payload, bytes) else b"").decode("utf-8", "replace").splitlines()
    ):
        if line.strip():
            return line.strip().lower().split()
    return []


def run_command(mailing_list: MailingList, command: str, sender: str, raw: bytes) -> str:
    words = [command] if command else _words(raw)
    verb = words[0] if words else "help"
    if not sender:
        return "no sender"
    if verb in ("subscribe", "join"):
        request = subscriptions.do_subscribe(actor=ACTOR, mailing_list=mailing_list, email=sender)
        _tell_confirm(mailing_list, request)
        return f"subscribe {request.subscription.pk}"
    if verb in ("unsubscribe", "leave"):
        left = subscriptions.do_unsubscribe(actor=ACTOR, mailing_list=mailing_list, email=sender)
        if left is not None:
            _tell_confirm(mailing_list, left)
        return "unsubscribe" if left is not None else "not subscribed"
    send(actor=ACTOR, to=[sender], purpose="list-help", message=compose(
        to=sender,
        subject=_("Commands for %(list)s") % {"list": mailing_list.address},
        body=_("Send “subscribe” or “unsubscribe” as the subject to %(address)s.")
        % {"address": mailing_list.address.replace("@", "-request@", 1)},
    ))  # fmt: skip
    return "help"


def _tell_confirm(mailing_list: MailingList, request: Request) -> None:
    if request.done:
        return
    email = request.subscription.email
    link = reverse("lists:confirm", args=[request.token])
    if request.action == subscriptions.SUBSCRIBE:
        subject = _("Confirm your subscription to %(list)s") % {"list": mailing_list.address}
    else:
        subject = _("Confirm that you leave %(list)s") % {"list": mailing_list.address}
    body = _(
        "Reply to this message, or open %(link)s on the site, to confirm. "
        "If you did not ask for this, ignore this message."
    ) % {"link": link}
    send(actor=ACTOR, to=[email], purpose="list-confirm", message=compose(
        to=email, subject=subject, body=body,
        reply_to=tokens.address(CONFIRM_PREFIX, request.token),
    ))  # fmt: skip


def confirm(token: str) -> str:
    done = subscriptions.do_confirm(actor=ACTOR, token=token)
    return "confirmation not valid" if done is None else f"confirmed {done.action}"


def tell_held(held: HeldMessage) -> None:
    """The sender of a held post is told it waits for a moderator."""
    if not held.sender:
        return
    send(actor=ACTOR, to=[held.sender], purpose="list-held", message=compose(
        to=held.sender,
        subject=_("Your message to %(list)s waits for a moderator")
        % {"list": held.mailing_list.address},
        body=_("Your message “%(subject)s” is held for moderation. You will be told when a "
               "moderator has decided.") % {"subject": held.subject},
    ))  # fmt: skip


def deliver(message_ids: list[int | None]) -> None:
    """Fan-out of newly archived posts to the members (the outbox's list delivery)."""
    return None


def bounce(recipient: str, raw: bytes) -> str:
    """A delivery failure to a member (VERP `bounces+...@`): the outbox scores it."""
    return "bounce noted"
