"""List commands by email (`<list>-request@` with `subscribe` or `unsubscribe`, or
`<list>-join@` / `<list>-leave@`), confirmations (`confirm+<token>@`), what the sender of a
held post is told, fan-out of archived posts, and bounces."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import compat32

from django.utils.translation import gettext as _

from roundtable.lists import notices, subscriptions
from roundtable.lists.models import MailingList
from roundtable.outbox.bounces import handle_bounce

from .intake import ACTOR


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
        notices.tell_confirm(ACTOR, mailing_list, request)
        return f"subscribe {request.subscription.pk}"
    if verb in ("unsubscribe", "leave"):
        left = subscriptions.do_unsubscribe(actor=ACTOR, mailing_list=mailing_list, email=sender)
        if left is not None:
            notices.tell_confirm(ACTOR, mailing_list, left)
        return "unsubscribe" if left is not None else "not subscribed"
    notices.send(
        actor=ACTOR, to=sender, purpose="list-help",
        subject=_("Commands for %(list)s") % {"list": mailing_list.address},
        body=_("Send “subscribe” or “unsubscribe” as the subject to %(address)s.")
        % {"address": mailing_list.address.replace("@", "-request@", 1)},
    )  # fmt: skip
    return "help"


def confirm(token: str) -> str:
    done = subscriptions.do_confirm(actor=ACTOR, token=token)
    return "confirmation not valid" if done is None else f"confirmed {done.action}"


def bounce(recipient: str, raw: bytes) -> str:
    """A delivery failure to a member (VERP `bounces+...@`): the outbox scores it."""
    return "bounce taken" if handle_bounce(recipient=recipient, raw=raw) else "not our bounce"
