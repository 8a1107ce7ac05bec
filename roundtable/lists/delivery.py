"""Mail out for lists: each member's copy of a posted message (docs/lists.md, "Outgoing mail").

A copy is the message as posted, with the list's headers (RFC 2369 List-Unsubscribe, -Post,
-Archive; RFC 2919 List-Id; RFC 8058 one-click; RFC 5064 Archived-At) and, when the sender's
domain publishes a strict DMARC policy, the From rewritten to the list as Mailman does
("Name via List <list@...>", Reply-To the sender): the list changes the message, so the
sender's DKIM signature would no longer vouch for a From in their domain. Copies are queued in
the outbox, in the caller's transaction, and sent by the workers; never inside a request.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterable
from email.message import Message as MimeMessage
from email.utils import formataddr, getaddresses

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from roundtable.audit.actions import record_event
from roundtable.outbox.actions import Copy, enqueue_copies
from roundtable.permissions.actor import Actor

from .models import DigestEntry, MailingList, Message, Subscription
from .unsubscribe import unsubscribe_token

REFERENCE = "lists.subscription"
PURPOSE = "lists.message"
WIRE = email.policy.compat32.clone(linesep="\r\n")
# Headers a list replaces on its way through (another list's, or forged ones).
REPLACED = (
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "List-Post",
    "List-Archive",
    "List-Help",
    "List-Subscribe",
    "List-Owner",
    "Archived-At",
    "Precedence",
)


def site_url(path: str) -> str:
    return f"{settings.ROUNDTABLE_SITE_URL}{path}"


def list_domain(mailing_list: MailingList) -> str:
    return mailing_list.address.rpartition("@")[2] or str(settings.ROUNDTABLE_MAIL_DOMAIN)


def list_id(mailing_list: MailingList) -> str:
    """RFC 2919: `<slug.domain>`, with the list's name as the phrase."""
    ident = f"<{mailing_list.slug}.{list_domain(mailing_list)}>"
    return f"{_phrase(mailing_list.name)} {ident}" if mailing_list.name else ident


def _phrase(text: str) -> str:
    return formataddr((text, "x@x")).rpartition(" <")[0]


def request_address(mailing_list: MailingList) -> str:
    local, _at, domain = mailing_list.address.partition("@")
    return f"{local}-request@{domain}"


def unsubscribe_url(subscription: Subscription) -> str:
    return site_url(
        reverse(
            "lists:unsubscribe",
            args=[subscription.mailing_list.slug, unsubscribe_token(subscription)],
        )
    )


def list_headers(mailing_list: MailingList, message: Message | None) -> list[tuple[str, str]]:
    """The headers every member's copy shares (List-Unsubscribe is each member's own)."""
    headers = [
        ("List-Id", list_id(mailing_list)),
        ("List-Post", f"<mailto:{mailing_list.address}>"),
        ("List-Archive", f"<{site_url(reverse('lists:list', args=[mailing_list.slug]))}>"),
        ("List-Help", f"<mailto:{request_address(mailing_list)}?subject=help>"),
        ("Precedence", "list"),
    ]
    if message is not None:
        path = reverse("lists:message", args=[mailing_list.slug, message.key])
        headers.append(("Archived-At", f"<{site_url(path)}>"))
    return headers


def member_headers(subscription: Subscription) -> bytes:
    """List-Unsubscribe (the member's signed https link, then mailto) and RFC 8058's POST."""
    mailto = f"mailto:{request_address(subscription.mailing_list)}?subject=unsubscribe"
    return (
        f"List-Unsubscribe: <{unsubscribe_url(subscription)}>,\r\n <{mailto}>\r\n"
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
    ).encode("ascii")


def dmarc_strict(address: str) -> bool:
    """The sender's domain (or a parent of it) is in ROUNDTABLE_DMARC_STRICT_DOMAINS."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(">")
    strict = {d.lower() for d in settings.ROUNDTABLE_DMARC_STRICT_DOMAINS}
    return any(domain == d or domain.endswith(f".{d}") for d in strict)


def rewrite_from(mime: MimeMessage, mailing_list: MailingList) -> bool:
    """From a DMARC-strict sender: "Name via List <list@...>", Reply-To the sender."""
    senders = getaddresses([str(mime.get("From", ""))])
    if not senders or not dmarc_strict(senders[0][1]):
        return False
    name, address = senders[0]
    with override(settings.LANGUAGE_CODE):
        shown = _("%(name)s via %(list)s") % {
            "name": name or address.partition("@")[0],
            "list": mailing_list.name or mailing_list.address,
        }
    original = str(mime["From"])
    del mime["From"]
    mime["From"] = formataddr((shown, mailing_list.address))
    if mime.get("Reply-To") is None:
        mime["Reply-To"] = original
    # The sender's signature no longer covers this From: the list's own MTA signs instead.
    del mime["DKIM-Signature"]
    return True


def prepare(message: Message, mailing_list: MailingList) -> bytes:
    """The copy's bytes shared by every member: list headers set, From rewritten if need be."""
    mime = email.message_from_bytes(bytes(message.raw))
    for name in REPLACED:
        del mime[name]
    rewrite_from(mime, mailing_list)
    for name, value in list_headers(mailing_list, message):
        mime[name] = value
    return mime.as_bytes(policy=WIRE)


def members(mailing_list: MailingList, delivery: str) -> QuerySet[Subscription]:
    """Confirmed, not banned, not disabled members who chose `delivery`."""
    return (
        Subscription.objects.filter(
            mailing_list=mailing_list,
            delivery=delivery,
            confirmed_at__isnull=False,
            banned=False,
            disabled_at__isnull=True,
        )
        .select_related("mailing_list")
        .order_by("id")
    )


def copies_for(subscriptions: Iterable[Subscription], body: bytes) -> list[Copy]:
    return [
        Copy(
            recipient=subscription.email,
            raw=member_headers(subscription) + body,
            reference=f"{REFERENCE}:{subscription.pk}",
        )
        for subscription in subscriptions
    ]


def enqueue_list_delivery(*, actor: Actor, message_id: int) -> int:
    """Queue every member's copy of a posted message (members on "each"; those on "digest"
    get it in the next digest). Returns the number of copies queued. Call it in the
    transaction that stored the message: nothing goes out if that transaction rolls back."""
    message = Message.objects.select_related("mailing_list").get(pk=message_id)
    mailing_list = message.mailing_list
    body = prepare(message, mailing_list)
    ids = enqueue_copies(
        actor=actor,
        copies=copies_for(members(mailing_list, Subscription.EACH), body),
        purpose=PURPOSE,
    )
    DigestEntry.objects.get_or_create(mailing_list=mailing_list, message=message)
    record_event(
        actor=actor,
        verb="lists.deliver",
        target=mailing_list,
        summary={"message": message.pk, "copies": len(ids)},
    )
    return len(ids)
