"""Running `roundtable` commands as real subprocesses on a database of their own: a SQLite file,
or (under `dev.py test --db postgresql`) a scratch PostgreSQL database, where several workers
claim under real row locks. Used by the worker tests (outbox, heartbeats)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def scratch_database(tmp_path: Path) -> Iterator[str]:
    """A database of the workers' own: a SQLite file, or (under `dev.py test --db postgresql`)
    a scratch PostgreSQL database, where two workers claim under real row locks."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'workers.sqlite3'}"
        return
    name = f"outbox_worker_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{url.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def query(url: str, sql: str) -> list[tuple[object, ...]]:
    try:
        if url.startswith("sqlite:///"):
            with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=5) as con:
                return list(con.execute(sql))
        with psycopg.connect(url) as con:
            return list(con.execute(sql))
    except (sqlite3.OperationalError, psycopg.Error):
        return []


def manage(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "manage.py"), *args],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def run(env: dict[str, str], *args: str) -> None:
    proc = manage(env, *args)
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out.decode()


def wait(what: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if what():
            return True
        time.sleep(0.05)
    return False
