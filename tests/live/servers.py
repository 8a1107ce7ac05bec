"""Real servers for the live tests: uvicorn processes over tests.live.settings, and a viewer
that reads a server-sent-events stream from a plain socket."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(database: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    # A long poll, so that a test passing says the wake-up path works, not the safety net.
    env |= {"DJANGO_SETTINGS_MODULE": "tests.live.settings", "ROUNDTABLE_LIVE_POLL_SECONDS": "600"}
    return env | database


@contextmanager
def uvicorn(env: dict[str, str], port: int = 0) -> Iterator[str]:
    """One uvicorn process serving tests.live.asgi; yields its base URL."""
    port = port or free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "tests.live.asgi:application", "--port", str(port)]
        + ["--lifespan", "off", "--log-level", "warning", "--timeout-graceful-shutdown", "1"],
        cwd=REPO,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the uvicorn server did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def publish(base: str, channel: str, count: int = 1) -> list[int]:
    host, port = base.removeprefix("http://").split(":")
    http = HTTPConnection(host, int(port), timeout=30)
    try:
        http.request("POST", f"/test-live/publish/{channel}/?count={count}")
        response = http.getresponse()
        assert response.status == 200, response.read()
        return list(json.load(response)["ids"])
    finally:
        http.close()


@dataclass(frozen=True)
class Received:
    id: int
    kind: str
    data: dict[str, object]


class Viewer:
    """Follows a stream in a thread, as an EventSource would, and keeps what it receives."""

    def __init__(self, base: str, path: str, *, last_event_id: int | None = None) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        headers = f"Host: {host}\r\nAccept: text/event-stream\r\n"
        if last_event_id is not None:
            headers += f"Last-Event-ID: {last_event_id}\r\n"
        # HTTP/1.0: the body is the stream itself, no chunked framing to undo.
        self.sock.sendall(f"GET {path} HTTP/1.0\r\n{headers}\r\n".encode())
        self.status = 0
        self.events: list[Received] = []
        self.comments: list[str] = []
        self.opened = threading.Event()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        if not self.opened.wait(30):
            raise RuntimeError("the stream did not open")

    def _read(self) -> None:
        buffer = b""
        try:
            while b"\r\n\r\n" not in buffer:
                buffer += self._recv()
            head, buffer = buffer.split(b"\r\n\r\n", 1)
            self.status = int(head.split()[1])
            while True:
                while b"\n\n" in buffer:
                    block, buffer = buffer.split(b"\n\n", 1)
                    self._take(block.decode())
                buffer += self._recv()
        except (OSError, EOFError):
            self.opened.set()

    def _recv(self) -> bytes:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError
        return chunk

    def _take(self, block: str) -> None:
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            if line.startswith(":"):
                self.comments.append(line[1:].strip())
            elif ":" in line:
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")
        if "data" in fields:
            self.events.append(
                Received(int(fields["id"]), fields["event"], json.loads(fields["data"]))
            )
        self.opened.set()

    def wait_for(self, count: int, timeout: float = 20) -> list[Received]:
        deadline = time.monotonic() + timeout
        while len(self.events) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.events)

    def close(self) -> None:
        # shutdown, not just close: it wakes the reading thread out of recv().
        self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()
        self.thread.join(5)


@dataclass
class Served:
    """A `roundtable serve` run: its port and pid, and its output once it has stopped."""

    port: int
    pid: int
    output: str = ""


@contextmanager
def roundtable_serve(env: dict[str, str], *, workers: int) -> Iterator[Served]:
    """`roundtable serve --workers N` on a free port, yielded once it answers HTTP (any status:
    /healthz says 503 with no task worker running); stopped after, its output kept."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "roundtable.cli", "serve", "--port", str(port)]
        + ["--workers", str(workers)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    served = Served(port, proc.pid)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                connection = HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                connection.close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "did not start"
                time.sleep(0.3)
        yield served
    finally:
        proc.terminate()
        served.output = proc.communicate(timeout=30)[0]
