"""Screenshots of the key pages in English and Arabic, at desktop width, from the demo data.

    .venv/bin/roundtable demo            # or: python3 dev.py demo --no-serve
    .venv/bin/python docs/screenshots/make.py

Starts the server on a free port against the same data folder, drives Debian's Chromium through
Playwright and saves docs/screenshots/<page>-<language>.png. It only reads: a page whose data is
not in the database (no adoption concluded yet, say) is skipped and named.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = "/usr/bin/chromium"
LANGUAGES = ["en", "ar"]
VIEWPORT = {"width": 1280, "height": 900}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def key_pages() -> dict[str, str | None]:
    """Paths of the pages to show, looked up in the database (None: nothing to show yet)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
    import django

    django.setup()
    from roundtable.decisions.models import Adoption, Outcome
    from roundtable.drafting.models import Document
    from roundtable.processes.models import Process

    process = Process.objects.filter(venue__slug="itu", slug="wtpf").first() or (
        Process.objects.order_by("pk").first()
    )
    document = (
        Document.objects.filter(process=process).order_by("pk").first()
        or Document.objects.order_by("pk").first()
    )
    outcome = Outcome.objects.order_by("-pk").first()
    adoption = outcome.adoption if outcome else Adoption.objects.order_by("-pk").first()
    return {
        "home": "/",
        "process": f"/venues/{process.venue.slug}/{process.slug}/" if process else None,
        "document": f"/documents/{document.pk}/" if document else None,
        "adoption": f"/adoptions/{adoption.pk}/" if adoption else None,
        "outcome": f"/outcomes/{outcome.pk}/" if outcome else None,
    }


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):  # noqa: S310 (loopback)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def main() -> int:
    pages = key_pages()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "roundtable.cli", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(url)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )
            for language in LANGUAGES:
                context = browser.new_context(base_url=url, viewport=VIEWPORT)
                context.add_cookies([{"name": "django_language", "value": language, "url": url}])
                page = context.new_page()
                for name, path in pages.items():
                    if path is None:
                        print(f"skipped {name}: nothing in the database to show yet")
                        continue
                    page.goto(path)
                    out = HERE / f"{name}-{language}.png"
                    page.screenshot(path=str(out), full_page=True)
                    print(f"saved {out.relative_to(ROOT)}")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
