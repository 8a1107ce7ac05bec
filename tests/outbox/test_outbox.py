"""The outbox against a real SMTP server on loopback: queue, claim, send, back off, bounce."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from roundtable.outbox import verp
from roundtable.outbox.actions import enqueue_mail
from roundtable.outbox.bounces import handle_bounce, register_bounce_hook
from roundtable.outbox.delivery import backoff, claim, deliver_due
from roundtable.outbox.models import OutgoingMessage
from roundtable.outbox.tasks import resume
from roundtable.permissions.actor import Actor
from tests.support.smtp_sink import Sink, free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sink(settings: Any) -> Iterator[Sink]:
    server = Sink().start()
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.ROUNDTABLE_OUTBOX_RETRY_BASE_SECONDS = 60
    settings.ROUNDTABLE_MAIL_DOMAIN = "lists.example.org"
    try:
        yield server
    finally:
        server.stop()


def _message(subject: str = "Hello") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "chair@lists.example.org"
    message["Subject"] = subject
    message.set_content("Body text.\n")
    return message


def _queue(count: int, purpose: str = "test") -> list[int]:
    return enqueue_mail(
        actor=Actor.operator("test"),
        to=[f"member{n}@example.net" for n in range(count)],
        message=_message(),
        purpose=purpose,
    )


def test_enqueue_stores_rows_with_verp_and_schedules_one_task_on_commit() -> None:
    with transaction.atomic():
        ids = _queue(3)
        assert DBTaskResult.objects.count() == 0  # not before the commit
    rows = list(OutgoingMessage.objects.order_by("id"))
    assert [row.pk for row in rows] == ids
    assert all(row.state == OutgoingMessage.QUEUED for row in rows)
    for row in rows:
        assert row.envelope_sender.startswith(f"bounces+{row.pk}.")
        assert verp.copy_id_of(row.envelope_sender) == row.pk
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_outbox").count() == 1
    _queue(2)  # a task is already waiting: no second one
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_outbox").count() == 1


def test_rolled_back_enqueue_sends_nothing() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue(2)
        raise RuntimeError
    assert OutgoingMessage.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_delivery_sends_each_copy_once_and_marks_it_sent(sink: Sink) -> None:
    ids = _queue(25)
    report = deliver_due()
    assert report.sent == 25 and report.next_due is None
    assert sorted(r.rcpt_tos[0] for r in sink.snapshot()) == sorted(
        f"member{n}@example.net" for n in range(25)
    )
    assert {r.mail_from for r in sink.snapshot()} == {
        row.envelope_sender for row in OutgoingMessage.objects.all()
    }
    assert set(OutgoingMessage.objects.values_list("state", flat=True)) == {"sent"}
    assert deliver_due().sent == 0  # nothing twice
    assert sink.count() == 25 == len(ids)


def test_server_down_backs_off_then_delivers(settings: Any) -> None:
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.ROUNDTABLE_OUTBOX_RETRY_BASE_SECONDS = 60
    _queue(4)
    report = deliver_due()
    assert report.sent == 0 and report.deferred == 4
    rows = list(OutgoingMessage.objects.all())
    assert {row.state for row in rows} == {"queued"} and {row.attempts for row in rows} == {1}
    assert all("connect" in row.last_error for row in rows)
    assert report.next_due is not None and report.next_due > timezone.now() + timedelta(seconds=50)
    assert deliver_due().sent == 0  # not due yet: the back-off holds
    server = Sink(port=settings.EMAIL_PORT).start()
    try:
        OutgoingMessage.objects.update(next_attempt_at=timezone.now())
        assert deliver_due().sent == 4
        assert server.count() == 4
    finally:
        server.stop()


def test_backoff_doubles_and_is_capped(settings: Any) -> None:
    settings.ROUNDTABLE_OUTBOX_RETRY_BASE_SECONDS = 10
    settings.ROUNDTABLE_OUTBOX_RETRY_MAX_SECONDS = 100
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4, 5, 50)] == [10, 20, 40, 80, 100, 100]


def test_a_refused_recipient_fails_for_good_and_the_rest_go(sink: Sink) -> None:
    sink.refuse.add("member1@example.net")
    _queue(3)
    report = deliver_due()
    assert (report.sent, report.failed) == (2, 1)
    failed = OutgoingMessage.objects.get(recipient="member1@example.net")
    assert failed.state == "failed" and "550" in failed.last_error


def test_two_workers_never_claim_the_same_copy() -> None:
    _queue(10)
    first, second = claim(6, "a"), claim(6, "b")
    assert len(first) == 6 and len(second) == 4
    assert not {c.pk for c in first} & {c.pk for c in second}
    assert claim(6, "c") == []


def test_a_dead_workers_copies_come_back_after_the_lease(settings: Any) -> None:
    settings.ROUNDTABLE_OUTBOX_LEASE_SECONDS = 60
    _queue(2)
    claim(10, "dead")
    DBTaskResult.objects.all().delete()
    assert resume() is not None  # the lease's end is when a worker is needed
    assert DBTaskResult.objects.count() == 1
    OutgoingMessage.objects.update(claimed_at=timezone.now() - timedelta(seconds=120))
    resume()
    assert set(OutgoingMessage.objects.values_list("state", flat=True)) == {"queued"}


DSN = (
    b"From: MAILER-DAEMON@example.net\r\nTo: {to}\r\nSubject: Undelivered\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
    b"--b\r\nContent-Type: text/plain\r\n\r\nIt bounced.\r\n"
    b"--b\r\nContent-Type: message/delivery-status\r\n\r\n"
    b"Reporting-MTA: dns; mx.example.net\r\n\r\n"
    b"Final-Recipient: rfc822; member0@example.net\r\nAction: {action}\r\nStatus: {status}\r\n"
    b"--b--\r\n"
)


def _dsn(action: str, status: str) -> bytes:
    return (
        DSN.replace(b"{action}", action.encode())
        .replace(b"{status}", status.encode())
        .replace(b"{to}", b"x")
    )


def test_bounces_are_verified_weighed_and_counted_once() -> None:
    charged: list[tuple[int, float]] = []
    register_bounce_hook("test.member", lambda copy, weight: charged.append((copy.pk, weight)))
    (copy_id,) = _queue(1)
    OutgoingMessage.objects.filter(pk=copy_id).update(reference="test.member:7")
    address = verp.return_path(copy_id)
    forged = address.replace(f"+{copy_id}.", f"+{copy_id + 1}.")
    assert handle_bounce(recipient=forged, raw=_dsn("failed", "5.1.1")) is False
    assert handle_bounce(recipient="someone@example.org", raw=b"x") is False
    assert handle_bounce(recipient=address, raw=_dsn("delayed", "4.4.7")) is True
    assert charged == []  # a warning counts nothing
    assert handle_bounce(recipient=address, raw=_dsn("failed", "5.1.1")) is True
    assert handle_bounce(recipient=address, raw=_dsn("failed", "5.1.1")) is True
    assert charged == [(copy_id, 1.0)]
    assert OutgoingMessage.objects.get(pk=copy_id).bounced_at is not None
