"""No participant's email address in any page an anonymous visitor can reach (issue 9).

Loads the demo (with its CWG-Internet process and the founding thread of the list archive),
then follows every same-site link from the home page, breadth first, up to PAGE_LIMIT pages,
as an anonymous visitor, and looks for every demo participant's address in each page.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from roundtable.demo.archive import load_seed_archive
from roundtable.demo.cwg import load_cwg
from roundtable.demo.people import PEOPLE
from roundtable.demo.world import ACTOR, load_demo

pytestmark = pytest.mark.django_db

PAGE_LIMIT = 400
HREF = re.compile(r'href="([^"]+)"')
# Not pages: files, the admin and sign-out, the API's machine documents.
SKIP = ("/static/", "/media/", "/admin/", "/accounts/logout", "/api/")


def _links(html: str, here: str) -> list[str]:
    found = []
    for raw in HREF.findall(html):
        url = urldefrag(raw.replace("&amp;", "&"))[0]
        if not url or url.startswith(("mailto:", "javascript:")):
            continue
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if parts.netloc not in ("testserver", ""):
                continue
            url = parts.path + (f"?{parts.query}" if parts.query else "")
        elif not url.startswith("/"):
            url = here.rsplit("/", 1)[0] + "/" + url
        if not url.startswith(SKIP):
            found.append(url)
    return found


def test_an_anonymous_crawl_of_the_demo_shows_no_participant_address() -> None:
    load_demo()
    load_cwg()
    load_seed_archive(actor=ACTOR)
    addresses = [p["email"] for p in PEOPLE]
    assert addresses and all(a.endswith("@example.org") for a in addresses)
    client = Client()
    queue, seen, pages = deque(["/"]), {"/"}, 0
    leaks: list[str] = []
    while queue and pages < PAGE_LIMIT:
        url = queue.popleft()
        response = client.get(url)
        pages += 1
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        lowered = html.lower()
        leaks += [f"{a} on {url}" for a in addresses if a in lowered]
        for link in _links(html, url):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    assert pages > 30, pages  # the crawl reached the processes, documents and archive
    assert leaks == []
