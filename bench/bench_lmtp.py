"""Benchmark: LMTP delivery rate into the archive, beside a bare aiosmtpd sink, in one run.

- sink: `smtplib.SMTP` to an aiosmtpd server whose handler drops each message (the reference:
  what the protocol and the client cost);
- lmtp: `smtplib.LMTP` to `roundtable lmtp` (a subprocess, on a fresh SQLite database with a
  list and one member), one connection, one message per transaction, timed from the first
  send until the last message is in the archive (stored, threaded, queued to the member).

    .venv/bin/python bench/bench_lmtp.py [--messages N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import smtplib
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parents[1]
LIST = "bench@lists.example.org"
SETUP = f"""
from django.utils import timezone
from roundtable.lists.actions import do_ensure_list
from roundtable.lists.models import Subscription
from roundtable.permissions.actor import Actor
ml = do_ensure_list(actor=Actor.operator("bench"), address="{LIST}")
Subscription.objects.create(mailing_list=ml, email="poster@example.org", confirmed_at=timezone.now())
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def message(n: int) -> bytes:
    m = EmailMessage()
    m["From"] = "poster@example.org"
    m["To"] = LIST
    m["Subject"] = f"Bench message {n // 10}" if n % 10 == 0 else f"Re: Bench message {n // 10}"
    m["Message-ID"] = f"<bench-{n}@example.org>"
    if n % 10:
        m["In-Reply-To"] = f"<bench-{n - n % 10}@example.org>"
    m["Date"] = "Tue, 01 Dec 2026 10:00:00 +0000"
    m.set_content(f"Message {n}.\n\n" + "A line of text for the body.\n" * 20)
    return m.as_bytes()


class Sink:
    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        return "250 OK"


def bench_sink(raws: list[bytes]) -> float:
    port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as client:
            for raw in raws:
                client.sendmail("poster@example.org", [LIST], raw)
        return time.perf_counter() - start
    finally:
        controller.stop()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, str(REPO / "manage.py"), *args], cwd=REPO, env=env,
                   check=True, capture_output=True)  # fmt: skip


def bench_lmtp(raws: list[bytes], batch_wait: float) -> tuple[float, float]:
    """(seconds until every 250, seconds until every message is archived)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", ROUNDTABLE_DEBUG="0")
        env.pop("DJANGO_SETTINGS_MODULE", None)
        manage(env, "migrate", "-v0")
        manage(env, "shell", "-c", SETUP)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, str(REPO / "manage.py"), "lmtp", "--port", str(port),
             "--batch-wait", str(batch_wait)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            assert server.stdout is not None
            server.stdout.readline()
            start = time.perf_counter()
            with smtplib.LMTP("127.0.0.1", port) as client:
                for raw in raws:
                    client.sendmail("poster@example.org", [LIST], raw)
            accepted = time.perf_counter() - start
            while True:
                with sqlite3.connect(db) as con:
                    (left,) = con.execute(
                        "SELECT count(*) FROM mailroom_inboundmail WHERE status = 'pending'"
                    ).fetchone()
                if not left:
                    break
                time.sleep(0.05)
            archived = time.perf_counter() - start
            with sqlite3.connect(db) as con:
                (stored,) = con.execute("SELECT count(*) FROM lists_message").fetchone()
            assert stored == len(raws), f"{stored} of {len(raws)} archived"
            return accepted, archived
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--batch-wait", type=float, default=0.2)
    args = parser.parse_args()
    raws = [message(n) for n in range(args.messages)]
    sink = bench_sink(raws)
    accepted, archived = bench_lmtp(raws, args.batch_wait)
    n = args.messages
    result = {
        "messages": n,
        "sink_smtp_per_s": round(n / sink, 1),
        "lmtp_accepted_per_s": round(n / accepted, 1),
        "lmtp_archived_per_s": round(n / archived, 1),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{n} messages, one connection, one message per transaction")
    print(f"  bare aiosmtpd sink (smtplib.SMTP):      {result['sink_smtp_per_s']:>8} msg/s")
    print(f"  roundtable lmtp, 250 (spooled, durable): {result['lmtp_accepted_per_s']:>8} msg/s")
    print(f"  roundtable lmtp, into the archive:       {result['lmtp_archived_per_s']:>8} msg/s")


if __name__ == "__main__":
    main()
