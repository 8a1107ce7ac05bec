"""Replies by email, a list's moderation queue and its email commands, through the real LMTP
server (aiosmtpd on loopback, in a thread of the test) and the spool's processor."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from smtplib import LMTP, SMTPDataError

import pytest
from django.utils import timezone

from roundtable.decisions import actions
from roundtable.decisions.models import Position
from roundtable.drafting.amendment_actions import do_propose_amendment
from roundtable.drafting.authority import decide_for
from roundtable.drafting.models import ParagraphComment
from roundtable.lists import moderation, subscriptions, tokens
from roundtable.lists.actions import do_ensure_list
from roundtable.lists.models import HeldMessage, Message, Subscription
from roundtable.mailroom import notify, replies
from roundtable.mailroom.models import InboundMail
from roundtable.mailroom.processor import process_pending
from roundtable.mailroom.server import Handler, LMTPController
from roundtable.outbox.models import OutgoingMessage
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.stakeholders.organisations import do_create_venue_category
from tests.drafting.scenes import member, published_document, world
from tests.mailroom.test_lmtp import free_port
from tests.processes.scenes import accredit, group, person

pytestmark = pytest.mark.django_db(transaction=True)
OPERATOR = Actor.operator("test")


@pytest.fixture
def lmtp() -> Iterator[int]:
    port = free_port()
    controller = LMTPController(Handler(threading.Event()), host="127.0.0.1", port=port,
                                data_limit=10 * 1024 * 1024)  # fmt: skip
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def mail(sender: str, to: str, subject: str, body: str, msgid: str) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, to, subject
    m["Message-ID"] = f"<{msgid}@example.org>"
    m.set_content(body)
    return m.as_bytes()


def deliver(port: int, sender: str, to: str, raw: bytes) -> None:
    with LMTP("127.0.0.1", port) as client:
        client.sendmail(sender, [to], raw)


def test_reply_to_a_consensus_call_is_an_objection_or_bounces(lmtp: int) -> None:
    w = world(modality="itu-wtpf-multistakeholder", venue_slug="itu", process_slug="wtpf")
    member_state = do_create_venue_category(actor=OPERATOR, venue=w.venue, slug="member-state",
                                            name="Member State", group=group("government"))  # fmt: skip
    allowed = person("member@example.org", "Member")
    accredit(allowed, w.venue, "government", category=member_state)
    refused = person("bystander@example.org", "Bystander")
    doc = published_document(w)
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=timezone.now() + timedelta(days=2)
    )
    # The notification carries each recipient's own reply address.
    queued = notify.do_notify(actor=OPERATOR, target=adoption, recipients=[allowed, refused])
    copies = OutgoingMessage.objects.filter(pk__in=queued).order_by("pk")
    address = replies.reply_address(allowed, adoption)
    assert address.encode() in bytes(copies[0].raw) and address.startswith("reply+")
    assert len(address.partition("@")[0]) <= 64
    body = "I object: paragraph 2 is too weak.\n\nOn Monday the chair wrote:\n> Please reply\n\n-- \nM\n"
    deliver(lmtp, "member@example.org", address,
            mail("member@example.org", address, "Re: Consensus call", body, "obj-1"))  # fmt: skip
    process_pending()
    position = Position.objects.get(adoption=adoption, user=allowed)
    assert position.position == "object"
    assert position.text == "I object: paragraph 2 is too weak."
    # Someone the modality does not let decide: the LMTP reply refuses, naming the rule.
    other = replies.reply_address(refused, adoption)
    with pytest.raises(SMTPDataError) as bounced:
        deliver(lmtp, "bystander@example.org", other,
                mail("bystander@example.org", other, "Re: call", "I object.", "obj-2"))  # fmt: skip
    assert bounced.value.smtp_code == 550
    assert b"rule: itu-wtpf-multistakeholder/" in bounced.value.smtp_error
    assert not Position.objects.filter(user=refused).exists()
    assert InboundMail.objects.get(sender="bystander@example.org").status == "refused"
    # A forged token is no address; a reply from another address than the recipient's bounces.
    with pytest.raises(SMTPDataError):
        deliver(lmtp, "member@example.org", address,
                mail("someone@example.org", address, "Re", "I object.", "obj-3"))  # fmt: skip
    assert tokens.unsign(replies.REPLY, address.partition("+")[2].partition("@")[0][:-1]) is None


def test_held_post_waits_until_a_moderator_approves(lmtp: int) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    moderator = member(w, "mod@example.org", "moderator")
    mailing_list = do_ensure_list(actor=OPERATOR, address="wg@lists.example.org")
    mailing_list.venue = w.venue
    mailing_list.save()
    deliver(lmtp, "eve@example.net", mailing_list.address,
            mail("eve@example.net", mailing_list.address, "Hello", "A question.", "q-1"))  # fmt: skip
    process_pending()
    held = HeldMessage.objects.get()
    assert held.status == "pending" and not Message.objects.exists()
    # The sender was told.
    assert OutgoingMessage.objects.filter(recipient="eve@example.net").exists()
    with pytest.raises(Denied):
        moderation.check_approve_held(actor=Actor.person(member(w, "x@example.org")), held=held)
    moderation.check_whitelist_sender(actor=Actor.person(moderator), held=held)
    assert Message.objects.get().subject == "Hello"
    assert Message.objects.get().thread is not None
    # Whitelisted: the next post goes straight in.
    deliver(lmtp, "eve@example.net", mailing_list.address,
            mail("eve@example.net", mailing_list.address, "Again", "More.", "q-2"))  # fmt: skip
    process_pending()
    assert Message.objects.count() == 2 and HeldMessage.objects.count() == 1


def test_subscribe_by_email_command_with_confirmation(lmtp: int) -> None:
    mailing_list = do_ensure_list(actor=OPERATOR, address="open@lists.example.org")
    request = "open-request@lists.example.org"
    deliver(lmtp, "new@example.org", request,
            mail("new@example.org", request, "subscribe", "", "c-1"))  # fmt: skip
    process_pending()
    subscription = Subscription.objects.get(mailing_list=mailing_list)
    assert subscription.email == "new@example.org" and subscription.confirmed_at is None
    asked = OutgoingMessage.objects.get(recipient="new@example.org", purpose="list-confirm")
    token = subscriptions.confirm_token(subscription, subscriptions.SUBSCRIBE)
    confirm = tokens.address("confirm", token)
    assert confirm.encode() in bytes(asked.raw)
    deliver(lmtp, "new@example.org", confirm,
            mail("new@example.org", confirm, "Re: Confirm", "yes", "c-2"))  # fmt: skip
    process_pending()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_reply_to_an_amendment_notification_comments_on_its_paragraph(lmtp: int) -> None:
    # NETmundial's High-level Committee reviewed the draft before the public consultation: in
    # that phase only its members comment (netmundial preset, 21 March 2014 post).
    w = world(modality="netmundial", phase="committee-review", venue_slug="nm",
              process_slug="nm-amend")  # fmt: skip
    proposer = member(w, "proposer@example.org", "high-level-committee", name="Proposer")
    allowed = member(w, "commenter@example.org", "high-level-committee", name="Commenter")
    refused = person("outsider@example.org", "Outsider")
    doc = published_document(w)
    version = doc.versions.get(number=1)
    amendment = do_propose_amendment(
        actor=Actor.person(proposer), version=version, kind="replace", pid="p2",
        text="A stronger paragraph two.", rationale="Too weak.",
    )  # fmt: skip
    # The door decides who may comment, by email as on the page.
    assert decide_for(Actor.person(allowed), right="comment", process=w.process).allowed
    assert not decide_for(Actor.person(refused), right="comment", process=w.process).allowed
    queued = notify.do_notify(actor=OPERATOR, target=amendment, recipients=[allowed, refused])
    sent = bytes(OutgoingMessage.objects.filter(pk__in=queued).order_by("pk")[0].raw)
    address = replies.reply_address(allowed, amendment)
    assert address.encode() in sent and b"paragraph p2" in sent
    body = "Paragraph 2 should name civil society.\n\n> An amendment was proposed\n"
    deliver(lmtp, "commenter@example.org", address,
            mail("commenter@example.org", address, "Re: Amendment", body, "am-1"))  # fmt: skip
    process_pending()
    comment = ParagraphComment.objects.get(author=allowed)
    assert (comment.version, comment.pid) == (version, "p2")
    assert comment.body == "Paragraph 2 should name civil society."
    other = replies.reply_address(refused, amendment)
    with pytest.raises(SMTPDataError) as bounced:
        deliver(lmtp, "outsider@example.org", other,
                mail("outsider@example.org", other, "Re", "My view.", "am-2"))  # fmt: skip
    assert bounced.value.smtp_code == 550
    assert not ParagraphComment.objects.filter(author=refused).exists()
