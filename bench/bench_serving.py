"""Where a request's time goes under the server (issue 15): the same pages on one fresh SQLite
demo, served one uvicorn process at a time in each of these ways, by the same keep-alive clients
(bench/load_client.py) in the same run:

- `asyncio+h11`: uvicorn's pure-Python event loop and HTTP parser, ASGI;
- `uvloop+httptools`: uvicorn's compiled ones (`uvicorn[standard]`), ASGI, what
  `roundtable serve` runs when they are installed;
- `wsgi`: the WSGI application under uvicorn's WSGI adapter (a thread pool), same loop.

Beside them, `in-process`: Django's test client calling the WSGI handler directly, no server
and no socket: the page's own cost. The gap between it and one client through a server is what
the server and the ASGI hand-off add per request.

    python bench/bench_serving.py [--seconds 5] [--clients 1,20] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_load import discover, drive, percentile
from bench.load_client import Request
from tests.smoke.stack import HOST, REPO, base_env, free_port, load_demo, share_static, stop
from tests.smoke.stack import wait_healthy as wait_up

PAGES = ["healthz", "static", "home", "process", "call", "list"]
VARIANTS = {
    "asyncio+h11": ("roundtable.asgi:application", ["--loop", "asyncio", "--http", "h11"]),
    "uvloop+httptools": (
        "roundtable.asgi:application",
        ["--loop", "uvloop", "--http", "httptools"],
    ),
    "wsgi": ("roundtable.wsgi:application", ["--interface", "wsgi", "--loop", "uvloop"]),
}


@contextmanager
def server(env: dict[str, str], logs: Path, app: str, options: list[str]) -> Iterator[int]:
    port = free_port()
    log = logs / f"{app.replace(':', '-')}-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", app, "--host", HOST, "--port", str(port)]
            + ["--lifespan", "off", "--no-access-log", *options],
            cwd=REPO,
            env=env | {"ROUNDTABLE_STATIC_COLLECTED": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_up(f"http://{HOST}:{port}", proc, log)
            yield port
        finally:
            stop(proc)


def in_process(env: dict[str, str], paths: dict[str, str], seconds: float) -> dict[str, float]:
    """ms per page through Django's test client in a child process (settings of `env`)."""
    code = (
        "import json, sys, time, django; django.setup()\n"
        "from django.test import Client\n"
        "paths, seconds = json.loads(sys.argv[1]), float(sys.argv[2]); out = {}\n"
        "for name, path in paths.items():\n"
        "    c = Client(); c.get(path); n = 0; t = time.perf_counter()\n"
        "    while time.perf_counter() - t < seconds: c.get(path); n += 1\n"
        "    out[name] = round((time.perf_counter() - t) / n * 1000, 2)\n"
        "print(json.dumps(out))\n"
    )
    wanted = {k: paths[k] for k in PAGES if k != "static"}
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(wanted), str(seconds)],
        cwd=REPO,
        env=env | {"DJANGO_SETTINGS_MODULE": "roundtable.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def measure(port: int, paths: dict[str, str], clients: int, seconds: float) -> dict[str, dict]:  # type: ignore[type-arg]
    result = {}
    for page in PAGES:
        pick = lambda page=page: Request(page, paths[page])  # noqa: E731
        tallies, elapsed = asyncio.run(drive(port, [("", pick)] * clients, seconds))
        tally = tallies[page]
        result[page] = {
            "rps": round(len(tally.latencies) / elapsed, 1),
            "p50_ms": round(percentile(tally.latencies, 0.5) * 1000, 2),
            "not_200": sum(c for s, c in tally.statuses.items() if s != 200),
        }
    return result


def run(args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    folder = Path(tempfile.mkdtemp(prefix="roundtable-serving-"))
    try:
        (folder / "data").mkdir()
        share_static(folder / "data")
        env = base_env(folder / "data") | {"ROUNDTABLE_REQUEST_LOG_LEVEL": "WARNING"}
        print("Loading the demo on SQLite ...", file=sys.stderr)
        load_demo(env)
        subprocess.run(
            [sys.executable, "-m", "roundtable.cli", "collectstatic", "--no-input", "-v", "0"],
            cwd=REPO,
            env=env | {"ROUNDTABLE_STATIC_COLLECTED": "1"},
            check=True,
        )
        result: dict = {"load_before": os.getloadavg()[0], "variants": {}}  # type: ignore[type-arg]
        for name, (app, options) in VARIANTS.items():
            with server(env, folder, app, options) as port:
                paths = discover(f"http://{HOST}:{port}") | {"healthz": "/healthz"}
                print(f"{name} ...", file=sys.stderr)
                result["variants"][name] = {
                    str(n): measure(port, paths, n, args.seconds) for n in args.clients
                }
        print("in-process ...", file=sys.stderr)
        result["in_process_ms"] = in_process(env, paths, args.seconds)
        result["load_after"] = os.getloadavg()[0]
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def show(result: dict) -> None:  # type: ignore[type-arg]
    print(f"bench_serving: load average {result['load_before']:.1f} before, "
          f"{result['load_after']:.1f} after (shared machine: compare within this run only)")  # fmt: skip
    variants = result["variants"]
    first = next(iter(variants.values()))
    head = ["page", "in-proc ms"] + [f"{v} {n}c" for n in first for v in variants]
    print(" | ".join(head))
    for page in PAGES:
        cells = [page, str(result["in_process_ms"].get(page, "-"))]
        for n in first:
            for v in variants:
                m = variants[v][n][page]
                bad = f" ({m['not_200']} not 200)" if m["not_200"] else ""
                cells.append(f"{m['rps']} req/s, p50 {m['p50_ms']} ms{bad}")
        print(" | ".join(cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", default="1,20", help="comma-separated client counts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    args.clients = [int(n) for n in args.clients.split(",")]
    result = run(args)
    print(json.dumps(result, indent=2)) if args.json else show(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
