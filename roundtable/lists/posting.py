"""Who may post to a list: the list's modality decides `post` (to the list at once) and
`post_for_moderation` (held for a moderator) for the sender's standing on the list.

A sender's standing is that of their account at the list's venue (accreditation, roles such as
`moderator`) plus what their subscription says: `subscriber`, `moderated-subscriber`, `banned`.
An address without an account is nobody in particular, plus its subscription.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from email.utils import getaddresses

from django.contrib.auth.models import User

from roundtable.modalities.engine import Decision
from roundtable.modalities.standing import Standing
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide
from roundtable.processes.situation import situation
from roundtable.stakeholders.disclosures import StatementRequired, require_disclosures

from .models import MailingList, Subscription
from .queries import list_modality

ACCEPT = "accept"
MODERATE = "moderate"
REFUSE = "refuse"


@dataclass(frozen=True)
class Verdict:
    """What happens to a post: accepted, held (`moderate`) or refused, and the decision that
    says so (its rule names why)."""

    outcome: str
    decision: Decision
    #: Why, when the decision's own words do not say it (a statement missing from the file).
    note: str = ""

    @property
    def reason(self) -> str:
        return self.note or self.decision.reason


def list_venue(mailing_list: MailingList) -> str | None:
    """The venue whose standing counts on this list (its own, or its process's)."""
    if mailing_list.venue_id is not None:
        return mailing_list.venue.slug if mailing_list.venue else None
    if mailing_list.process_id is not None and mailing_list.process is not None:
        return mailing_list.process.venue.slug
    return None


def list_context(mailing_list: MailingList) -> dict[str, str]:
    venue = list_venue(mailing_list)
    return {"venue": venue} if venue else {}


def sender_address(header_from: str, mail_from: str = "") -> str:
    """The address a post is from: its From header, else the envelope sender."""
    for _name, address in getaddresses([header_from or ""]):
        if "@" in address:
            return address.strip().lower()
    return (mail_from or "").strip().lower()


def account_for(address: str) -> User | None:
    if not address:
        return None
    return User.objects.filter(username=address.strip().lower(), is_active=True).first()


def subscription_roles(subscription: Subscription | None) -> frozenset[str]:
    if subscription is None:
        return frozenset()
    if subscription.banned:
        return frozenset({"banned"})
    if subscription.confirmed_at is None or subscription.disabled_at is not None:
        # Not confirmed (or disabled by bounces): the address is not yet (no longer) a member.
        return frozenset()
    roles = {"subscriber"}
    if subscription.moderated:
        roles.add("moderated-subscriber")
    return frozenset(roles)


def sender_standing(mailing_list: MailingList, address: str) -> Standing:
    address = address.strip().lower()
    user = account_for(address)
    base = Actor.person(user).standing(list_venue(mailing_list))
    subscription = Subscription.objects.filter(mailing_list=mailing_list, email=address).first()
    extra = subscription_roles(subscription)
    if not extra:
        return base
    return dataclasses.replace(base, roles=frozenset(base.roles) | extra)


def post_verdict(mailing_list: MailingList, address: str) -> Verdict:
    """Accept, hold or refuse a post from `address`, as the list's modality decides; then, for
    a list of a process, the statements the process's modality requires of a participant."""
    standing = sender_standing(mailing_list, address)
    modality = list_modality(mailing_list)
    context = list_context(mailing_list)
    direct = decide(standing, right="post", modality=modality, context=context)
    if direct.allowed:
        return disclosure_gate(mailing_list, address, standing) or Verdict(ACCEPT, direct)
    held = decide(standing, right="post_for_moderation", modality=modality, context=context)
    if held.allowed:
        # Why it waits: the rule that refused `post` (a moderated member), or, for a sender
        # no rule names, the rule that lets anyone's post wait for a moderator.
        return disclosure_gate(mailing_list, address, standing) or Verdict(
            MODERATE, direct if _named(direct) else held
        )
    # The prohibition that refused it (a ban) names the rule, not the default.
    return Verdict(REFUSE, held if _named(held) else direct)


def disclosure_gate(mailing_list: MailingList, address: str, standing: Standing) -> Verdict | None:
    """A refusal when the process's modality requires a statement (an IETF Note Well
    acknowledgement, a GNSO Statement of Interest) of whoever comments, and the sender has none
    current; None otherwise.

    A post to a process's list is a comment in the process (BCP 79, RFC 8179 section 1: a
    statement on the list is a Contribution under the Note Well), so the rule that permits
    `comment` there carries the obligation; a sender the process gives no `comment` right is
    left to the list's own modality.
    """
    process = mailing_list.process
    if process is None:
        return None
    here = situation(process)
    decision = decide(standing, right="comment", modality=here.modality, context=here.context)
    if not decision.allowed:
        return None
    try:
        require_disclosures(decision, account_for(address), process.venue)
    except StatementRequired as refused:
        return Verdict(REFUSE, decision, note=str(refused))
    return None


def _named(decision: Decision) -> bool:
    """Whether a rule of the modality decided (not the default denial)."""
    return bool(decision.rule) and not decision.rule.endswith("default-deny")
