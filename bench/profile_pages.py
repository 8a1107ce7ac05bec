"""Where each key page's server time goes: queries per request and the top of a cProfile.

    .venv/bin/python bench/profile_pages.py [--copies K] [PAGE ...]
    .venv/bin/python bench/profile_pages.py --keep DIR [PAGE ...]   # bench_pages' scale data

With --keep DIR: the scale pages of a database bench_pages.py generated into DIR (--messages
... --keep DIR), profiled cold (the page cache emptied before each request; --first empties
the fragment cache too), so the profile is of the render, not of a cache hit. The SQL time
printed is each statement's execute call (rows fetched later by the ORM are not in it).

The same data and pages as bench/bench_pages.py (demo plus the list archive, anonymous
reader, DEBUG off). For each page: the number of SQL queries of one warm request, the share of
time spent rendering templates, and the functions with the most cumulative time over 20 calls.
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_pages import load, pages, scale_pages, setup_django  # noqa: E402


class Recorder:
    """A database execute wrapper that keeps the SQL of every statement and its time."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.seconds: list[float] = []

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.statements.append(sql)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds.append(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="pages to profile (default: all)")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--keep", type=Path, help="profile the scale data kept in this folder")
    parser.add_argument("--first", action="store_true", help="with --keep: no fragment cache")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(args.keep or Path(tmp))
        if not args.keep:
            load(args.copies, Path(tmp))
        from django.core.cache import caches
        from django.db import connections
        from django.test import Client

        def empty() -> None:
            if args.keep:
                caches["pages"].clear()
            if args.first:
                caches["default"].clear()

        client = Client()
        for name, url in (scale_pages() if args.keep else pages()).items():
            if args.names and name not in args.names:
                continue
            client.get(url)
            empty()
            # An execute wrapper sees every statement; CaptureQueriesContext saw none here.
            recorder = Recorder()
            started = time.perf_counter()
            with connections["default"].execute_wrapper(recorder):
                client.get(url)
            total = time.perf_counter() - started
            queries = recorder.statements
            profile = cProfile.Profile()
            for _ in range(20):
                empty()
                profile.enable()
                client.get(url)
                profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
            stats.print_stats(args.top)
            sql_ms = sum(recorder.seconds) * 1000
            print(f"===== {name} {url}: {len(queries)} queries, {sql_ms:.1f} ms of SQL in "
                  f"{total * 1000:.1f} ms (one request, unprofiled)")  # fmt: skip
            for sql, seconds in zip(queries, recorder.seconds, strict=True):
                print(f"    {seconds * 1000:6.2f} ms", sql[:150])
            print(out.getvalue())


if __name__ == "__main__":
    main()
