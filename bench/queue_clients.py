"""The viewers and the reference of bench_queue.py: raw asyncio sockets speaking just enough
HTTP/1.0 and server-sent events, all in the benchmark's one event loop (one clock)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field


@dataclass
class Viewer:
    """One EventSource: the times at which it received each event, by the event's id."""

    received: dict[int, float] = field(default_factory=dict)
    opened: asyncio.Event = field(default_factory=asyncio.Event)
    failed: str = ""


async def follow(
    viewer: Viewer, host: str, port: int, path: str, payloads: dict[int, bytes], cookie: str = ""
) -> None:
    """Read the stream at `path`; each event's data goes into `payloads` (shared by all the
    viewers: it tells which of the chair's requests an event answers)."""
    try:
        reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
    except OSError as exc:
        viewer.failed = f"connect: {exc}"
        viewer.opened.set()
        return
    headers = f"Host: {host}\r\nAccept: text/event-stream\r\n"
    if cookie:
        headers += f"Cookie: {cookie}\r\n"
    writer.write(f"GET {path} HTTP/1.0\r\n{headers}\r\n".encode())
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        if b" 200 " not in head.split(b"\r\n", 1)[0]:
            viewer.failed = head.split(b"\r\n", 1)[0].decode()
            return
        while True:
            block = await reader.readuntil(b"\n\n")
            now = time.perf_counter()
            if block.startswith(b"id: "):
                event_id = int(block[4 : block.index(b"\n")])
                viewer.received[event_id] = now
                if event_id not in payloads:
                    payloads[event_id] = block.partition(b"\ndata: ")[2].strip()
            else:
                viewer.opened.set()  # the opening comment
    except (asyncio.IncompleteReadError, OSError) as exc:
        if not viewer.failed:
            viewer.failed = f"stream ended: {exc!r}"
    finally:
        viewer.opened.set()
        writer.close()


async def request(
    host: str, port: int, method: str, path: str, body: bytes = b"", headers: str = ""
) -> tuple[int, bytes]:
    """One plain HTTP/1.0 request (the chair's): status and body."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        f"{method} {path} HTTP/1.0\r\nHost: {host}\r\nContent-Length: {len(body)}\r\n"
        f"{headers}\r\n".encode()
        + body
    )
    answer = await reader.read()
    writer.close()
    head, _, content = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), content


async def reference(clients: int, events: int, interval: float) -> list[float]:
    """The same fan-out with nothing in between: a bare in-process queue per viewer, in this
    loop. Latencies in milliseconds, from the put to each viewer's get."""
    queues: list[asyncio.Queue[tuple[int, float]]] = [asyncio.Queue() for _ in range(clients)]
    latencies: list[float] = []

    async def view(queue: asyncio.Queue[tuple[int, float]]) -> None:
        for _ in range(events):
            _, sent = await queue.get()
            latencies.append((time.perf_counter() - sent) * 1000)

    viewers = [asyncio.create_task(view(q)) for q in queues]
    for n in range(events):
        sent = time.perf_counter()
        for queue in queues:
            queue.put_nowait((n, sent))
        await asyncio.sleep(interval)
    await asyncio.gather(*viewers)
    return latencies
