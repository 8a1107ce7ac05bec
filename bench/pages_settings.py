"""The site's settings plus one bare template view at /__bare__/ (bench/bench_pages.py)."""

from roundtable.settings import *  # noqa: F403

ROOT_URLCONF = "bench.pages_urls"
