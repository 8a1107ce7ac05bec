"""The production stack as separate processes, for the CI smoke (tests/smoke/serve_smoke.py) and
the load benchmark (bench/bench_load.py): a demo database, `roundtable serve` with N processes
and one `roundtable worker`, each a real subprocess, stopped (TERM, then KILL) on the way out.

Not a pytest module: these start servers on real ports and take a minute."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# uvicorn's access line (`"GET / HTTP/1.1" 500`), the request log's JSON, a traceback.
SERVER_ERROR = re.compile(r'HTTP/1\.1" 5\d\d|"status": 5\d\d|Traceback|database is locked')
REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """One `roundtable` command to its end; its output, or SystemExit naming what failed."""
    done = subprocess.run(
        [sys.executable, "-m", "roundtable.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(
            f"`roundtable {' '.join(args)}` failed (exit {done.returncode}):\n"
            f"{done.stdout[-2000:]}{done.stderr[-4000:]}"
        )
    return done.stdout


def base_env(data_dir: Path, database_url: str = "") -> dict[str, str]:
    """The environment of every process of the stack: production-like (DEBUG off, JSON logs),
    on loopback, data in `data_dir`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ROUNDTABLE_DEBUG")}
    env |= {
        "ROUNDTABLE_DATA_DIR": str(data_dir),
        "ROUNDTABLE_DEBUG": "0",
        "ROUNDTABLE_LOG_FORMAT": "json",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def share_static(data_dir: Path) -> None:
    """Collected static files kept between runs (var/ is git-ignored): `roundtable serve`
    collects again only when a source file changed, sparing each run a quarter of a minute.
    Kept in this test run's own data folder: `dev.py test` runs two databases' suites side by
    side, and two collectstatic runs must not write one folder at once."""
    cache = Path(os.environ.get("ROUNDTABLE_DATA_DIR", REPO / "var")) / "collected-static"
    cache.mkdir(parents=True, exist_ok=True)
    (data_dir / "static").symlink_to(cache, target_is_directory=True)


def load_demo(env: dict[str, str]) -> None:
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "demo")


def wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise SystemExit(f"`roundtable serve` did not become healthy at {url}:\n{tail}")
        time.sleep(0.5)


def stop(proc: subprocess.Popen[bytes]) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


@contextmanager
def serving(
    env: dict[str, str], logs: Path, *, workers: int, port: int = 0
) -> Iterator[tuple[str, list[int]]]:
    """`roundtable serve --workers N` and one `roundtable worker`; yields the base URL and the
    pids (server first, then worker). Their output goes to files in `logs`."""
    port = port or free_port()
    url = f"http://{HOST}:{port}"
    logs.mkdir(parents=True, exist_ok=True)
    serve_log, worker_log = logs / "serve.log", logs / "worker.log"
    with serve_log.open("wb") as serve_out, worker_log.open("wb") as worker_out:
        server = subprocess.Popen(
            [sys.executable, "-m", "roundtable.cli", "serve", "--host", HOST]
            + ["--port", str(port), "--workers", str(workers)],
            cwd=REPO,
            env=env,
            stdout=serve_out,
            stderr=subprocess.STDOUT,
        )
        worker = subprocess.Popen(
            [sys.executable, "-m", "roundtable.cli", "worker", "--no-reload"]
            + ["--interval", "0.2", "--no-startup-delay"],
            cwd=REPO,
            env=env,
            stdout=worker_out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_healthy(url, server, serve_log)
            if worker.poll() is not None:
                raise SystemExit(
                    "`roundtable worker` stopped at once:\n"
                    + worker_log.read_text(errors="replace")[-3000:]
                )
            yield url, [server.pid, worker.pid]
        finally:
            stop(server)
            stop(worker)


def errors_in(log: Path) -> list[str]:
    """Lines of a server log that report a server error (a traceback or a 5xx)."""
    if not log.exists():
        return []
    return [
        line for line in log.read_text(errors="replace").splitlines() if SERVER_ERROR.search(line)
    ]
