"""Where each key page's server time goes: queries per request and the top of a cProfile.

    .venv/bin/python bench/profile_pages.py [--copies K] [--cold] [--as WHO] [PAGE ...]
    .venv/bin/python bench/profile_pages.py --keep DIR [--cold] [--first] [PAGE ...]

With --keep DIR: the scale pages of a database bench_pages.py generated into DIR (--messages
... --keep DIR). --cold empties the page cache before each request (the profile is of the
render, not of a cache hit); --first empties the fragment cache too. The SQL time printed is
each statement's execute call (rows fetched later by the ORM are not in it).

The same data and pages as bench/bench_pages.py (demo plus the list archive, anonymous
reader, DEBUG off; with --keep DIR the scale pages of the database bench_pages generated there).
For each page: the SQL queries of one request, and the functions with the most cumulative
time over 20 calls. With --cold the shared-page cache is emptied before every request (the full
render); with --as participant (or a demo account's email) the reader is signed in (without
--cold: their own kept page, web/page_cache.py). Not a test: nothing is asserted.
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

from bench.bench_pages import client_as, load, pages, scale_pages, setup_django  # noqa: E402


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
    parser.add_argument("--cold", action="store_true", help="empty the page cache each time")
    parser.add_argument("--first", action="store_true", help="empty the fragment cache too")
    parser.add_argument("--as", dest="who", default="anonymous")
    parser.add_argument("--keep", type=Path, help="the scale database bench_pages kept here")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (e.g. tottime)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(args.keep or Path(tmp))
        if args.keep is None:
            load(args.copies, Path(tmp))
        from django.core.cache import caches
        from django.db import connections

        client = client_as(args.who)

        def empty() -> None:
            if args.cold or args.first:
                caches["pages"].clear()
            if args.first:
                caches["default"].clear()
                caches["rows"].clear()

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
            stats = pstats.Stats(profile, stream=out).sort_stats(args.sort)
            stats.print_stats(args.top)
            sql_ms = sum(recorder.seconds) * 1000
            print(f"===== {name} {url}: {len(queries)} queries, {sql_ms:.1f} ms of SQL in "
                  f"{total * 1000:.1f} ms (one request, unprofiled)")  # fmt: skip
            for sql, seconds in zip(queries, recorder.seconds, strict=True):
                print(f"    {seconds * 1000:6.2f} ms", sql[:150])
            print(out.getvalue())


if __name__ == "__main__":
    main()
