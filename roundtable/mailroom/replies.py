"""Replies by email to the platform's notifications.

A notification sent to one person about one thing carries `reply+<token>@<domain>` as its
Reply-To; the token (signed, `roundtable.lists.tokens`) names the person and the thing: an
adoption (`a<id>`: a reply is an objection while the consensus call is open), a contribution
(`c<id>`: a reply is a comment) or an amendment (`m<id>`: a reply comments on the paragraph it
amends, in the version it was proposed on). The reply goes through the same action, and so the same door,
as the web form; quoted text and signatures are cut off by the archive's splitter first.

`judge` runs while the LMTP client waits, so a refusal becomes the per-recipient 5xx reply
naming the rule (the MTA bounces it); `apply` runs once the message is spooled.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message as EmailMessage
from email.parser import BytesParser
from email.policy import compat32

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from roundtable.contributions.actions import check_comment
from roundtable.contributions.models import Contribution
from roundtable.decisions.ballots import CONSENSUS_KINDS
from roundtable.decisions.models import Adoption
from roundtable.decisions.positions import check_take_position
from roundtable.decisions.speakers import require_delegation_speaker
from roundtable.drafting.authority import decide_for
from roundtable.drafting.models import Amendment
from roundtable.drafting.paragraph_actions import check_comment_paragraph
from roundtable.lists import tokens
from roundtable.lists.actions import import_limits
from roundtable.lists.live import raw_message
from roundtable.lists.posting import sender_address
from roundtable.mail import parts, pipeline
from roundtable.mail.records import ParsedMessage
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied, decide
from roundtable.processes.situation import situation

REPLY = "reply"
Target = Adoption | Contribution | Amendment
KINDS = {Adoption: "a", Contribution: "c", Amendment: "m"}


@dataclass(frozen=True)
class Judgement:
    """Whether a reply is taken (`allowed`) and, if not, the rule and why (for the 5xx)."""

    allowed: bool
    rule: str = ""
    reason: str = ""


def reply_token(user: User, target: Target) -> str:
    kind = KINDS[type(target)]
    return tokens.sign(REPLY, f"{kind}{target.pk}", f"u{user.pk}")


def reply_address(user: User, target: Target) -> str:
    return tokens.address(REPLY, reply_token(user, target))


def resolve(token: str) -> tuple[User, Target] | None:
    found = tokens.unsign(REPLY, token)
    if found is None or len(found) != 2:
        return None
    target_part, user_part = found
    if not user_part.startswith("u") or not user_part[1:].isdigit():
        return None
    user = User.objects.filter(pk=int(user_part[1:]), is_active=True).first()
    kind, number = target_part[:1], target_part[1:]
    if user is None or not number.isdigit():
        return None
    target: Target | None = None
    if kind == "a":
        target = Adoption.objects.select_related("process__venue").filter(pk=int(number)).first()
    elif kind == "c":
        target = (
            Contribution.objects.select_related("call__process__venue")
            .filter(pk=int(number))
            .first()
        )
    elif kind == "m":
        target = (
            Amendment.objects.select_related("document__process__venue", "base")
            .filter(pk=int(number))
            .first()
        )
    return None if target is None else (user, target)


def reply_text(raw: bytes) -> str:
    """The reply's own words: the body without quoted text, signature or footer."""
    limits = import_limits()
    prepared = pipeline.prepare([raw_message(raw, 0, limits.message_bytes)], (), limits)
    message = prepared[0].message
    if not isinstance(message, ParsedMessage):
        return ""
    own = prepared[0].own_text or parts.own_text(parts.split_body(message.text))
    return own.strip()


def header_from(raw: bytes) -> str:
    headers: EmailMessage = BytesParser(policy=compat32).parsebytes(raw, headersonly=True)
    return str(headers.get("From", "") or "")


def judge(token: str, raw: bytes, mail_from: str) -> Judgement:
    """Would this reply be taken? The door decides as for the web form."""
    found = resolve(token)
    if found is None:
        return Judgement(False, "reply-address", "This reply address is not valid.")
    user, target = found
    sender = sender_address(header_from(raw), mail_from)
    if sender != user.get_username().lower():
        return Judgement(
            False, "reply-address", "Reply from the address the notification was sent to."
        )
    actor = Actor.person(user)
    if isinstance(target, Adoption):
        if target.kind not in CONSENSUS_KINDS or target.status != Adoption.Status.OPEN:
            return Judgement(False, "call-closed", "This consensus call is not open.")
        decision = decide_for(actor, right="decide", process=target.process)
        if decision.allowed:
            # As on the web: a delegation speaks through its head or its designated member.
            try:
                require_delegation_speaker(actor, adoption=target, standing=decision.standing)
            except Denied as refused:
                decision = refused.decision
    elif isinstance(target, Amendment):
        if not target.pid:
            return Judgement(False, "no-paragraph", "This amendment names no paragraph.")
        decision = decide_for(actor, right="comment", process=target.document.process)
    else:
        where = situation(target.call.process)
        decision = decide(actor, right="comment", modality=where.modality, context=where.context)
    if not decision.allowed:
        return Judgement(False, decision.rule or "default-deny", decision.reason)
    if not reply_text(raw):
        return Judgement(False, "empty-reply", "The reply has no text of its own.")
    return Judgement(True)


def apply(token: str, raw: bytes) -> str:
    """Record the reply (objection or comment) through the web's own action; what it became."""
    found = resolve(token)
    if found is None:
        raise ValidationError("reply address no longer valid")
    user, target = found
    actor = Actor.person(user)
    text = reply_text(raw)
    if isinstance(target, Adoption):
        position = check_take_position(actor=actor, adoption=target, position="object", text=text)
        return f"objection {position.pk}"
    if isinstance(target, Amendment):
        on_paragraph = check_comment_paragraph(
            actor=actor, version=target.base, pid=target.pid, body=text
        )
        return f"paragraph comment {on_paragraph.pk}"
    comment = check_comment(actor=actor, contribution=target, body=text)
    return f"comment {comment.pk}"
