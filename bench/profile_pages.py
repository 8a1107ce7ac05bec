"""Where each key page's server time goes: queries per request and the top of a cProfile.

    .venv/bin/python bench/profile_pages.py [--copies K] [--cold] [--as WHO] [PAGE ...]
    .venv/bin/python bench/profile_pages.py --keep DIR [--cold] [PAGE ...]

The same data and pages as bench/bench_pages.py (demo plus the list archive, anonymous
reader, DEBUG off; with --keep DIR the scale pages of the database bench_pages generated there).
For each page: the SQL queries of one request, and the functions with the most cumulative
time over 20 calls. With --cold the shared-page cache is emptied before every request (the full
render); with --as participant (or a demo account's email) the reader is signed in (never
cached: the full render too). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_pages import client_as, load, pages, scale_pages, setup_django  # noqa: E402


class Recorder:
    """A database execute wrapper that keeps the SQL of every statement."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.statements.append(sql)
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="pages to profile (default: all)")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--cold", action="store_true", help="empty the page cache each time")
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

        def get(url: str) -> None:
            if args.cold:
                caches["pages"].clear()
            client.get(url)

        for name, url in (scale_pages() if args.keep else pages()).items():
            if args.names and name not in args.names:
                continue
            get(url)
            # An execute wrapper sees every statement; CaptureQueriesContext saw none here.
            recorder = Recorder()
            with connections["default"].execute_wrapper(recorder):
                get(url)
            queries = recorder.statements
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(20):
                get(url)
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats(args.sort)
            stats.print_stats(args.top)
            print(f"===== {name} {url}: {len(queries)} queries")
            for sql in queries:
                print("   ", sql[:160])
            print(out.getvalue())


if __name__ == "__main__":
    main()
