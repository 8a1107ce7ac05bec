"""Issue 14's acceptance on a fresh demo, end to end through real processes: Bill, a member of
mmwg@wsis-cs.org, posts by LMTP (`roundtable lmtp`); the message is archived and threaded; a
real `roundtable worker` delivers every member's copy to a real SMTP server on loopback, each
with `List-Id` and a one-click `List-Unsubscribe` that works (RFC 8058: a POST with
`List-Unsubscribe=One-Click`, no login) against the same database."""

from __future__ import annotations

import email
import subprocess
import sys
import time
from email import policy
from pathlib import Path

from tests.mailroom.test_lmtp import (  # noqa: F401 - the fixtures come with their names
    ARCHIVED,
    REPO,
    Server,
    _env,
    db,
    deliver,
    demo_db,
    message,
    query,
    server,
    wait_for,
)
from tests.support.smtp_sink import Sink

ONE_CLICK = """
import os
from urllib.parse import urlsplit
from django.test import Client
url = urlsplit(os.environ["ONE_CLICK_URL"])
answer = Client(HTTP_HOST=url.hostname).post(url.path, {"List-Unsubscribe": "One-Click"})
print(answer.status_code)
"""


def _list_copies(sink: Sink) -> list[tuple[str, email.message.EmailMessage]]:
    """(recipient, message) of each copy the sink holds that came through mmwg's list."""
    found = []
    for record in sink.snapshot():
        copy = email.message_from_bytes(record.data, policy=policy.default)
        if "mmwg" in str(copy.get("List-Id", "")):
            found.extend((rcpt, copy) for rcpt in record.rcpt_tos)
    return found


def test_member_post_reaches_every_member_with_list_headers(
    db: Path,  # noqa: F811 - the fixture imported above
    server: Server,  # noqa: F811
) -> None:
    sink = Sink().start()
    env = _env(db) | {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(sink.port),
                      "ROUNDTABLE_SITE_URL": "http://localhost:8000"}  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, str(REPO / "manage.py"), "worker", "--interval", "0.2",
         "--no-startup-delay", "--no-reload"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        raw = message("Bill <bill@example.org>", "Modalities draft", "Ready for review.", "e2e-1")
        assert deliver(server.port, "bill@example.org", raw) == {}
        subject, thread, _own = wait_for(db, ARCHIVED, "e2e-1@example.org")[0]
        assert subject == "Modalities draft" and thread
        members = sorted(
            row[0]
            for row in query(
                db,
                "SELECT email FROM lists_subscription s JOIN lists_mailinglist l "
                "ON l.id = s.mailing_list_id WHERE l.address = 'mmwg@wsis-cs.org' "
                "AND s.confirmed_at IS NOT NULL AND s.delivery = 'each'",
            )  # fmt: skip
        )
        assert len(members) >= 2
        # The worker also sends what the demo queued before (its coalitions' founders are
        # invited to their lists): only the list's own copies of this post are counted.
        deadline = time.monotonic() + 180
        while len(_list_copies(sink)) < len(members) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # a second copy to one member, if any, would arrive now
        found = _list_copies(sink)
    finally:
        worker.terminate()
        worker.wait(30)
        sink.stop()
    assert sorted(rcpt for rcpt, _copy in found) == members  # every member, once
    copies = dict(found)
    for copy in copies.values():
        assert copy["Subject"].endswith("Modalities draft")
        assert copy["List-Id"] and "mmwg" in copy["List-Id"]
        assert copy["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert copy["Archived-At"]
    avri = copies["avri@example.org"]
    link = next(
        part.strip("<> ")
        for part in avri["List-Unsubscribe"].split(",")
        if part.strip().startswith("<http")
    )
    answered = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "shell", "-c", ONE_CLICK],
        cwd=REPO, env=env | {"ONE_CLICK_URL": link}, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert answered.stdout.strip().splitlines()[-1:] in (["200"], ["302"]), answered.stderr
    assert query(db, "SELECT s.confirmed_at FROM lists_subscription s JOIN lists_mailinglist l "
                 "ON l.id = s.mailing_list_id WHERE l.address = 'mmwg@wsis-cs.org' "
                 "AND s.email = 'avri@example.org'") == [(None,)]  # fmt: skip
