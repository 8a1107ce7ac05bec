"""Acceptance (issue 14): 200 copies go out through a real `roundtable worker` subprocess to a
real SMTP server on loopback; the server stops in the middle, the worker is killed (-9) and
two are started in its place, the server comes back: every copy arrives exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.support.smtp_sink import Sink
from tests.support.subprocesses import manage, query, run, scratch_database, wait

COPIES = 200

ENQUEUE = f"""
from email.message import EmailMessage
from roundtable.outbox.actions import enqueue_mail
from roundtable.permissions.actor import Actor
message = EmailMessage()
message["From"] = "chair@lists.example.org"
message["Subject"] = "Agenda"
message.set_content("See you there.")
enqueue_mail(actor=Actor.operator("test"), to=[f"m{{n}}@example.net" for n in range({COPIES})],
             message=message, purpose="test")
"""


def _env(url: str, port: int) -> dict[str, str]:
    env = dict(
        os.environ,
        DATABASE_URL=url,
        ROUNDTABLE_DEBUG="0",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        ROUNDTABLE_MAIL_DOMAIN="lists.example.org",
        ROUNDTABLE_OUTBOX_BATCH="10",
        ROUNDTABLE_OUTBOX_RETRY_BASE_SECONDS="0.3",
        ROUNDTABLE_OUTBOX_RETRY_MAX_SECONDS="1.5",
        ROUNDTABLE_OUTBOX_LEASE_SECONDS="2",
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return manage(env, "worker", "--interval", "0.1", "--no-startup-delay", "--no-reload")


def _states(url: str) -> dict[str, int]:
    rows = query(url, "SELECT state, count(*) FROM outbox_outgoingmessage GROUP BY 1")
    return {str(state): int(str(count)) for state, count in rows}


def _retried(url: str) -> int:
    rows = query(
        url, "SELECT count(*) FROM outbox_outgoingmessage WHERE state='queued' AND attempts > 0"
    )
    return int(str(rows[0][0])) if rows else 0


@pytest.mark.own_database
def test_server_down_and_worker_killed_every_copy_delivered_exactly_once(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as db:
        _fan_out_through_failures(db)


def _fan_out_through_failures(db: str) -> None:
    sink = Sink().start()
    env = _env(db, sink.port)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        run(env, "migrate", "-v0")
        run(env, "shell", "-c", ENQUEUE)
        workers.append(_worker(env))
        assert wait(lambda: sink.count() >= 40, 60), "the worker sent nothing"
        sink.stop()  # the server goes away in the middle of the fan-out
        assert wait(lambda: _retried(db) > 0, 30), "no copy was deferred"
        during = sink.count()
        assert during < COPIES
        os.killpg(workers[0].pid, signal.SIGKILL)  # and the worker dies
        workers[0].wait(timeout=30)
        time.sleep(0.5)
        sink.start()  # same port
        workers += [_worker(env), _worker(env)]  # two at once: never one copy twice
        assert wait(lambda: _states(db) == {"sent": COPIES}, 120), _states(db)
        received = sink.snapshot()
        per_recipient = Counter(r for item in received for r in item.rcpt_tos)
        assert len(received) == COPIES
        assert set(per_recipient.values()) == {1}
        assert set(per_recipient) == {f"m{n}@example.net" for n in range(COPIES)}
        assert all(item.mail_from.startswith("bounces+") for item in received)
    finally:
        for proc in workers:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        sink.stop()
