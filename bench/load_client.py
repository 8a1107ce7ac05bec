"""The clients of bench_load.py: raw asyncio sockets speaking HTTP/1.1 with keep-alive, one
connection per client, all in the benchmark's one event loop (one clock). Stdlib only: the
lock holds no async HTTP client, and this is all a load test needs."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import urllib.parse
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What one kind of request saw: latencies in seconds and the statuses."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    connection_errors: int = 0
    # X-Page-Cache of each answer (web/page_cache.py): hit, stored, or none.
    page_cache: dict[str, int] = field(default_factory=dict)

    def add(self, status: int, seconds: float, page_cache: str = "none") -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.page_cache[page_cache] = self.page_cache.get(page_cache, 0) + 1


class ClosedBeforeAnswer(Exception):
    """The server closed the connection before a byte of the answer."""


@dataclass
class Request:
    """One request a client may make: a GET, or a form POST (body already encoded)."""

    kind: str
    path: str
    form: dict[str, str] | None = None
    expect: tuple[int, ...] = (200,)


class Connection:
    """One keep-alive connection; reconnects after an error or a `Connection: close`."""

    def __init__(self, host: str, port: int, cookie: str = "") -> None:
        self.host, self.port, self.cookie = host, port, cookie
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.page_cache = "none"  # the last answer's X-Page-Cache

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def send(self, request: Request) -> int:
        """The status of the answer, its body read to the end; OSError on a connection error."""
        reused = self.writer is not None
        try:
            return await self._send_once(request)
        except ClosedBeforeAnswer as exc:
            await self.close()
            if not reused:
                raise OSError(f"connection closed before an answer: {exc}") from exc
        # A kept connection that the server closed while it was idle (its keep-alive timeout,
        # 5 s under uvicorn), before reading this request: browsers send it again on a new
        # connection, and so does this client, once.
        return await self._send_once(request)

    async def _send_once(self, request: Request) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, limit=1 << 22
            )
        assert self.reader is not None
        head = f"Host: {self.host}:{self.port}\r\nConnection: keep-alive\r\n"
        if self.cookie:
            head += f"Cookie: {self.cookie}\r\n"
        body = b""
        method = "GET"
        if request.form is not None:
            method = "POST"
            body = urllib.parse.urlencode(request.form).encode()
            head += (
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n"
                f"Referer: http://{self.host}:{self.port}{request.path}\r\n"
            )
        self.writer.write(f"{method} {request.path} HTTP/1.1\r\n{head}\r\n".encode() + body)
        try:
            status, keep = await self._answer()
        except (asyncio.IncompleteReadError, ValueError) as exc:
            await self.close()
            raise OSError(f"bad answer: {exc}") from exc
        if not keep:
            await self.close()
        return status

    async def _answer(self) -> tuple[int, bool]:
        assert self.reader is not None
        try:
            raw = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            if not exc.partial:
                raise ClosedBeforeAnswer("end of stream") from exc
            raise
        except ConnectionResetError as exc:
            raise ClosedBeforeAnswer("reset") from exc
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        self.page_cache = headers.get("x-page-cache", "none")
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            await self.reader.readexactly(int(headers.get("content-length", "0")))
        return status, headers.get("connection", "").lower() != "close"


async def client(
    connection: Connection,
    pick: object,
    tallies: dict[str, Tally],
    until: float,
    think: float = 0.0,
) -> None:
    """Send what `pick()` says, one request after the other, until the monotonic time `until`;
    with `think` > 0, pause between requests for a random time of that mean (exponential, as a
    person reading a page), starting with one such pause so that clients do not all arrive at
    once. With 0, a closed loop: the next request as soon as the answer is read."""
    assert callable(pick)
    if think > 0:
        first = random.expovariate(1 / think)  # noqa: S311 (a load pattern)
        await asyncio.sleep(min(first, max(0.0, until - time.monotonic())))
    while time.monotonic() < until:
        request: Request = pick()
        tally = tallies.setdefault(request.kind, Tally())
        started = time.monotonic()
        try:
            status = await connection.send(request)
        except OSError:
            tally.connection_errors += 1
            await connection.close()
            await asyncio.sleep(0.05)
            continue
        tally.add(status, time.monotonic() - started, connection.page_cache)
        if think > 0:
            pause = random.expovariate(1 / think)  # noqa: S311 (a load pattern)
            await asyncio.sleep(min(pause, max(0.0, until - time.monotonic())))
    await connection.close()
