"""Server time of the site search (/search/) beside a bare template view, cold and warm.

    .venv/bin/python bench/bench_site_search.py --keep DIR [--repeat N] [--migrate]
    DATABASE_URL=postgresql://... .venv/bin/python bench/bench_site_search.py --keep DIR

DIR is a folder written by `bench/bench_pages.py --messages N --keep DIR` (its SQLite database,
or with DATABASE_URL only its secret key and data folder). Queries: a common word, a rare word,
a phrase and a word found nowhere. Cold: the shared-page cache emptied before each request (the
full render, as after any write); warm: answered from it. Medians of N, as an anonymous reader.
With --migrate the database is migrated first and the time it took printed (the backfill of new
full-text indexes happens there). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_pages import _median_ms, setup_django  # noqa: E402

QUERIES = {
    "bare": "",
    "common (the)": "the",
    "rare (zuzox)": "zuzox",
    'phrase ("of the")': '"of the"',
    "no match": "qqxyzzyqq",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--migrate", action="store_true")
    args = parser.parse_args()
    setup_django(args.keep)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    if args.migrate:
        started = time.perf_counter()
        call_command("migrate", verbosity=1)
        print(f"migrated in {time.perf_counter() - started:.1f} s")
    client = Client()
    print(f"{connection.vendor}, median of {args.repeat}:")
    print(f"  {'query':20} {'cold':>9} {'warm':>9}  status")
    for name, text in QUERIES.items():
        url = "/__bare__/" if not text else "/search/?" + urlencode({"q": text})
        status = client.get(url).status_code
        cold = _median_ms(client, url, args.repeat, cold=True)
        warm = _median_ms(client, url, args.repeat, cold=False)
        print(f"  {name:20} {cold:6.2f} ms {warm:6.2f} ms  {status}")


if __name__ == "__main__":
    main()
