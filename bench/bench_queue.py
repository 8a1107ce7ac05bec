"""Benchmark: live updates of a speaker queue (issue 13).

N viewers follow a meeting's stream by server-sent events while the chair gives the floor 100
times; reported: events delivered of those expected, the latency from the chair's request to each
viewer's receipt (p50/p95/p99), and the server's memory; beside it, measured in the same run,
the same events fanned out by a bare in-process asyncio queue (the reference).

The servers are what `roundtable serve` runs (uvicorn, the ASGI app, DEBUG off), on a fresh
database: SQLite in a temporary folder, or a throwaway PostgreSQL (`--db postgresql`), with
`--processes 2` for two app processes, the viewers split between them and the chair on the
first. The meeting, chair and speakers come from bench/queue_world.py (seeded).

    .venv/bin/python bench/bench_queue.py --clients 1000 [--processes 2 --db postgresql] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from queue_clients import Viewer, follow, reference, request
from queue_drivers import Driver, make_driver

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
HOST = "127.0.0.1"


def rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def threads(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Threads:"):
                total += int(line.split()[1])
    return total


def cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@contextmanager
def database(kind: str, folder: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ROUNDTABLE_DEBUG")}
    env |= {"ROUNDTABLE_DATA_DIR": str(folder), "ROUNDTABLE_DEBUG": "0"}
    # No static files are asked for here; the folder spares WhiteNoise a warning.
    (folder / "static").mkdir()
    if kind == "sqlite":
        yield env
        return
    import dev

    with dev.postgresql() as url:
        yield env | {"DATABASE_URL": url}


@contextmanager
def servers(driver: Driver, env: dict[str, str], count: int) -> Iterator[list[tuple[int, int]]]:
    """`count` uvicorn processes, each on its own port: (port, pid) each."""
    from roundtable.live.serving import raise_open_files_limit, uvicorn_command
    from tests.live.servers import free_port

    raise_open_files_limit()
    running = []
    try:
        for _ in range(count):
            port = free_port()
            command = uvicorn_command(host=HOST, port=port, workers=1)
            command[command.index("roundtable.asgi:application")] = driver.asgi_app
            proc = subprocess.Popen(
                [*command, "--log-level", "warning"], cwd=REPO, env=env | driver.env
            )
            running.append((port, proc))
        for port, proc in running:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection((HOST, port), timeout=1).close()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit("a server did not start") from None
                    time.sleep(0.2)
        yield [(port, proc.pid) for port, proc in running]
    finally:
        for _, proc in running:
            proc.terminate()
        for _, proc in running:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()


async def measure(
    driver: Driver, ports: list[int], pids: list[int], clients: int, events: int, interval: float
) -> dict[str, object]:
    payloads: dict[int, bytes] = {}
    viewers = [Viewer() for _ in range(clients)]
    gate = asyncio.Semaphore(32)
    idle_rss = rss_mib(pids)

    async def connect(n: int, viewer: Viewer) -> asyncio.Task[None]:
        async with gate:
            task = asyncio.create_task(
                follow(viewer, HOST, ports[n % len(ports)], driver.stream_path, payloads)
            )
            await viewer.opened.wait()
            return task

    started = time.perf_counter()
    tasks = await asyncio.gather(*(connect(n, v) for n, v in enumerate(viewers)))
    connect_s = time.perf_counter() - started
    failed = [v.failed for v in viewers if v.failed]
    rss_samples = [rss_mib(pids)]
    server_threads = threads(pids)

    sent: list[float] = []
    answered: list[float] = []
    cpu_before, own_before = cpu_seconds(pids), time.process_time()
    for k in range(events):
        sent.append(time.perf_counter())
        status, body = await request(HOST, ports[0], *driver.chair_request(k))
        answered.append(time.perf_counter())
        if not 200 <= status < 300:
            raise SystemExit(f"the chair's request {k} failed: {status} {body[:300]!r}")
        rss_samples.append(rss_mib(pids))
        await asyncio.sleep(interval)
    deadline = time.perf_counter() + 15
    while time.perf_counter() < deadline:
        if all(len(v.received) >= events for v in viewers if not v.failed):
            break
        await asyncio.sleep(0.1)
    rss_samples.append(rss_mib(pids))
    server_cpu = cpu_seconds(pids) - cpu_before
    client_cpu = time.process_time() - own_before

    which = {event_id: driver.request_of(data) for event_id, data in payloads.items()}
    latencies: list[float] = []
    delivered = 0
    for viewer in viewers:
        for event_id, at in viewer.received.items():
            turn = which.get(event_id)
            if turn is not None and 0 <= turn < events:
                delivered += 1
                latencies.append((at - sent[turn]) * 1000)
    # How far apart the viewers got each event: the fan-out alone, without the chair's action.
    first: dict[int, float] = {}
    for viewer in viewers:
        for event_id, at in viewer.received.items():
            first[event_id] = min(at, first.get(event_id, at))
    spread = [(at - first[event_id]) * 1000 for v in viewers for event_id, at in v.received.items()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    ref = await reference(clients, events, interval)
    chair_ms = [(a - s) * 1000 for s, a in zip(sent, answered, strict=True)]
    return {
        "clients": clients,
        "expected": clients * events,
        "delivered": delivered,
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "rss_mib": round(max(rss_samples), 1),
        "idle_rss_mib": round(idle_rss, 1),
        "connect_s": round(connect_s, 1),
        "failed_viewers": len(failed),
        "server_threads": server_threads,
        "chair_p50_ms": round(percentile(chair_ms, 0.5), 1),
        "spread_p95_ms": round(percentile(spread, 0.95), 1),
        "server_cpu_s": round(server_cpu, 1),
        "viewers_cpu_s": round(client_cpu, 1),
        "reference_p50_ms": round(percentile(ref, 0.50), 1),
        "reference_p95_ms": round(percentile(ref, 0.95), 1),
        "reference_p99_ms": round(percentile(ref, 0.99), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--events", type=int, default=100, help="times the floor is given")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between them")
    parser.add_argument("--processes", type=int, default=1, choices=[1, 2, 3, 4])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--driver", choices=["auto", "meetings", "publish"], default="auto")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-queue-")))
        env = stack.enter_context(database(args.db, folder))
        driver = make_driver(args.driver)
        setup = {**env, **driver.env}
        subprocess.run(
            [sys.executable, "-m", "roundtable.cli", "migrate", "--no-input", "-v", "0"],
            cwd=REPO,
            env=setup,
            check=True,
        )
        driver.prepare(setup, speakers=args.events, seed=args.seed)
        running = stack.enter_context(servers(driver, env, args.processes))
        result = asyncio.run(
            measure(
                driver,
                [port for port, _ in running],
                [pid for _, pid in running],
                args.clients,
                args.events,
                args.interval,
            )
        )
    result |= {"processes": args.processes, "db": args.db, "driver": driver.name}
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{args.clients} viewers, {args.processes} process(es) on {args.db} "
            f"({driver.name}): delivered {result['delivered']}/{result['expected']}; "
            f"latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
            f"p99 {result['p99_ms']} ms; server RSS {result['rss_mib']} MiB "
            f"(idle {result['idle_rss_mib']} MiB)\n"
            f"reference (bare in-process queue): p50 {result['reference_p50_ms']} ms, "
            f"p95 {result['reference_p95_ms']} ms, p99 {result['reference_p99_ms']} ms; "
            f"viewers connected in {result['connect_s']} s, {result['failed_viewers']} failed; "
            f"server threads {result['server_threads']}; "
            f"chair's request p50 {result['chair_p50_ms']} ms; an event reached the last "
            f"viewers (p95) {result['spread_p95_ms']} ms after the first; CPU while giving the floor: "
            f"server {result['server_cpu_s']} s, viewers {result['viewers_cpu_s']} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
