"""The list search in real Chromium, in English and in Arabic: matches newest first, each
excerpt marked, and past the cap the notice (in the reader's language) that only the newest
are shown, asking for a narrower search (docs/lists.md, "Search")."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.utils import translation

from bench.make_scale_data import generate
from roundtable.lists import search
from roundtable.lists.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTICE = (
    "More than %(cap)s messages match: only the newest %(cap)s are shown, newest first. "
    "Add words, an author or dates to narrow the search."
)


def _pg() -> bool:
    return connection.vendor == "postgresql"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_newest_matches_first_and_the_cap_said(
    django_db_setup: Any, live_server: Any, browser: Any, language: str, monkeypatch: Any
) -> None:
    mailing_list = generate(messages=200, seed=5, log=None)
    newest = Message.objects.filter(mailing_list=mailing_list).latest("id")
    messages = Message.objects.filter(mailing_list=mailing_list)
    # a word of the newest message that many others hold as a word too (more than the cap)
    word = next(
        w
        for w in re.findall(r"[a-z]{4,}", newest.own_text.lower())
        if messages.filter(own_text__iregex=rf"\m{w}\M" if _pg() else rf"\b{w}\b").count() > 20
    )
    monkeypatch.setattr(search, "CAP", 5)  # the live server runs in this process

    context = browser.new_context(base_url=live_server.url, locale=language)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"/lists/{mailing_list.slug}/search/?q={word}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    with translation.override(language):
        expected = translation.gettext(NOTICE) % {"cap": 5}
    assert page.locator(".lists-capped").inner_text() == expected
    keys = [
        href.rstrip("/").rsplit("/", 1)[-1]
        for href in page.locator(".lists-results li > a:first-child").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    ]
    assert len(keys) == 5
    ids = [Message.objects.get(mailing_list=mailing_list, key=key).pk for key in keys]
    assert ids == sorted(ids, reverse=True)  # newest first
    marked = page.locator(".lists-snippet mark").all_inner_texts()
    assert marked and all(text.lower() == word for text in marked)
    context.close()
