"""Kill -9 an import in the middle, run it again: the same final state as an uninterrupted one."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def manage(db: Path, *args: str, **kw) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", ROUNDTABLE_DEBUG="0")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [sys.executable, str(REPO / "manage.py"), *args],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw,
    )  # fmt: skip


def run(db: Path, *args: str) -> str:
    proc = manage(db, *args)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return out.decode()


def state(db: Path) -> dict[str, object]:
    with sqlite3.connect(db) as con:
        return {
            "messages": sorted(con.execute(
                "SELECT m.key, m.content_hash, m.conflicting_id, t.key, m.parent_message_id, "
                "m.depth, m.position, m.own_text FROM lists_message m "
                "LEFT JOIN lists_thread t ON t.id = m.thread_id"
            )),
            "threads": sorted(con.execute(
                "SELECT key, root_message_id, subject, message_count, placeholders FROM lists_thread"
            )),
            "attachments": sorted(con.execute(
                "SELECT m.key, a.number, a.filename, a.size FROM lists_attachment a "
                "JOIN lists_message m ON m.id = a.message_id"
            )),
            "quarantine": sorted(con.execute("SELECT raw_hash, reason FROM lists_quarantinedmessage")),
            "runs": sorted(con.execute(
                "SELECT status, read, stored, duplicates, quarantined, threads FROM lists_importrun"
            )),
            "fts": con.execute("SELECT count(*) FROM lists_message_fts").fetchone(),
            "search": sorted(con.execute(
                "SELECT rowid FROM lists_message_fts WHERE lists_message_fts MATCH 'nevow'"
            )),
        }  # fmt: skip


def test_kill_minus_nine_and_resume(tmp_path: Path) -> None:
    shared = (
        REPO / ".." / "shared" / "data" / "mail" / "twisted-web-pipermail" / "twisted-web"
    ).resolve()
    if not shared.is_dir():
        pytest.skip(f"shared data not found at {shared}")
    source = str(shared / "2004-*.txt")  # a glob: twelve monthly archives
    args = (
        "lists",
        "import",
        "--list",
        "twisted-web@twistedmatrix.com",
        source,
        "--batch-size",
        "50",
    )

    calm, killed = tmp_path / "calm.sqlite3", tmp_path / "killed.sqlite3"
    for db in (calm, killed):
        run(db, "migrate", "-v0")
    expected = json.loads(run(calm, *args, "--json"))

    proc = manage(killed, *args, "--json", start_new_session=True)
    committed = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(killed, timeout=1) as con:
                row = con.execute("SELECT read FROM lists_importrun").fetchone()
            committed = row[0] if row else 0
        except sqlite3.OperationalError:
            committed = 0
        if committed >= 100:
            os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert 0 < committed < expected["read"]
    with sqlite3.connect(killed) as con:
        assert con.execute("SELECT status FROM lists_importrun").fetchone()[0] == "running"

    resumed = json.loads(run(killed, *args, "--json"))
    assert resumed == expected
    assert expected["read"] == expected["stored"] + expected["duplicates"] + expected["quarantined"]
    assert state(killed) == state(calm)
