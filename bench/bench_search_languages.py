"""Full-text search per language (roundtable/outputs/fulltext.py) beside the language-neutral
'simple' index it replaced, on the same seeded rows in the same run.

    .venv/bin/python bench/bench_search_languages.py [--rows N] [--repeat R]
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_search_languages.py --rows N

Two scratch tables (bench_neutral, bench_languages) of the same N rows, a sixth of them in each
of ar, zh-hans, en, es, fr, ru (title and a ~40-word body: a few real words among made-up ones
in each script; Chinese a run of random common ideographs). Prints the time to build each index,
then for each query the median time of a page of 10 newest matches (the site search's read,
`fulltext._matching`), the two indexes alternated, and the number of matches on the page. Not a
test: nothing is asserted. `uptime` before and after (the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from roundtable.outputs import fulltext  # noqa: E402

REAL = {
    "ar": "الحكومة السياسات الرقمية تعزيز حكومات الإنترنت",
    "en": "policy policies data protection governance internet",
    "es": "políticas política gobiernos digitales internet",
    "fr": "réglementation plateformes numériques gouvernance internet",
    "ru": "политики политика кибербезопасности развитие интернет",
}
LETTERS = {
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "en": "abcdefghijklmnopqrstuvwxyz",
    "es": "abcdefghijklmnopqrstuvwxyzáéíóñ",
    "fr": "abcdefghijklmnopqrstuvwxyzéèàç",
    "ru": "абвгдежзийклмнопрстуфхцчшщыэюя",
}
CHINESE = "互联网治理论坛促进多利益攸关方对话数据保护政策发展安全合作国际社会经济技术"
QUERIES = {
    "en word (data)": "data",
    "en stem (policy)": "policy",
    "ar (الحكومة)": "الحكومة",
    "ru (политики)": "политики",
    "zh 5 chars": "利益攸关方",
    "zh 2 chars": "治理",
    "zh 3, none": "沙漠化",
    "zh 1, none": "沙",
    "no match": "qqxyzzyqq",
}
TABLES = ("bench_neutral", "bench_languages")


def text(rng: random.Random, language: str, words: int) -> str:
    if language == "zh-hans":
        common = "".join(rng.choice(CHINESE) for _ in range(words * 2))
        if rng.random() < 0.1:
            common += "多利益攸关方"
        rare = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(words))
        return common + "，" + rare
    real = REAL[language].split()
    made = (
        "".join(rng.choice(LETTERS[language]) for _ in range(rng.randint(3, 9)))
        for _ in range(words)
    )
    return " ".join(rng.choice(real) if rng.random() < 0.1 else word for word in made)


def seed(rows: int) -> None:
    rng = random.Random(18)
    languages = ["ar", "zh-hans", "en", "es", "fr", "ru"]
    data = [
        (pk, text(rng, lang, 5), text(rng, lang, 40), lang)
        for pk, lang in ((pk, languages[pk % 6]) for pk in range(1, rows + 1))
    ]
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(
                f"CREATE TABLE {table} (id bigint PRIMARY KEY, title text, body text, "
                "language varchar(10))"
            )
            for start in range(0, rows, 5000):
                cursor.executemany(
                    f"INSERT INTO {table} (id, title, body, language) VALUES (%s, %s, %s, %s)",  # noqa: S608
                    data[start : start + 5000],
                )


def median_ms(index: fulltext.Index, query: str, repeat: int) -> tuple[float, int]:
    times, hits = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        hits = len(fulltext._matching(index, "t.id", query, "", "", (), 10, 0))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=30000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    seed(args.rows)
    indexes = {
        "simple": fulltext.Index(table="bench_neutral", columns=("title", "body")),
        "languages": fulltext.Index(
            table="bench_languages", columns=("title", "body"), language="language"
        ),
    }
    for name, index in indexes.items():
        started = time.perf_counter()
        with connection.schema_editor() as editor:
            fulltext.create(index, editor)
        print(f"{name} index built in {time.perf_counter() - started:.1f} s")
    print(f"{connection.vendor}, {args.rows} rows, median of {args.repeat} (ms, page of 10):")
    print(f"  {'query':20} {'simple':>14} {'languages':>14}")
    for label, query in QUERIES.items():
        before = median_ms(indexes["simple"], query, args.repeat)
        after = median_ms(indexes["languages"], query, args.repeat)
        again = median_ms(indexes["simple"], query, args.repeat)  # alternated: noise shows
        simple = f"{before[0]:6.2f}/{again[0]:.2f} ({before[1]})"
        print(f"  {label:20} {simple:>14} {after[0]:7.2f} ({after[1]:2})")
    with connection.schema_editor() as editor:
        for index in indexes.values():
            fulltext.drop(index, editor)
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
