"""The site-wide search from the top bar, in Arabic (right to left), in real Chromium."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from roundtable.contributions.actions import do_open_call, do_submit_contribution
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import published_document, world
from tests.processes.scenes import accredit, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_from_the_top_bar_in_arabic(page, live_server, screenshot) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    now = timezone.now()
    call = do_open_call(
        actor=Actor.person(w.secretariat), process=w.process, title="دعوة",
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=5),
    )  # fmt: skip
    author = person("bill@example.org", "Bill")
    accredit(author, w.venue, "civil-society")
    do_submit_contribution(
        actor=Actor.person(author), call=call, title="نقاط تبادل الإنترنت", body="نقاط التبادل تخفض التكلفة.",
        language="ar",
    )  # fmt: skip
    published_document(w, text="# رأي\n\nنقاط التبادل في فقرة من الرأي.")
    page.goto("/")
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    search = page.get_by_role("search").first
    box = search.get_by_role("searchbox")
    assert box.get_attribute("placeholder") == "بحث"
    box.fill("التبادل")
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/?q=" in page.url
    assert page.locator("h1").inner_text() == "بحث"
    contributions = page.locator('[data-kind="contributions"]')
    assert contributions.locator("h2").inner_text() == "المساهمات"
    assert "نقاط تبادل الإنترنت" in contributions.inner_text()
    # The excerpt (roundtable/text/excerpts.py) ends at a word: the full stop is left out.
    assert "نقاط التبادل في فقرة من الرأي" in page.locator('[data-kind="paragraphs"]').inner_text()
    # No horizontal overflow at phone width, right to left.
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "search-ar")
