"""What one new message costs the list page: its first render after the message, beside cold
and first, at scale.

    .venv/bin/python bench/bench_list_new_message.py --keep DIR [--repeat N]

DIR is a scale database bench_pages.py generated (--messages ... --keep DIR). Modes, medians:

- cold: the page cache emptied (the fragments kept), as after a write elsewhere;
- first: the fragment cache emptied too, as for the first reader after a restart;
- new message: what a new message in the newest month of the newest thread changes on the list
  page (that month's counter, that thread's count and last date), written in a transaction
  rolled back after the request, the page cache emptied: the render pays for what changed only
  (each repeat adds a different count, so no repeat finds the previous one's fragments).

Not a test: nothing is asserted. With DATABASE_URL set it uses that database, and it writes
(rolled back): never point it at a database someone else is measuring.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_pages import client_as, scale_pages, setup_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    setup_django(args.keep)
    from django.core.cache import caches
    from django.db import transaction
    from django.db.models import F

    from roundtable.lists.models import ListMonth, MailingList, Thread

    urls = scale_pages()
    client = client_as("anonymous")
    mailing_list = MailingList.objects.get(address="scale@lists.example.org")
    newest_month = ListMonth.objects.filter(mailing_list=mailing_list).order_by("-month")[0]
    newest = Thread.objects.filter(mailing_list=mailing_list, last_at__isnull=False)
    newest_thread = newest.order_by("-last_at", "-key")[0]

    def timed(url: str, mode: str, step: int) -> float:
        caches["pages"].clear()
        if mode == "first":
            caches["default"].clear()
        if mode != "new message":
            started = time.perf_counter()
            client.get(url)
            return time.perf_counter() - started
        with transaction.atomic():
            ListMonth.objects.filter(pk=newest_month.pk).update(messages=F("messages") + step)
            Thread.objects.filter(pk=newest_thread.pk).update(
                message_count=F("message_count") + step,
                last_at=newest_thread.last_at + timedelta(seconds=step),
            )
            started = time.perf_counter()
            client.get(url)
            spent = time.perf_counter() - started
            transaction.set_rollback(True)
        return spent

    print(f"list page {urls['list']}, median of {args.repeat} (ms):")
    for name in ("bare", "list"):
        client.get(urls[name])
        for mode in ("cold", "first", "new message"):
            samples = [timed(urls[name], mode, step) for step in range(1, args.repeat + 1)]
            print(f"  {name:6} {mode:12} {statistics.median(samples) * 1000:8.2f}")


if __name__ == "__main__":
    main()
