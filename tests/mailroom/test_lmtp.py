"""`roundtable lmtp` as a real subprocess on loopback, delivered to with `smtplib.LMTP`, over a
fresh demo database (one per module, copied per test)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from smtplib import LMTP, SMTPDataError, SMTPRecipientsRefused

import pytest

REPO = Path(__file__).resolve().parents[2]
LIST = "mmwg@wsis-cs.org"


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", ROUNDTABLE_DEBUG="0")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def manage(db: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        cwd=REPO, env=_env(db), capture_output=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("lmtp") / "demo.sqlite3"
    manage(db, "migrate", "-v0")
    manage(db, "demo")
    return db


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "db.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, db: Path, *extra: str) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "manage.py"), "lmtp", "--host", "127.0.0.1",
             "--port", str(self.port), *extra],
            cwd=REPO, env=_env(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().decode()
        assert "LMTP listening" in line, line or self.proc.stderr.read().decode()

    def stop(self, sig: int = signal.SIGTERM) -> None:
        self.proc.send_signal(sig)
        self.proc.wait(timeout=30)


@pytest.fixture
def server(db: Path) -> Iterator[Server]:
    running = Server(db, "--batch-wait", "0")
    yield running
    if running.proc.poll() is None:
        running.stop()


def message(sender: str, subject: str, body: str, msgid: str) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = LIST
    m["Subject"] = subject
    m["Message-ID"] = f"<{msgid}@example.org>"
    m["Date"] = "Tue, 01 Dec 2026 10:00:00 +0000"
    m.set_content(body)
    return m.as_bytes()


def deliver(port: int, sender: str, raw: bytes, to: str = LIST) -> dict[str, tuple[int, bytes]]:
    with LMTP("127.0.0.1", port) as client:
        return client.sendmail(sender, [to], raw)


def query(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as con:
        return list(con.execute(sql, args))


def wait_for(db: Path, sql: str, *args: object, timeout: float = 60) -> list[tuple[object, ...]]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        rows = query(db, sql, *args)
        if rows:
            return rows
        time.sleep(0.2)
    raise AssertionError(f"nothing for {sql}")


ARCHIVED = (
    "SELECT m.subject, t.key, m.own_text FROM lists_message m JOIN lists_thread t "
    "ON t.id = m.thread_id WHERE m.message_id = ?"
)


def test_member_posts_and_non_member_waits(db: Path, server: Server) -> None:
    body = "The modalities draft is ready.\n\n-- \nBill\n"
    assert deliver(server.port, "bill@example.org", message("Bill <bill@example.org>",
                   "Modalities draft", body, "draft-1")) == {}  # fmt: skip
    subject, thread, own = wait_for(db, ARCHIVED, "draft-1@example.org")[0]
    assert subject == "Modalities draft" and thread and "Bill" not in str(own)
    # Queued for the members (Avri and Bill, both on "each"), with the list's headers.
    copies = query(db, "SELECT recipient, raw FROM outbox_outgoingmessage "
                   "WHERE purpose = 'lists.message' ORDER BY recipient")  # fmt: skip
    assert [row[0] for row in copies] == ["avri@example.org", "bill@example.org"]
    assert b"List-Id:" in bytes(copies[0][1])  # type: ignore[arg-type]
    # A reply from Bill joins the thread.
    reply = message("bill@example.org", "Re: Modalities draft", "And one more point.", "draft-2")
    reply = reply.replace(b"Subject:", b"In-Reply-To: <draft-1@example.org>\nSubject:", 1)
    deliver(server.port, "bill@example.org", reply)
    assert wait_for(db, ARCHIVED, "draft-2@example.org")[0][1] == thread
    # Someone who is not a member: taken (250), held, not archived.
    deliver(server.port, "eve@example.net", message("eve@example.net", "Hello", "Hi.", "eve-1"))
    held = wait_for(db, "SELECT sender, rule, status FROM lists_heldmessage")
    assert held == [("eve@example.net", "open-mailing-list/anyone-may-ask", "pending")]
    assert not query(db, "SELECT id FROM lists_message WHERE message_id = 'eve-1@example.org'")
    # The list's counts follow.
    assert query(db, "SELECT stored FROM lists_importrun WHERE signature = 'live'") == [(2,)]


def test_banned_sender_bounces_with_the_rule(db: Path, server: Server) -> None:
    with sqlite3.connect(db) as con:
        con.execute("UPDATE lists_subscription SET banned = 1 WHERE email = 'bill@example.org'")
    with pytest.raises(SMTPDataError) as refused:
        deliver(server.port, "bill@example.org", message("bill@example.org", "x", "y", "ban-1"))
    assert refused.value.smtp_code == 550
    assert b"open-mailing-list/banned-refused" in refused.value.smtp_error
    assert query(db, "SELECT kind, status, outcome FROM mailroom_inboundmail") == [
        ("post", "refused", "open-mailing-list/banned-refused")
    ]


def test_unknown_recipient_is_refused(server: Server) -> None:
    with pytest.raises(SMTPRecipientsRefused):
        deliver(server.port, "a@example.org", b"Subject: x\n\ny\n", to="nobody@wsis-cs.org")


def test_malformed_and_oversized_mail_is_quarantined(db: Path, server: Server) -> None:
    deliver(server.port, "bill@example.org", b"From: bill@example.org\nSubject: \xff\xfe\n\n")
    wait_for(db, "SELECT id FROM mailroom_inboundmail WHERE status = 'done'")
    stored, quarantined = query(
        db, "SELECT stored, quarantined FROM lists_importrun WHERE signature = 'live'"
    )[0]
    assert (stored, quarantined) in ((1, 0), (0, 1))  # archived as best it can, or quarantined


def test_kill_minus_nine_after_250_loses_nothing(db: Path) -> None:
    # The processor waits a minute before archiving: the kill comes after the 250, before it.
    slow = Server(db, "--batch-wait", "60")
    raw = message("bill@example.org", "Before the crash", "Still here?", "crash-1")
    assert deliver(slow.port, "bill@example.org", raw) == {}
    slow.stop(signal.SIGKILL)
    assert query(db, "SELECT status FROM mailroom_inboundmail") == [("pending",)]
    assert not query(db, "SELECT id FROM lists_message WHERE message_id = 'crash-1@example.org'")
    again = Server(db, "--batch-wait", "0")
    try:
        assert wait_for(db, ARCHIVED, "crash-1@example.org")[0][0] == "Before the crash"
    finally:
        again.stop()
    assert query(db, "SELECT status FROM mailroom_inboundmail") == [("done",)]
