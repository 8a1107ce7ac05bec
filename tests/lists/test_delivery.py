"""Mail out for lists: each member's copy through a real SMTP server on loopback, with the list
headers, DMARC From rewriting, one-click unsubscribe, digests and bounces."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from roundtable.audit.models import Event
from roundtable.lists.delivery import enqueue_list_delivery, members
from roundtable.lists.digests import do_send_digests
from roundtable.lists.models import MailingList, Message, Subscription
from roundtable.outbox.bounces import handle_bounce
from roundtable.outbox.delivery import deliver_due
from roundtable.outbox.models import OutgoingMessage
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide
from tests.support.smtp_sink import Sink

pytestmark = pytest.mark.django_db(transaction=True)
OPERATOR = Actor.operator("test")


@pytest.fixture
def sink(settings: Any) -> Iterator[Sink]:
    server = Sink().start()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER = False, ""
    settings.ROUNDTABLE_SITE_URL = "https://rt.example.org"
    settings.ROUNDTABLE_MAIL_DOMAIN = "lists.example.org"
    settings.ROUNDTABLE_DMARC_STRICT_DOMAINS = ["strict.example"]
    try:
        yield server
    finally:
        server.stop()


def _list() -> MailingList:
    mailing_list = MailingList.objects.create(
        address="mmwg@lists.example.org", slug="mmwg", name="MMWG"
    )
    now = timezone.now()
    for address, delivery in [("a@example.net", "each"), ("b@example.net", "each"),
                              ("d@example.net", "digest"), ("n@example.net", "none")]:  # fmt: skip
        Subscription.objects.create(
            mailing_list=mailing_list, email=address, delivery=delivery, confirmed_at=now
        )
    Subscription.objects.create(mailing_list=mailing_list, email="unconfirmed@example.net")
    Subscription.objects.create(
        mailing_list=mailing_list, email="banned@example.net", confirmed_at=now, banned=True
    )
    Subscription.objects.create(
        mailing_list=mailing_list, email="off@example.net", confirmed_at=now, disabled_at=now
    )
    return mailing_list


def _post(mailing_list: MailingList, sender: str, subject: str, key: str) -> Message:
    mime = EmailMessage()
    mime["From"] = sender
    mime["To"] = mailing_list.address
    mime["Subject"] = subject
    mime["Message-ID"] = f"<{key}@example.net>"
    mime["List-Id"] = "<forged.example.net>"
    mime.set_content(f"Text of {subject}.\n------------------------------\nmore\n")
    return Message.objects.create(
        mailing_list=mailing_list, key=key, message_id=f"{key}@example.net",
        content_hash=key, subject=subject, from_name="Ann", from_addr=sender.split("<")[-1][:-1],
        date=timezone.now(), text=mime.get_content(), raw=bytes(mime),
    )  # fmt: skip


def _received(sink: Sink) -> dict[str, email.message.Message]:
    return {
        item.rcpt_tos[0]: email.message_from_bytes(item.data, policy=email.policy.default)
        for item in sink.snapshot()
    }


def test_each_member_gets_one_copy_with_the_list_headers(sink: Sink) -> None:
    mailing_list = _list()
    message = _post(mailing_list, "Ann <ann@example.com>", "Agenda", "00aa11bb22cc33dd")
    assert enqueue_list_delivery(actor=OPERATOR, message_id=message.pk) == 2
    assert deliver_due().sent == 2
    received = _received(sink)
    assert set(received) == {"a@example.net", "b@example.net"}
    for copy in received.values():
        assert copy.get_all("List-Id") == ["MMWG <mmwg.lists.example.org>"]
        assert copy["List-Post"] == "<mailto:mmwg@lists.example.org>"
        assert copy["List-Archive"] == "<https://rt.example.org/lists/mmwg/>"
        assert copy["Archived-At"] == "<https://rt.example.org/lists/mmwg/m/00aa11bb22cc33dd/>"
        assert copy["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        https, mailto = (part.strip(" <>") for part in str(copy["List-Unsubscribe"]).split(","))
        assert https.startswith("https://rt.example.org/lists/mmwg/unsubscribe/")
        assert mailto == "mailto:mmwg-request@lists.example.org?subject=unsubscribe"
        assert copy["From"] == "Ann <ann@example.com>"  # not DMARC-strict: untouched
    links = {str(c["List-Unsubscribe"]) for c in received.values()}
    assert len(links) == 2  # each member's own


def test_a_dmarc_strict_sender_is_rewritten_to_the_list(sink: Sink) -> None:
    mailing_list = _list()
    message = _post(mailing_list, "Ann Lee <ann@mail.strict.example>", "Hi", "11aa11bb22cc33dd")
    enqueue_list_delivery(actor=OPERATOR, message_id=message.pk)
    deliver_due()
    copy = _received(sink)["a@example.net"]
    assert copy["From"].addresses[0].addr_spec == "mmwg@lists.example.org"
    assert copy["From"].addresses[0].display_name == "Ann Lee via MMWG"
    assert copy["Reply-To"] == "Ann Lee <ann@mail.strict.example>"


def _unsubscribe_path(sink: Sink, member: str) -> str:
    header = str(_received(sink)[member]["List-Unsubscribe"])
    return urlsplit(header.split(",")[0].strip(" <>")).path


def test_one_click_unsubscribes_without_sign_in(sink: Sink, client: Client) -> None:
    mailing_list = _list()
    enqueue_list_delivery(
        actor=OPERATOR, message_id=_post(mailing_list, "x@example.com", "S", "22aa11bb22cc33dd").pk
    )
    deliver_due()
    path = _unsubscribe_path(sink, "a@example.net")
    page = client.get(path)  # a link scanner's GET changes nothing
    assert page.status_code == 200 and b"a@example.net" in page.content
    assert Subscription.objects.filter(email="a@example.net").exists()
    response = client.post(path, "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert response.status_code == 200
    assert not Subscription.objects.filter(email="a@example.net").exists()
    assert Event.objects.filter(verb="lists.unsubscribe").count() == 1
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 404
    forged = path.rstrip("/")[:-3] + "abc/"
    assert client.post(forged, {"List-Unsubscribe": "One-Click"}).status_code == 404
    other = _unsubscribe_path(sink, "b@example.net")
    api = client.post("/api" + other.removesuffix("/"))
    assert api.status_code == 200 and api.json() == {
        "list": "mmwg@lists.example.org",
        "unsubscribed": True,
    }
    assert set(members(mailing_list, "each").values_list("email", flat=True)) == set()


STANDINGS = {"anonymous": None, "member": "member", "operator": "operator"}


@pytest.mark.parametrize("standing", list(STANDINGS))
def test_write_matrix_the_door_decides_one_click(sink: Sink, standing: str) -> None:
    mailing_list = _list()
    users = get_user_model()
    users.objects.create_user("member", "member@example.org", "x")
    users.objects.create_superuser("operator", "operator@example.org", "x")
    enqueue_list_delivery(
        actor=OPERATOR, message_id=_post(mailing_list, "x@example.com", "S", "33aa11bb22cc33dd").pk
    )
    deliver_due()
    client = Client(raise_request_exception=False)
    user = None
    if STANDINGS[standing]:
        user = users.objects.get(username=STANDINGS[standing])
        client.force_login(user)
    allowed = decide(Actor.person(user), right="observe", modality="open-mailing-list").allowed
    for member, url in [("a@example.net", _unsubscribe_path(sink, "a@example.net")),
                        ("b@example.net", "/api" + _unsubscribe_path(sink, "b@example.net"))]:  # fmt: skip
        status = client.post(url.removesuffix("/") if url.startswith("/api") else url,
                             {"List-Unsubscribe": "One-Click"}).status_code  # fmt: skip
        assert status == (200 if allowed else 403), (standing, url, status)
        assert Subscription.objects.filter(email=member).exists() is not allowed


def test_digest_members_get_a_mime_and_plain_digest_once(sink: Sink) -> None:
    mailing_list = _list()
    for n, subject in enumerate(["First", "Second"]):
        message = _post(mailing_list, "Ann <ann@example.com>", subject, f"4{n}aa11bb22cc33dd")
        enqueue_list_delivery(actor=OPERATOR, message_id=message.pk)
    assert do_send_digests(actor=OPERATOR) == {"mmwg@lists.example.org": 1}
    assert do_send_digests(actor=OPERATOR) == {"mmwg@lists.example.org": 0}
    deliver_due()
    digest = _received(sink)["d@example.net"]
    assert digest.get_content_type() == "multipart/alternative"
    assert digest["List-Id"] == "MMWG <mmwg.lists.example.org>"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain, mime = digest.get_payload()
    text = plain.get_content()
    assert "-" * 70 in text and text.count("\n" + "-" * 30 + "\n") == 2
    assert "Message: 1" in text and "Subject: Second" in text
    assert "End of MMWG digest, issue 1" in text
    assert " " + "-" * 30 in text  # a body line equal to the separator is shifted
    parts = [p for p in mime.walk() if p.get_content_type() == "multipart/digest"]
    assert len(parts) == 1
    inner = parts[0].get_payload()
    assert [p.get_content_type() for p in inner] == ["message/rfc822"] * 2
    assert [p.get_payload()[0]["Subject"] for p in inner] == ["First", "Second"]


DSN = (
    b"From: MAILER-DAEMON@example.net\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
    b"--b\r\nContent-Type: message/delivery-status\r\n\r\n"
    b"Reporting-MTA: dns; mx.example.net\r\n\r\n"
    b"Final-Recipient: rfc822; a@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n"
)


def test_bounces_add_up_and_disable_the_member(sink: Sink, settings: Any) -> None:
    settings.ROUNDTABLE_BOUNCE_DISABLE_SCORE = 2
    mailing_list = _list()
    for n in range(2):
        message = _post(mailing_list, "x@example.com", f"S{n}", f"5{n}aa11bb22cc33dd")
        enqueue_list_delivery(actor=OPERATOR, message_id=message.pk)
    deliver_due()
    copies = OutgoingMessage.objects.filter(recipient="a@example.net").order_by("id")
    assert handle_bounce(recipient=copies[0].envelope_sender, raw=DSN)
    member = Subscription.objects.get(email="a@example.net")
    assert member.bounce_score == 1 and member.disabled_at is None
    assert handle_bounce(recipient=copies[1].envelope_sender, raw=DSN)
    member.refresh_from_db()
    assert member.bounce_score == 2 and member.disabled_at is not None
    assert member.disabled_reason == "bounces"
    assert "a@example.net" not in set(members(mailing_list, "each").values_list("email", flat=True))
    assert Event.objects.filter(verb="lists.disable").count() == 1
