"""Where each key page's server time goes: queries per request and the top of a cProfile.

    .venv/bin/python bench/profile_pages.py [--copies K] [PAGE ...]

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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_pages import load, pages, setup_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="pages to profile (default: all)")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp))
        load(args.copies, Path(tmp))
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        client = Client()
        for name, url in pages().items():
            if args.names and name not in args.names:
                continue
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(20):
                client.get(url)
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
            stats.print_stats(args.top)
            print(f"===== {name} {url}: {len(queries)} queries")
            for query in queries.captured_queries:
                print("   ", query["sql"][:160])
            print(out.getvalue())


if __name__ == "__main__":
    main()
