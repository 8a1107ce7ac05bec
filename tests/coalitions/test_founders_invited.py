"""Founders on the coalition's list (issue 16): approval invites each founder through the lists
app's invitation (Mailman's), mailed through a real SMTP server on loopback; a founder who
replies to it through the real LMTP server is subscribed, and counts as subscribed by joining
(leaving unsubscribes them). One who does not answer stays unsubscribed."""

from __future__ import annotations

import email
import email.policy
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from roundtable.audit.models import Event
from roundtable.coalitions.actions import check_leave
from roundtable.coalitions.models import Member
from roundtable.lists.models import Subscription
from roundtable.mailroom.processor import process_pending
from roundtable.mailroom.server import Handler, LMTPController
from roundtable.outbox.delivery import deliver_due
from roundtable.permissions.actor import Actor
from tests.coalitions.scenes import founded, igf
from tests.mailroom.test_lmtp import free_port
from tests.mailroom.test_replies import deliver, mail
from tests.support.smtp_sink import Sink

pytestmark = pytest.mark.django_db(transaction=True)

FOUNDERS = {"civil@example.org", "gov@example.org", "tech@example.org"}


@pytest.fixture
def sink(settings: Any) -> Iterator[Sink]:
    server = Sink().start()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER = False, ""
    settings.ROUNDTABLE_MAIL_DOMAIN = "lists.example.org"
    try:
        yield server
    finally:
        server.stop()


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


def _received(sink: Sink) -> dict[str, email.message.EmailMessage]:
    return {
        item.rcpt_tos[0]: email.message_from_bytes(item.data, policy=email.policy.default)  # type: ignore[misc]
        for item in sink.snapshot()
    }


def _subscribed(mailing_list: Any, address: str) -> bool:
    return Subscription.objects.filter(
        mailing_list=mailing_list, email=address, confirmed_at__isnull=False
    ).exists()


def test_founders_are_invited_and_a_reply_subscribes_them(sink: Sink, lmtp: int) -> None:
    s = igf()
    coalition = founded(s)
    assert coalition.mailing_list is not None
    # Invited, not subscribed: the lists app subscribes nobody on another's word.
    assert not any(_subscribed(coalition.mailing_list, a) for a in FOUNDERS)
    assert deliver_due().sent == 3
    invitations = _received(sink)
    assert set(invitations) == FOUNDERS
    gov = invitations["gov@example.org"]
    assert coalition.mailing_list.address in str(gov["Subject"])
    confirm = str(gov["Reply-To"])
    assert confirm.startswith("confirm+") and confirm.endswith("@lists.example.org")
    deliver(lmtp, "gov@example.org", confirm,
            mail("gov@example.org", confirm, "Re: Invitation", "yes", "inv-1"))  # fmt: skip
    process_pending()
    assert _subscribed(coalition.mailing_list, "gov@example.org")
    assert not _subscribed(coalition.mailing_list, "tech@example.org")
    member = Member.objects.get(coalition=coalition, user=s.gov)
    assert member.subscribed_on_joining
    verbs = list(Event.objects.values_list("verb", flat=True))
    assert verbs.count("lists.invite") == 3
    assert {"lists.subscribe.confirmed", "coalition.founder_subscribed"} <= set(verbs)
    # A second reply changes nothing; leaving unsubscribes what the invitation made.
    deliver(lmtp, "gov@example.org", confirm,
            mail("gov@example.org", confirm, "Re: Invitation", "yes", "inv-2"))  # fmt: skip
    process_pending()
    assert Event.objects.filter(verb="coalition.founder_subscribed").count() == 1
    check_leave(actor=Actor.person(s.gov), coalition=coalition)
    assert not _subscribed(coalition.mailing_list, "gov@example.org")


def test_the_invitations_link_subscribes_too(sink: Sink) -> None:
    s = igf()
    coalition = founded(s)
    deliver_due()
    body = _received(sink)["tech@example.org"].get_content()
    path = next(w for w in body.split() if w.startswith("/lists/"))
    answer = Client().post(urlsplit(path).path)
    assert answer.status_code in (200, 302)
    assert _subscribed(coalition.mailing_list, "tech@example.org")
    assert Member.objects.get(coalition=coalition, user=s.tech).subscribed_on_joining
