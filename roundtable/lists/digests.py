"""Daily digests: the messages a list sent since its last digest, once a day, to each member
who chose "digest" (docs/lists.md, "Digests").

One digest message holds both forms as alternatives: the plain digest of RFC 1153 (a table of
contents, then each message's headers and text between fixed separators) for plain-text
readers, and the MIME digest of RFC 2046 (a contents part, then a multipart/digest of the
messages as sent) for the others.
"""

from __future__ import annotations

import email
from collections.abc import Sequence
from datetime import datetime, timedelta
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from roundtable.audit.actions import record_event
from roundtable.outbox.actions import enqueue_copies
from roundtable.permissions.actor import Actor
from roundtable.workers.recurring import ensure_waiting

from .delivery import WIRE, copies_for, list_headers, members
from .models import DigestEntry, MailingList, Message, Subscription

PURPOSE = "lists.digest"
RULE = "-" * 70  # RFC 1153: the rule after the table of contents
SEPARATOR = "-" * 30  # RFC 1153: the rule between messages
DIGESTER = "task:lists digest"


def _title(mailing_list: MailingList) -> str:
    return mailing_list.name or mailing_list.address


def plain_digest(mailing_list: MailingList, issue: int, messages: Sequence[Message]) -> str:
    """RFC 1153: contents, the 70-dash rule, each message (Date, From, Subject, text) closed
    by the 30-dash rule, and the end line with its row of stars."""
    title = _title(mailing_list)
    lines = [_("Today's topics:"), ""]
    for number, message in enumerate(messages, 1):
        who = message.from_name or message.from_addr
        lines.append(f"  {number:>3}. {message.subject} ({who})")
    lines += ["", RULE, ""]
    for number, message in enumerate(messages, 1):
        lines.append(f"Message: {number}")
        if message.date is not None:
            lines.append(f"Date: {format_datetime(message.date)}")
        lines.append(f"From: {formataddr((message.from_name, message.from_addr))}")
        lines.append(f"Subject: {message.subject}")
        lines.append("")
        # A line that is the separator itself would end the message early for a reader.
        lines += [" " + line if line == SEPARATOR else line for line in message.text.splitlines()]
        lines += ["", SEPARATOR, ""]
    end = _("End of %(list)s digest, issue %(issue)s") % {"list": title, "issue": issue}
    lines += [end, "*" * len(end), ""]
    return "\n".join(lines)


def mime_digest(
    mailing_list: MailingList, issue: int, messages: Sequence[Message], plain: str
) -> bytes:
    """The digest message shared by every digest member (their List-Unsubscribe is added)."""
    contents = "\n".join(
        f"{number:>3}. {message.subject} ({message.from_name or message.from_addr})"
        for number, message in enumerate(messages, 1)
    )
    digest = MIMEMultipart("digest")
    for message in messages:
        digest.attach(MIMEMessage(email.message_from_bytes(bytes(message.raw))))
    mime = MIMEMultipart("mixed")
    mime.attach(MIMEText(_("Today's topics:") + "\n\n" + contents + "\n", "plain", "utf-8"))
    mime.attach(digest)
    outer = MIMEMultipart("alternative")
    outer.attach(MIMEText(plain, "plain", "utf-8"))
    outer.attach(mime)
    outer["From"] = mailing_list.address
    outer["To"] = mailing_list.address
    outer["Subject"] = _("%(list)s digest, issue %(issue)s") % {
        "list": _title(mailing_list),
        "issue": issue,
    }
    outer["Date"] = format_datetime(timezone.now())
    outer["Message-ID"] = make_msgid(domain=mailing_list.address.rpartition("@")[2] or None)
    for name, value in list_headers(mailing_list, None):
        outer[name] = value
    return outer.as_bytes(policy=WIRE)


def do_send_digest(*, actor: Actor, mailing_list: MailingList) -> int:
    """The list's next digest to its digest members; the copies queued (0: nothing new)."""
    with transaction.atomic():
        entries = list(
            DigestEntry.objects.select_for_update()
            .filter(mailing_list=mailing_list, issue=0)
            .order_by("message__date", "message_id")
        )
        if not entries:
            return 0
        issue = 1 + (
            DigestEntry.objects.filter(mailing_list=mailing_list).aggregate(n=Max("issue"))["n"]
            or 0
        )
        messages = list(
            Message.objects.filter(pk__in=[entry.message_id for entry in entries]).order_by(
                "date", "id"
            )
        )
        with override(settings.LANGUAGE_CODE):
            body = mime_digest(
                mailing_list, issue, messages, plain_digest(mailing_list, issue, messages)
            )
        ids = enqueue_copies(
            actor=actor,
            copies=copies_for(mailing_list, members(mailing_list, Subscription.DIGEST), body),
            purpose=PURPOSE,
        )
        DigestEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(issue=issue)
        record_event(
            actor=actor,
            verb="lists.digest",
            target=mailing_list,
            summary={"issue": issue, "messages": len(messages), "copies": len(ids)},
        )
    return len(ids)


def do_send_digests(*, actor: Actor, address: str | None = None) -> dict[str, int]:
    """Every list's digest (or one list's): copies queued per list address."""
    lists = MailingList.objects.order_by("address")
    if address:
        lists = lists.filter(address=address.strip().lower())
    return {item.address: do_send_digest(actor=actor, mailing_list=item) for item in lists}


def next_digest_time(now: datetime) -> datetime:
    """The next ROUNDTABLE_DIGEST_HOUR o'clock (UTC) after `now`."""
    at = now.replace(hour=int(settings.ROUNDTABLE_DIGEST_HOUR), minute=0, second=0, microsecond=0)
    return at if at > now else at + timedelta(days=1)


@task()
def send_daily_digests() -> dict[str, int]:
    sent = do_send_digests(actor=Actor.operator(DIGESTER))
    schedule_digests()
    return sent


def schedule_digests() -> None:
    """Make sure the next daily digest task is waiting (called when a worker starts)."""
    ensure_waiting(send_daily_digests, next_digest_time(timezone.now()))
