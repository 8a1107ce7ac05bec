"""What `roundtable lmtp` does with one recipient of one message, while the client waits.

Each recipient address is routed (`route`): a list (a post), `<list>-request@` (a command:
subscribe, unsubscribe), `confirm+<token>@` (a confirmation), `reply+<token>@` (a reply to a
notification) or `bounces+...@` (a delivery failure). A post the list's modality refuses, or a
reply the door refuses, gets a 5xx naming the rule (and is recorded, refused); everything else
is committed to the spool (`InboundMail`) before the 250 goes out, so nothing accepted is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import compat32

from django.db import close_old_connections
from django.utils import timezone

from roundtable.audit.actions import record_event
from roundtable.lists.models import MailingList
from roundtable.lists.posting import MODERATE, REFUSE, post_verdict, sender_address
from roundtable.permissions.actor import Actor

from . import replies
from .models import InboundMail

POST = "post"
HOLD = "hold"
COMMAND = "command"
CONFIRM = "confirm"
REPLY = "reply"
BOUNCE = "bounce"
COMMAND_SUFFIXES = {"-request": "", "-join": "subscribe", "-subscribe": "subscribe",
                    "-leave": "unsubscribe", "-unsubscribe": "unsubscribe"}  # fmt: skip
ACTOR = Actor.operator("mail:lmtp")


@dataclass(frozen=True)
class Route:
    kind: str
    mailing_list: MailingList | None = None
    token: str = ""
    command: str = ""


def route(recipient: str) -> Route | None:
    """Where a recipient address leads; None: no such address here."""
    address = recipient.strip().strip("<>").lower()
    local, _at, domain = address.rpartition("@")
    if not local:
        return None
    for prefix, kind in (("reply+", REPLY), ("confirm+", CONFIRM), ("bounces+", BOUNCE)):
        if local.startswith(prefix):
            return Route(kind, token=local[len(prefix) :])
    found = MailingList.objects.filter(address=address).first()
    if found is not None:
        return Route(POST, found)
    for suffix, command in COMMAND_SUFFIXES.items():
        if local.endswith(suffix):
            base = f"{local[: -len(suffix)]}@{domain}"
            found = MailingList.objects.filter(address=base).first()
            if found is not None:
                return Route(COMMAND, found, command=command)
    return None


def known(recipient: str) -> bool:
    close_old_connections()
    return route(recipient) is not None


def _headers(raw: bytes) -> tuple[str, str]:
    try:
        parsed = BytesParser(policy=compat32).parsebytes(raw, headersonly=True)
        return str(parsed.get("From", "") or ""), str(parsed.get("Subject", "") or "")
    except Exception:  # noqa: BLE001 - malformed headers: the archive's quarantine says why
        return "", ""


def _spool(kind: str, recipient: str, mail_from: str, sender: str, raw: bytes,
           status: str = InboundMail.PENDING, outcome: str = "") -> InboundMail:  # fmt: skip
    return InboundMail.objects.create(
        kind=kind, recipient=recipient[:300], mail_from=mail_from[:300], sender=sender[:300],
        raw=raw, size=len(raw), status=status, outcome=outcome,
        processed_at=timezone.now() if status != InboundMail.PENDING else None,
    )  # fmt: skip


def refusal(rule: str, reason: str) -> str:
    """The per-recipient LMTP reply that makes the MTA bounce, naming the rule."""
    text = " ".join(f"{reason} (rule: {rule})".split())
    return f"550 5.7.1 Refused by {text}"


def accept(recipient: str, mail_from: str, raw: bytes) -> str:
    """Judge and spool one recipient of one message; the LMTP reply line for it."""
    close_old_connections()
    where = route(recipient)
    if where is None:
        return "550 5.1.1 No such recipient here"
    header_from, _subject = _headers(raw)
    sender = sender_address(header_from, mail_from)
    kind = where.kind
    if where.kind == POST and where.mailing_list is not None:
        verdict = post_verdict(where.mailing_list, sender)
        rule = verdict.decision.rule or "default-deny"
        if verdict.outcome == REFUSE:
            _spool(POST, recipient, mail_from, sender, raw, InboundMail.REFUSED, rule)
            record_event(actor=ACTOR, verb="lists.refuse", target=where.mailing_list,
                         summary={"sender": sender, "rule": rule})  # fmt: skip
            return refusal(rule, verdict.reason)
        if verdict.outcome == MODERATE:
            kind = HOLD
            spooled = _spool(HOLD, recipient, mail_from, sender, raw, outcome=rule)
            return f"250 2.0.0 Held for moderation ({rule}) as {spooled.pk}"
    elif where.kind == REPLY:
        judgement = replies.judge(where.token, raw, mail_from)
        if not judgement.allowed:
            _spool(REPLY, recipient, mail_from, sender, raw, InboundMail.REFUSED, judgement.rule)
            return refusal(judgement.rule, judgement.reason)
    spooled = _spool(kind, recipient, mail_from, sender, raw)
    return f"250 2.0.0 Ok: queued as {spooled.pk}"
