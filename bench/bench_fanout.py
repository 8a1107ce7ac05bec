"""Benchmark: fan-out of one list message to 1,000 members through the outbox.

In one run, against the same kind of SMTP sink (aiosmtpd on loopback, in this process):
- reference: bare `smtplib`, one connection, 1,000 `sendmail` calls of a copy of the same size
  (what the wire and the sink allow);
- roundtable: `enqueue_list_delivery` (1,000 copies with their list headers, queued in one
  transaction), then a real `roundtable worker` subprocess drains the outbox; the rate counts
  the copies the sink received from the first to the last (worker start-up shown apart).
The database is a fresh SQLite file (or PostgreSQL when DATABASE_URL says so, in a scratch
database created beside it).

    .venv/bin/python bench/bench_fanout.py [--members 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.smtp_sink import Sink  # noqa: E402

SETUP = """
import time
from email.message import EmailMessage
from django.utils import timezone
from roundtable.lists.delivery import enqueue_list_delivery
from roundtable.lists.models import MailingList, Message, Subscription
from roundtable.permissions.actor import Actor
ml = MailingList.objects.create(address="bench@lists.example.org", slug="bench", name="Bench")
now = timezone.now()
Subscription.objects.bulk_create([Subscription(mailing_list=ml, email=f"m{{n}}@example.net",
    delivery="each", confirmed_at=now) for n in range({members})])
mime = EmailMessage()
mime["From"] = "Ann <ann@example.com>"
mime["To"] = ml.address
mime["Subject"] = "Agenda for the next meeting"
mime["Message-ID"] = "<bench@example.com>"
mime.set_content("A paragraph of a typical list message. " * 60)
message = Message.objects.create(mailing_list=ml, key="0123456789abcdef", message_id="bench@example.com",
    content_hash="x", subject="Agenda", raw=bytes(mime))
from django.urls import reverse
reverse("lists:index")  # the URLconf is loaded once per process, not per fan-out
start = time.perf_counter()
count = enqueue_list_delivery(actor=Actor.operator("bench"), message_id=message.pk)
print("RESULT", count, time.perf_counter() - start, len(bytes(mime)))
"""


def _env(database_url: str, port: int) -> dict[str, str]:
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        ROUNDTABLE_DEBUG="0",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        ROUNDTABLE_MAIL_DOMAIN="lists.example.org",
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    return done.stdout


def reference(members: int, size: int) -> dict[str, float]:
    sink = Sink().start()
    body = b"From: ann@example.com\r\nTo: bench@lists.example.org\r\nSubject: Agenda\r\n\r\n" + (
        b"x" * 70 + b"\r\n"
    ) * max(1, (size - 80) // 72)
    try:
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", sink.port) as conn:
            for n in range(members):
                conn.sendmail("bounces@lists.example.org", [f"m{n}@example.net"], body)
        seconds = time.perf_counter() - start
    finally:
        sink.stop()
    return {"copies": members, "seconds": seconds, "per_second": members / seconds}


def _database(folder: Path) -> tuple[str, str]:
    """(DATABASE_URL for the run, a label)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        base, _slash, _name = url.rpartition("/")
        scratch = f"bench_fanout_{os.getpid()}"
        subprocess.run(
            ["psql", url, "-c", f"CREATE DATABASE {scratch}"], check=True, capture_output=True
        )
        return f"{base}/{scratch}", "postgresql"
    return f"sqlite:///{folder / 'fanout.sqlite3'}", "sqlite"


def roundtable(members: int, folder: Path) -> dict[str, float | str]:
    sink = Sink().start()
    url, label = _database(folder)
    env = _env(url, sink.port)
    try:
        _manage(env, "migrate", "-v0")
        output = _manage(env, "shell", "-c", SETUP.format(members=members))
        line = [row for row in output.splitlines() if row.startswith("RESULT ")][-1]
        count, enqueue_seconds, size = line.split()[1:]
        started = time.perf_counter()
        worker = subprocess.Popen(
            [sys.executable, str(REPO / "manage.py"), "worker", "--no-reload",
             "--no-startup-delay", "--interval", "0.1"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        first = None
        deadline = time.monotonic() + 600
        while sink.count() < members and time.monotonic() < deadline:
            if first is None and sink.count():
                first = time.perf_counter()
            time.sleep(0.005)
        last = time.perf_counter()
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
        received = sink.count()
        recipients = {item.rcpt_tos[0] for item in sink.snapshot()}
    finally:
        sink.stop()
    first = first or last
    return {
        "database": label,
        "copies": received,
        "distinct": len(recipients),
        "queued": int(count),
        "message_bytes": int(size),
        "enqueue_seconds": float(enqueue_seconds),
        "worker_start_seconds": first - started,
        "seconds": last - first,
        "per_second": received / max(last - first, 1e-9),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ours = roundtable(args.members, Path(folder))
    ref = reference(args.members, int(ours["message_bytes"]) + 400)
    if args.json:
        print(json.dumps({"roundtable": ours, "smtplib": ref}))
        return
    print(f"fan-out to {args.members} members ({ours['database']}):")
    print(
        f"  roundtable worker: {ours['per_second']:8.0f} copies/s  "
        f"({ours['copies']} copies, {ours['distinct']} distinct, in {ours['seconds']:.2f} s; "
        f"queued in {ours['enqueue_seconds']:.2f} s; worker start {ours['worker_start_seconds']:.2f} s)"
    )
    print(
        f"  bare smtplib:      {ref['per_second']:8.0f} copies/s  "
        f"({ref['copies']} copies in {ref['seconds']:.2f} s)"
    )


if __name__ == "__main__":
    main()
