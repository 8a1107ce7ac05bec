"""A post to a process's list is a comment in the process: where the process's modality
requires the IETF Note Well (or a GNSO Statement of Interest) of whoever comments, mail in from a
member without one on file bounces, naming the rule and what would allow it (issue 12,
procedure 3).

Source: BCP 79 (RFC 8179) section 1: a statement made on an IETF mailing list is a
"Contribution", under the Note Well; GNSO Operating Procedures 5.3.1 (Statement of Interest).
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from roundtable.lists.models import MailingList, Subscription
from roundtable.lists.posting import ACCEPT, REFUSE, post_verdict
from roundtable.mailroom.intake import accept
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.disclosures import do_file_disclosure
from roundtable.stakeholders.roles import do_grant_role
from tests.processes.scenes import Scene, person, scene

# accept() closes stale connections first, as the LMTP server's thread must; inside a test's
# transaction that would close it (PostgreSQL), so these tests commit like the server does.
pytestmark = pytest.mark.django_db(transaction=True)


def _list(modality: str, venue: str, slug: str) -> tuple[Scene, MailingList, str]:
    here = scene(venue_slug=venue, modality=modality, phase_kind="drafting", process_slug=slug)
    made = MailingList.objects.create(
        address=f"{slug}@lists.example.org", slug=slug, process=here.process
    )
    member = "alice@example.org"
    user = person(member)
    Subscription.objects.create(
        mailing_list=made, user=user, email=member, confirmed_at=timezone.now()
    )
    return here, made, member


def _raw(sender: str, to: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, "Draft review"
    msg["Message-ID"] = "<review-1@example.org>"
    msg.set_content("Comments on section 3.")
    return msg.as_bytes()


def test_a_member_without_the_note_well_is_bounced_with_the_rule() -> None:
    here, made, member = _list("ietf-wg", "ietf", "quic")
    verdict = post_verdict(made, member)
    assert verdict.outcome == REFUSE
    assert verdict.decision.rule == "ietf-wg/anyone-participates"
    reply = accept(made.address, member, _raw(member, made.address))
    assert reply.startswith("550 5.7.1 Refused by")
    assert "ietf-wg/anyone-participates" in reply
    assert "Note Well" in reply and "File or update it" in reply
    # Once acknowledged, the same post is taken.
    do_file_disclosure(
        actor=Actor.person(here_user(member)), venue=here.venue, kind="note_well", text=""
    )
    assert post_verdict(made, member).outcome == ACCEPT
    assert accept(made.address, member, _raw(member, made.address)).startswith("250")


def test_a_gnso_list_asks_a_member_for_a_current_statement_of_interest() -> None:
    here, made, member = _list("icann-gnso-pdp-wg", "icann", "epdp")
    user = here_user(member)
    do_grant_role(actor=Actor.operator("t"), user=user, venue=here.venue, role="member")
    verdict = post_verdict(made, member)
    assert verdict.outcome == REFUSE
    assert verdict.decision.rule == "icann-gnso-pdp-wg/members-participate"
    assert "Statement of Interest" in verdict.reason
    reply = accept(made.address, member, _raw(member, made.address))
    assert "550 5.7.1" in reply and "icann-gnso-pdp-wg/members-participate" in reply
    do_file_disclosure(
        actor=Actor.person(user), venue=here.venue, kind="statement_of_interest", text="Registrar."
    )
    assert post_verdict(made, member).outcome == ACCEPT


def test_a_list_without_a_process_is_not_gated() -> None:
    made = MailingList.objects.create(address="open@lists.example.org", slug="open")
    member = "bob@example.org"
    Subscription.objects.create(
        mailing_list=made, user=person(member), email=member, confirmed_at=timezone.now()
    )
    assert post_verdict(made, member).outcome == ACCEPT


def here_user(address: str) -> User:
    return User.objects.get(username=address)
