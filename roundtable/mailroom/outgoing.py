"""The mail `roundtable lmtp` sends back: confirmations, moderation notices, notifications with
a reply address. Composed here as standard messages; handed to the outbox (queued, delivered
by the worker) by `send`."""

from __future__ import annotations

from email.message import EmailMessage

from django.conf import settings
from django.core.mail import EmailMessage as DjangoMessage
from django.core.mail import get_connection

from roundtable.permissions.actor import Actor


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


def send(*, actor: Actor, to: list[str], message: EmailMessage, purpose: str) -> int:
    """Send through the site's mail backend (the outbox takes this over where it exists)."""
    headers = {"Auto-Submitted": "auto-replied", "X-Roundtable-Purpose": purpose}
    reply_to = [str(message["Reply-To"])] if message["Reply-To"] else None
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    outgoing = DjangoMessage(
        subject=str(message["Subject"] or ""),
        body=text,
        from_email=str(message["From"] or settings.DEFAULT_FROM_EMAIL),
        to=to,
        reply_to=reply_to,
        headers=headers,
    )
    return get_connection(fail_silently=True).send_messages([outgoing]) or 0
