"""PostgreSQL through `roundtable serve`: each server process takes its connections from a pool
(docs/running.md, "Serving"), so a burst of concurrent requests holds at most the pool's size
per process on the database server, and the connections outlive the requests (reused, not
opened per request). PostgreSQL only: SQLite has no server connections to count."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from pathlib import Path

import pytest
from django.db import connection

from tests.live.servers import roundtable_serve
from tests.smoke.stack import share_static

pytestmark = pytest.mark.django_db(transaction=True)

PROCESSES = 2
POOL_MAX = 3
BURST = 64


def _status(port: int, path: str) -> int:
    http = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        http.request("GET", path)
        response = http.getresponse()
        response.read()
        return response.status
    finally:
        http.close()


def _backends() -> list[tuple[int, str, str]]:
    """The client connections to the test database: pid, state, last query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database()"
            " AND backend_type = 'client backend'"
        )
        return [(int(pid), str(state), str(query)) for pid, state, query in cursor.fetchall()]


def _server_connections(before: set[int]) -> tuple[int, int]:
    """The servers' connections (all, and those idle): leaving out this test process's own
    (there before the servers started) and each server process's LISTEN connection (one per
    process, outside the pool)."""
    mine = [
        state
        for pid, state, query in _backends()
        if pid not in before and not query.startswith("LISTEN ")
    ]
    return len(mine), mine.count("idle")


def test_concurrent_requests_hold_at_most_the_pool_per_process(
    server_database: dict[str, str], tmp_path: Path
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("connection pooling is PostgreSQL's")
    data = tmp_path / "data"
    data.mkdir()
    share_static(data)
    env = {k: v for k, v in server_database.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {
        "ROUNDTABLE_DATA_DIR": str(data),
        "ROUNDTABLE_DB_POOL_MIN": "1",
        "ROUNDTABLE_DB_POOL_MAX": str(POOL_MAX),
        "ROUNDTABLE_REQUEST_LOG_LEVEL": "WARNING",
    }
    env.pop("CONN_MAX_AGE", None)
    before = {pid for pid, _, _ in _backends()}
    with roundtable_serve(env, workers=PROCESSES) as served:
        port = served.port
        # Both processes have served once, so each has a pool (opened on first use).
        most, done = 0, threading.Event()
        with ThreadPoolExecutor(max_workers=BURST) as burst:
            futures = [
                burst.submit(_status, port, path) for path in ["/", "/healthz"] * (BURST * 2)
            ]
            threading.Thread(target=lambda: [f.result() for f in futures] and done.set()).start()
            while not done.wait(0.01):
                most = max(most, _server_connections(before)[0])
            statuses = [f.result() for f in futures]
        assert set(statuses) <= {200, 503}, statuses  # 503: /healthz with no worker running
        print(f"at most {most} server connections during {len(statuses)} requests")
        assert 0 < most <= PROCESSES * POOL_MAX
        # Kept for the next request: the pool's connections stay open, idle, within the pool.
        total, idle = _server_connections(before)
        assert PROCESSES <= idle <= total <= PROCESSES * POOL_MAX
    assert "Traceback" not in served.output, served.output[-3000:]
