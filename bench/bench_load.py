"""Load on the production stack (issue 15): `roundtable serve` (two processes on PostgreSQL,
one on SQLite as docs/running.md advises; --app-workers changes it) and one `roundtable worker`
on a fresh demo database, driven by N concurrent keep-alive HTTP clients for S seconds.

Mixed reads and writes of real flows: anonymous readers load key pages (home, venue, process,
call, contribution, document, lists, list, thread, search) and an API GET mix; signed-in
participants (demo accounts, signed in through the login form) read, submit inputs to the open
call, comment on a contribution and subscribe addresses to the demo list. Reports requests per
second, p50/p99 and the count of 5xx, connection errors and unexpected answers (a form answered
200 instead of redirecting), per kind and in all; beside a reference measured in the same run
by the same clients against the same server: a static file served by WhiteNoise, and /healthz.

    python bench/bench_load.py --clients 200 --seconds 60 [--think S] [--json]
        [--db sqlite|postgresql] [--app-workers N] [--keep]

With --think 0 (the default) each client sends its next request as soon as it has read an
answer: N closed loops, a saturation test, whose rate is what the server can do and whose
latencies grow with N. With --think S each client pauses between requests for a random time of
mean S seconds (exponential), as people reading pages do: N people offer about N/S requests
per second if answers were instant; the report gives that offered rate beside the served one
(below it, the server is the bottleneck and the latencies are queueing). The folder of the run
(data, server logs) is removed at the end unless --keep; the report quotes the first server
errors of the log.

Targets: 0 errors, p99 under 500 ms. Timings depend on the machine: compare with the
reference, never across machines.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_client import Connection, Request, Tally, client
from tests.smoke.client import CSRF, Session
from tests.smoke.stack import HOST, base_env, errors_in, load_demo, serving, share_static

PASSWORD = "roundtable-demo"  # noqa: S105 (the demo's published password)
PEOPLE = [
    "bertrand@example.org",
    "dick@example.org",
    "bill@example.org",
    "avri@example.org",
    "globaltel@example.org",
    "registry@example.org",
    "unesco@example.org",
    "professor@example.org",
]
PROCESS = "/venues/itu/cwg-internet/"  # its call is open in the demo (roundtable/demo/cwg.py)
SIGNED_IN_SHARE = 0.3


@contextmanager
def database(kind: str, folder: Path) -> Iterator[dict[str, str]]:
    if kind == "sqlite":
        yield base_env(folder)
        return
    import dev  # the throwaway PostgreSQL of the test runner

    # dev.py announces the server on stdout, which --json keeps for the one JSON object.
    with contextlib.redirect_stdout(sys.stderr), dev.postgresql() as url:
        yield base_env(folder, url)


def first(pattern: str, body: str, what: str) -> str:
    found = re.search(pattern, body)
    if not found:
        raise SystemExit(f"setup: no link to {what} found")
    return found.group(0)


def discover(url: str) -> dict[str, str]:
    """The paths of the demo's key pages, found as a visitor would, by following links."""
    web = Session(url)
    process = web.get(PROCESS).body
    call = first(r"/calls/\d+/", process, "the open call")
    document = first(r"/documents/\d+/", web.get(f"{PROCESS}documents/").body, "a document")
    contribution = first(r"/contributions/\d+/", web.get(call).body, "a contribution")
    listing = web.get("/lists/mmwg/").body
    thread = first(r"/lists/mmwg/t/[^/\"]+/", listing, "a thread")
    home = web.get("/").body
    static = first(r"/static/web/site\.[0-9a-f]+\.css", home, "the stylesheet")
    number = lambda path: path.strip("/").rsplit("/", 1)[-1]  # noqa: E731
    return {
        "home": "/",
        "venue": "/venues/itu/",
        "process": PROCESS,
        "call": call,
        "contribution": contribution,
        "document": document,
        "lists": "/lists/",
        "list": "/lists/mmwg/",
        "thread": thread,
        "search": "/search/?q=connectivity",
        "api:call": f"/api/calls/{number(call)}",
        "api:inputs": f"/api/calls/{number(call)}/contributions",
        "api:document": f"/api/documents/{number(document)}",
        "api:organisations": "/api/organisations",
        "static": static,
    }


def commentable(url: str, email: str, limit: int = 150) -> str:
    """A contribution `email` may comment on now (its page offers the comment form), found by
    following links from the home page; "" when none of the first `limit` does."""
    web = Session(url)
    web.post("/accounts/login/", {"username": email, "password": PASSWORD})
    venues = sorted(set(re.findall(r"/venues/[a-z0-9-]+/", web.get("/").body)))
    seen = 0
    for venue in venues:
        processes = set(re.findall(rf"{venue}[a-z0-9-]+/", web.get(venue).body))
        for process in sorted(processes):
            for call in sorted(set(re.findall(r"/calls/\d+/", web.get(process).body))):
                for contribution in sorted(
                    set(re.findall(r"/contributions/\d+/", web.get(call).body))
                ):
                    seen += 1
                    if f'action="{contribution}comments/"' in web.get(contribution).body:
                        return contribution
                    if seen >= limit:
                        return ""
    return ""


def sign_in(url: str, email: str, call: str) -> tuple[str, str]:
    """A signed-in participant: the Cookie header and a CSRF token of its session."""
    web = Session(url)
    answer = web.post("/accounts/login/", {"username": email, "password": PASSWORD})
    if answer.status != 302:
        raise SystemExit(f"setup: {email} could not sign in ({answer.status})")
    token = CSRF.search(web.get(call).body)
    assert token is not None
    cookie = "; ".join(f"{c.name}={c.value}" for c in web.jar)
    return cookie, token.group(1)


def weighted(choices: list[tuple[float, Callable[[], Request]]]) -> Callable[[], Request]:
    makers = [m for _, m in choices]
    weights = [w for w, _ in choices]
    return lambda: random.choices(makers, weights)[0]()  # noqa: S311 (a load mix)


def reader_mix(paths: dict[str, str]) -> Callable[[], Request]:
    pages = [k for k in paths if k not in ("static", "commentable")]
    return weighted([(1.0, lambda k=k: Request(k, paths[k])) for k in pages])  # type: ignore[misc]


def participant_mix(
    paths: dict[str, str], token: str, serial: Iterator[int]
) -> Callable[[], Request]:
    call, contribution = paths["call"], paths["contribution"]
    commented = paths.get("commentable", "")

    def submit() -> Request:
        n = next(serial)
        form = {"csrfmiddlewaretoken": token, "title": f"Load input {n}", "language": "en",
                "body": f"Input {n}, sent by the load benchmark."}  # fmt: skip
        return Request("write:input", call, form, (302,))

    def comment() -> Request:
        form = {"csrfmiddlewaretoken": token, "body": f"Comment {next(serial)}."}
        return Request("write:comment", f"{commented}comments/", form, (302,))

    def subscribe() -> Request:
        form = {"csrfmiddlewaretoken": token, "action": "join",
                "email": f"load{next(serial)}@example.net"}  # fmt: skip
        return Request("write:subscribe", "/lists/mmwg/join/", form, (302,))

    return weighted(
        [
            (0.25, lambda: Request("signed-in:call", call)),
            (0.15, lambda: Request("signed-in:contribution", contribution)),
            (0.15, lambda: Request("signed-in:document", paths["document"])),
            (0.15, lambda: Request("signed-in:home", "/")),
            (0.12, submit),
            (0.13 if commented else 0.0, comment),
            (0.05, subscribe),
        ]
    )


async def drive(
    port: int, clients: list[tuple[str, Callable[[], Request]]], seconds: float, think: float = 0.0
) -> tuple[dict[str, Tally], float]:
    tallies: dict[str, Tally] = {}
    until = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(
        *(
            client(Connection(HOST, port, cookie), pick, tallies, until, think)
            for cookie, pick in clients
        )
    )
    return tallies, time.monotonic() - started


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(tallies: list[Tally], elapsed: float, expect: dict[str, tuple[int, ...]]) -> dict:  # type: ignore[type-arg]
    latencies = [x for t in tallies for x in t.latencies]
    statuses: dict[int, int] = {}
    for t in tallies:
        for status, count in t.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "errors_5xx": sum(c for s, c in statuses.items() if s >= 500),
        "connection_errors": sum(t.connection_errors for t in tallies),
        "statuses": {str(s): c for s, c in sorted(statuses.items())},
        "page_cache": page_cache_outcome(tallies),
    }


def page_cache_outcome(tallies: list[Tally]) -> dict[str, float]:
    """How the shared-page cache answered: hit, stored (rendered and kept), none (not kept),
    and the share of hits."""
    counts = {"hit": 0, "stored": 0, "none": 0}
    for t in tallies:
        for outcome, count in t.page_cache.items():
            counts[outcome] = counts.get(outcome, 0) + count
    total = sum(counts.values())
    return counts | {"hit_ratio": round(counts["hit"] / total, 3) if total else 0.0}


def run(args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    folder = Path(tempfile.mkdtemp(prefix="roundtable-load-"))
    try:
        return measure(args, folder)
    finally:
        if args.keep:
            print(f"Logs and data kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def measure(args: argparse.Namespace, folder: Path) -> dict:  # type: ignore[type-arg]
    workers = args.app_workers or (2 if args.db == "postgresql" else 1)
    (folder / "data").mkdir()
    share_static(folder / "data")
    with database(args.db, folder / "data") as env:
        print(f"Loading the demo on {args.db} ...", file=sys.stderr)
        load_demo(env)
        with serving(env, folder / "logs", workers=workers) as (url, _pids):
            port = int(url.rsplit(":", 1)[1])
            paths = discover(url)
            signed_in = max(1, round(args.clients * SIGNED_IN_SHARE))
            # Comments go to a contribution the rules let a participant comment on now (found for
            # the first; the others' answers show under "unexp" if they may not); none found
            # leaves comments out of the mix, and the report says so.
            paths["commentable"] = commentable(url, PEOPLE[0])
            people = PEOPLE
            sessions = [
                sign_in(url, people[i % len(people)], paths["call"]) for i in range(signed_in)
            ]
            serial = iter(range(1, 10**9))
            readers = reader_mix(paths)
            clients = [
                (cookie, participant_mix(paths, token, serial)) for cookie, token in sessions
            ]
            clients += [("", readers)] * (args.clients - signed_in)
            reference_seconds = max(3.0, min(10.0, args.seconds / 4))
            print(
                f"Reference: {args.clients} clients, {reference_seconds:.0f} s ...", file=sys.stderr
            )
            static_pick = lambda: Request("static", paths["static"])  # noqa: E731
            health_pick = lambda: Request("healthz", "/healthz")  # noqa: E731
            static, static_s = asyncio.run(
                drive(port, [("", static_pick)] * args.clients, reference_seconds)
            )
            health, health_s = asyncio.run(
                drive(port, [("", health_pick)] * args.clients, reference_seconds)
            )
            print(f"Mixed load: {args.clients} clients ({signed_in} signed in), "
                  f"{args.seconds:.0f} s, think {args.think:g} s ...", file=sys.stderr)  # fmt: skip
            mixed, mixed_s = asyncio.run(drive(port, clients, args.seconds, args.think))
        log_errors = errors_in(folder / "logs" / "serve.log")
    expect = {"write:input": (302,), "write:comment": (302,), "write:subscribe": (302,)}
    by_kind = {k: summary([t], mixed_s, expect) for k, t in sorted(mixed.items())}
    unexpected = {
        k: sum(c for s, c in t.statuses.items() if s < 500 and s not in expect.get(k, (200,)))
        for k, t in mixed.items()
    }
    total = summary(list(mixed.values()), mixed_s, expect)
    total["unexpected"] = sum(unexpected.values())
    # What the clients would ask for if every answer were instant: N people each pausing `think`
    # seconds on average. None for think 0: a closed loop offers whatever the server can take.
    offered = round(args.clients / args.think, 1) if args.think > 0 else None
    return {
        "db": args.db,
        "app_workers": workers,
        "clients": args.clients,
        "signed_in": signed_in,
        "seconds": args.seconds,
        "think_s": args.think,
        "offered_rps": offered,
        "served_share": round(total["rps"] / offered, 2) if offered else None,
        "comments_on": paths.get("commentable") or "none (no contribution open to comments)",
        "reference": {
            "static": summary(list(static.values()), static_s, {}),
            "healthz": summary(list(health.values()), health_s, {}),
        },
        "mixed": total,
        # Anonymous readers' kinds carry no "signed-in:" or "write:" prefix.
        "anonymous_page_cache": page_cache_outcome([t for k, t in mixed.items() if ":" not in k]),
        "by_kind": {k: v | {"unexpected": unexpected[k]} for k, v in by_kind.items()},
        "server_log_errors": len(log_errors),
        "server_log_sample": log_errors[:5],
        "targets_met": total["errors_5xx"] == 0
        and total["connection_errors"] == 0
        and total["p99_ms"] < 500,
    }


def show(result: dict) -> None:  # type: ignore[type-arg]
    print(f"bench_load: {result['db']}, `roundtable serve --workers {result['app_workers']}` "
          f"+ 1 worker, {result['clients']} clients ({result['signed_in']} signed in), "
          f"{result['seconds']:.0f} s; comments on {result['comments_on']}")  # fmt: skip
    if result["offered_rps"]:
        print(f"think {result['think_s']:g} s (mean, exponential) per client: offered "
              f"{result['offered_rps']} req/s if answers were instant; served "
              f"{result['mixed']['rps']} req/s ({result['served_share']:.0%})")  # fmt: skip
    else:
        print("think 0: closed loops, each client sends again at once (saturation)")
    row = "{:<24} {:>8} {:>8} {:>8} {:>8} {:>5} {:>6} {:>6}"
    print(row.format("kind", "requests", "req/s", "p50 ms", "p99 ms", "5xx", "conn", "unexp"))
    lines = [("reference: static file", result["reference"]["static"]),
             ("reference: /healthz", result["reference"]["healthz"])]  # fmt: skip
    lines += list(result["by_kind"].items()) + [("ALL (mixed)", result["mixed"])]
    for name, s in lines:
        print(row.format(name, s["requests"], s["rps"], s["p50_ms"], s["p99_ms"], s["errors_5xx"],
                         s["connection_errors"], s.get("unexpected", "")))  # fmt: skip
    mixed, static = result["mixed"], result["reference"]["static"]
    print(f"mixed rate = {mixed['rps'] / static['rps']:.2f} x the static-file rate; "
          f"server log errors: {result['server_log_errors']}; "
          f"targets (0 errors, p99 < 500 ms): {'met' if result['targets_met'] else 'NOT met'}")  # fmt: skip
    cache = result["anonymous_page_cache"]
    print(f"anonymous reads, page cache: {cache['hit']} hit, {cache['stored']} stored, "
          f"{cache['none']} none; hit ratio {cache['hit_ratio']:.1%}")  # fmt: skip
    for line in result["server_log_sample"]:
        print(f"  {line[:300]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument(
        "--app-workers",
        type=int,
        default=0,
        help="server processes (default 2 on PostgreSQL, 1 on SQLite)",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause in seconds between a client's requests (exponential; default 0: each "
        "client sends its next request at once, a saturation test)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the logs and data folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = run(args)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        show(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
