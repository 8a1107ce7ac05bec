"""The Arabic process page in real Chromium: words, not identifiers; the English rule text one
click away and isolated left-to-right; the matrix readable without colour and scrolling in
its own box on a phone (issue 11, point 2)."""

from __future__ import annotations

import re

import pytest

from roundtable.demo.world import DEMO_PASSWORD, load_demo
from roundtable.modalities.loader import load_modality
from roundtable.permissions.door import get_modality
from tests.support.browser import sign_in
from tests.support.visible_text import raw_identifiers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC = re.compile(r"[\u0600-\u06ff]")
WTPF = "/venues/itu/wtpf/"


def _rights() -> set[str]:
    return set(load_modality("itu-wtpf").rights) | set(get_modality("participation").rights)


def _arabic(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    with page.expect_navigation():
        page.select_option("#language-select", "ar")


def test_arabic_process_page_for_an_anonymous_visitor(page, live_server, screenshot) -> None:
    load_demo()
    _arabic(page)
    page.goto(WTPF)
    assert page.locator("html").get_attribute("dir") == "rtl"
    shown = page.locator("main").inner_text()  # what Chromium renders: no closed <details>
    assert raw_identifiers(shown, _rights()) == []
    invitation = page.locator(".you .invitation")
    assert "سجّل الدخول واطلب الاعتماد للمشاركة" in invitation.inner_text()
    assert page.locator(".you .verdict").count() == 0  # no wall of refusals
    # Each cell: a word, and an icon hidden from screen readers; a caption and a legend.
    cell = page.locator(".rights-matrix td").first
    assert ARABIC.search(cell.locator(".cell-word").inner_text())
    assert cell.locator(".cell-icon").get_attribute("aria-hidden") == "true"
    assert ARABIC.search(page.locator(".rights-matrix caption").inner_text())
    assert page.locator(".matrix-legend > div").count() == 3
    screenshot(page, "process-ar-anonymous")


def test_arabic_process_page_signed_in_reasons_and_phone_width(
    browser, live_server, screenshot
) -> None:
    load_demo()
    context = browser.new_context(
        base_url=live_server.url, locale="ar", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "bill@example.org", DEMO_PASSWORD)
    _arabic(page)
    page.goto(WTPF)
    shown = page.locator("main").inner_text()
    assert raw_identifiers(shown, _rights()) == []
    verdicts = page.locator(".you .verdict")
    assert verdicts.count() > 0
    assert all(ARABIC.search(v) for v in verdicts.all_inner_texts())
    assert ARABIC.search(page.locator(".you .would-allow").first.inner_text())
    # The engine's English text: hidden until asked for, then shown left-to-right.
    english = page.locator(".you .engine-reason").first
    assert not english.is_visible()
    page.locator(".you summary").first.click()
    assert english.is_visible() and english.get_attribute("dir") == "ltr"
    assert english.get_attribute("lang") == "en" and "itu-wtpf" in english.inner_text()
    # On a phone the wide matrix scrolls inside its own box, not the page.
    box = page.locator(".matrix-scroll")
    sizes = box.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert sizes[0] > sizes[1] and sizes[1] <= 390
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    screenshot(page, "process-ar-signed-in-phone")
    context.close()
