"""Sign-up mails its confirmation link through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from roundtable.stakeholders.models import Profile

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.original_content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    try:
        yield inbox
    finally:
        controller.stop()


def test_sign_up_sends_a_working_confirmation_link_over_smtp(
    client: Client, smtp_server: Inbox
) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": "Grace@Example.org",
            "display_name": "Grace",
            "password": "a long enough passphrase",
            "region": "",
            "gender": "",
        },
    )
    assert response.status_code == 302
    deadline = time.monotonic() + 10
    while not smtp_server.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["To"] == "grace@example.org"
    body = mail.get_payload(decode=True).decode()  # type: ignore[union-attr]
    link = re.search(r"http://testserver(/accounts/verify/\?token=\S+)", body)
    assert link is not None, body
    assert Profile.objects.get(user__username="grace@example.org").email_verified_at is None
    assert client.get(link.group(1)).status_code == 200
    assert Profile.objects.get(user__username="grace@example.org").email_verified_at is not None


def test_a_mail_server_that_is_down_does_not_lose_the_account(
    client: Client, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nothing listens
    response = client.post(
        "/accounts/signup/",
        {"email": "lin@example.org", "display_name": "Lin", "password": "another long passphrase"},
    )
    assert response.status_code == 302
    assert Profile.objects.filter(user__username="lin@example.org").exists()
    assert "could not be sent" in caplog.text
