"""Linking addresses in archived plain text: roundtable.text.links.linkify against Django's
`urlize` filter, beside a bare `html.escape` of the same text as the reference, in one run.

    .venv/bin/python bench/bench_links.py [--months N] [--json]

The text is the plain-text bodies of the twisted-web Pipermail archive (../shared, read in
place), the first N monthly files. Reports milliseconds per message and the number of links
each made (they should be close: the two differ on bare domains such as `example.com`, which
urlize links and linkify leaves, and on a few edge cases of trailing punctuation).
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import html
import json
import mailbox
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
ARCHIVE = REPO.parent / "shared/data/mail/twisted-web-pipermail/twisted-web"


def bodies(months: int) -> list[str]:
    texts = []
    for path in sorted(ARCHIVE.glob("*.txt"))[:months]:
        for message in mailbox.mbox(str(path)):
            if message.is_multipart():
                continue
            payload = message.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                texts.append(payload.decode("utf-8", "replace"))
    return texts


def timed(texts: list[str], render: Callable[[str], str]) -> tuple[float, int]:
    started = time.perf_counter()
    out = [render(text) for text in texts]
    seconds = time.perf_counter() - started
    return seconds * 1000 / len(texts), sum(page.count("<a ") for page in out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--months", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
    import django

    django.setup()
    from django.utils.html import urlize

    from roundtable.text.links import linkify

    texts = bodies(args.months)
    results = {
        "html.escape (reference)": timed(texts, html.escape),
        "linkify": timed(texts, linkify),
        "django urlize": timed(texts, lambda t: urlize(t, nofollow=True, autoescape=True)),
    }
    if args.json:
        print(json.dumps({k: {"ms_per_message": v[0], "links": v[1]} for k, v in results.items()}))
        return
    size = sum(map(len, texts)) / 2**20
    print(f"{len(texts):,} plain-text messages, {size:.1f} MiB:")
    reference = results["html.escape (reference)"][0]
    for name, (ms, links) in results.items():
        print(f"  {name:24} {ms:8.4f} ms/message  {ms / reference:7.1f}x escape  {links:6,} links")


if __name__ == "__main__":
    main()
