"""Server time of every key page beside a bare template view, in the same process and run.

    .venv/bin/python bench/bench_pages.py [--copies K] [--repeat N] [--json]

A throwaway SQLite database (or DATABASE_URL, e.g. a PostgreSQL test database) gets the demo
and the twisted-web list archive (../shared, read in place), `--copies K` times over (the
archive re-dated and re-keyed by bench/make_big_archive.py: K=8 gives about 43,000 messages).
Each page is requested through Django's test client with the full middleware stack and DEBUG
off, as an anonymous reader: warmed once, then timed N times; the median is reported, and the
ratio is the page's rate over the bare view's rate (1.0 = as fast as rendering an empty
template; the issue's target is 0.5). With --json: one object {page: {"ms": .., "ratio": ..}}.
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
ARCHIVE = REPO.parent / "shared/data/mail/twisted-web-pipermail/twisted-web"


def setup_django(tmp: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ["ROUNDTABLE_DATA_DIR"] = str(tmp)
    os.environ["ROUNDTABLE_DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.pages_settings"
    import django

    django.setup()


def load(copies: int, tmp: Path) -> None:
    from django.core.management import call_command

    from roundtable.demo.world import load_demo
    from roundtable.lists.actions import do_import_archive
    from roundtable.permissions.actor import Actor

    call_command("migrate", verbosity=0)
    load_demo()
    source = ARCHIVE
    if copies > 1:
        source = tmp / "archive"
        subprocess.run(  # noqa: S603
            [sys.executable, str(REPO / "bench/make_big_archive.py"), str(source),
             "--copies", str(copies)],
            check=True,
        )  # fmt: skip
    if source.exists():
        do_import_archive(
            actor=Actor.operator("bench"), list_address="twisted-web@twistedmatrix.com",
            paths=[str(source)],
        )  # fmt: skip


def pages() -> dict[str, str]:
    """The key pages, found in the loaded data (the same ones on every run)."""
    from roundtable.decisions.models import Adoption
    from roundtable.drafting.models import Document
    from roundtable.lists.models import MailingList, Message, Thread
    from roundtable.processes.models import Process

    process = Process.objects.filter(modality="itu-wtpf").first()  # the WTPF, with its matrix
    process = process or Process.objects.order_by("pk").first()
    assert process is not None  # noqa: S101
    call = process.calls.order_by("pk").first()
    document = Document.objects.filter(process=process).order_by("pk").first()
    document = document or Document.objects.order_by("pk").first()
    adoption = Adoption.objects.order_by("pk").first()
    biggest = max(MailingList.objects.all(), key=lambda m: m.messages.count())
    newest = Message.objects.filter(mailing_list=biggest).order_by("-date").first()
    thread = Thread.objects.filter(mailing_list=biggest).order_by("-pk").first()
    found = {
        "bare": "/__bare__/",
        "home": "/",
        "venue": f"/venues/{process.venue.slug}/",
        "process": f"/venues/{process.venue.slug}/{process.slug}/",
        "call": f"/calls/{call.pk}/" if call else "",
        "document": f"/documents/{document.pk}/" if document else "",
        "redline": f"/documents/{document.pk}/redline/" if document else "",
        "adoption": f"/adoptions/{adoption.pk}/" if adoption else "",
        "list": f"/lists/{biggest.slug}/",
        "month": (
            f"/lists/{biggest.slug}/{newest.date:%Y}/{newest.date.month}/"
            if newest and newest.date
            else ""
        ),  # fmt: skip
        "thread": f"/lists/{biggest.slug}/t/{thread.key}/" if thread else "",
        "search": f"/lists/{biggest.slug}/search/?q=the",
        "site search": "/search/?q=the",
        "api venues": "/api/venues",
        "api processes": f"/api/venues/{process.venue.slug}/processes",
        "api contributions": f"/api/processes/{process.venue.slug}/{process.slug}/contributions.json",
        "api documents": f"/api/processes/{process.venue.slug}/{process.slug}/documents",
    }
    return {name: url for name, url in found.items() if url}


def measure(urls: dict[str, str], repeat: int) -> dict[str, dict[str, float]]:
    from django.test import Client

    client = Client()
    times: dict[str, float] = {}
    for name, url in urls.items():
        first = client.get(url)
        if first.status_code != 200:
            print(f"  {name}: {url} answered {first.status_code}; skipped", file=sys.stderr)
            continue
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            samples.append(time.perf_counter() - started)
        times[name] = statistics.median(samples) * 1000
    bare = times["bare"]
    return {name: {"ms": round(ms, 2), "ratio": round(bare / ms, 3)} for name, ms in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--copies", type=int, default=1, help="list archive copies (1: 5,374 messages)"
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp))
        started = time.perf_counter()
        load(args.copies, Path(tmp))
        from roundtable.lists.models import Message

        loaded_s = time.perf_counter() - started
        result = measure(pages(), args.repeat)
        if args.json:
            print(json.dumps(result))
            return
        from django.db import connection

        print(f"{connection.vendor}, {Message.objects.count():,} list messages "
              f"(loaded in {loaded_s:.0f} s), median of {args.repeat}:")  # fmt: skip
        for name, figures in result.items():
            print(f"  {name:18} {figures['ms']:8.2f} ms   ratio {figures['ratio']:.3f}")


if __name__ == "__main__":
    main()
