"""Translated paragraphs in the search (roundtable/translations/search.py): the cost of keeping
only the current row of each (document, pid, language), beside the bare index read, same rows,
same run.

    .venv/bin/python bench/bench_search_translations.py [--paragraphs P] [--history H]
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_search_translations.py

A fresh database is migrated, then one published document of P paragraphs gets H rows per
paragraph in each of five languages (ar, zh-hans, es, fr, ru), bulk-inserted (the index is kept
by the database): the newest row holds the "current" words, the older ones the "superseded"
words. For each query, the median ms of a page of 10: `reference` is the index read alone
(`fulltext._matching`, every row, history included), `current` is `search_translations` (the
door's process list given, the current-row and latest-version checks, the shown fields and
excerpts), alternated. The worst case is a word only superseded rows hold: every candidate is
read and rejected. Not a test: nothing is asserted. `uptime` before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from roundtable.drafting.actions import do_create_document, do_publish_version  # noqa: E402
from roundtable.outputs import fulltext  # noqa: E402
from roundtable.permissions.actor import Actor  # noqa: E402
from roundtable.processes.actions import do_create_process, do_create_venue  # noqa: E402
from roundtable.stakeholders.organisations import do_ensure_default_groups  # noqa: E402
from roundtable.translations.models import TRANSLATION_TEXT, ParagraphTranslation  # noqa: E402
from roundtable.translations.search import search_translations  # noqa: E402

# language -> (current words, superseded words)
WORDS = {
    "ar": ("المنتدى يشجع الدول الأعضاء", "المؤتمر يدعو الحكومات"),
    "zh-hans": ("论坛鼓励成员国", "会议邀请各国政府"),
    "es": ("el Foro alienta a los Estados Miembros", "la Conferencia invita a los gobiernos"),
    "fr": ("le Forum encourage les États Membres", "la Conférence invite les gouvernements"),
    "ru": ("Форум призывает Государства-Члены", "Конференция предлагает правительствам"),
}
QUERIES = {
    "ar, every current row": "المنتدى",
    "ar, superseded only": "المؤتمر",
    "zh 2 chars, current": "论坛",
    "zh 2 chars, superseded": "会议",
    "fr, one current row": "exceptionnel",
    "found nowhere": "qqxyzzyqq",
}


def seed(paragraphs: int, history: int) -> int:
    operator = Actor.operator("bench")
    do_ensure_default_groups(actor=operator)
    venue = do_create_venue(actor=operator, slug="bench", name="Bench", default_modality="itu-wtpf")
    process = do_create_process(
        actor=operator, venue=venue, slug="bench", title="Bench", modality="itu-wtpf"
    )
    source = "\n\n".join(f"Paragraph {n} of the bench text." for n in range(1, paragraphs + 1))
    document = do_create_document(
        actor=operator, process=process, slug="bench", title="Bench", source=source
    )
    version = do_publish_version(actor=operator, document=document)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for paragraph in version.paragraphs.order_by("number"):
        for language, (current, old) in WORDS.items():
            for step in range(history):
                newest = step == history - 1
                words = current if newest else old
                if newest and language == "fr" and paragraph.number == 7:
                    words += " exceptionnel"
                rows.append(
                    ParagraphTranslation(
                        document=document, pid=paragraph.pid, language=language,
                        text=f"{words} {paragraph.pid} {step}", source_paragraph=paragraph,
                        created_at=start + timedelta(minutes=step),
                    )
                )  # fmt: skip
    ParagraphTranslation.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:  # as autovacuum would after a bulk load
        cursor.execute("ANALYZE")
    return int(process.pk)


def median_ms(run: object, repeat: int) -> tuple[float, int]:
    times, hits = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        hits = len(run())  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--history", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.1f} s")
    process = seed(args.paragraphs, args.history)
    total = ParagraphTranslation.objects.count()
    print(f"{os.environ['DATABASE_URL'].split(':')[0]}, {total} translated rows "
          f"({args.history} per paragraph and language), median of {args.repeat} (ms, page of 10):")  # fmt: skip
    print(f"  {'query':26} {'reference':>16} {'current':>12} {'reference':>16}")
    for label, query in QUERIES.items():

        def bare(query: str = query) -> Sequence[object]:
            return fulltext._matching(TRANSLATION_TEXT, "t.id", query, "", "", (), 10, 0)

        def current(query: str = query) -> Sequence[object]:
            return search_translations(viewer=None, text=query, processes=[process], hidden=[])

        before, after, again = (
            median_ms(bare, args.repeat),
            median_ms(current, args.repeat),
            (median_ms(bare, args.repeat)),
        )
        print(
            f"  {label:26} {before[0]:9.2f} ({before[1]:2}) {after[0]:7.2f} ({after[1]:2}) "
            f"{again[0]:9.2f} ({again[1]:2})"
        )
    if os.environ.get("BENCH_EXPLAIN"):
        explain(process)
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


def explain(process: int) -> None:
    """The plan of the current-row read for a word found nowhere (BENCH_EXPLAIN=1)."""
    with CaptureQueriesContext(connection) as seen:
        search_translations(viewer=None, text="qqxyzzyqq", processes=[process], hidden=[])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + seen.captured_queries[-1]["sql"])
        print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
