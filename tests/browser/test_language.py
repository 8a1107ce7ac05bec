from __future__ import annotations

import pytest

from roundtable.demo.world import load_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switch_to_arabic_turns_the_page_right_to_left(page, live_server, screenshot) -> None:
    load_world()
    page.goto("/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    screenshot(page, "home-en")
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"
    # The interface really is in Arabic, not only mirrored.
    assert "المكان" in page.content() or "الأماكن" in page.content()
    path = screenshot(page, "home-ar-rtl")
    assert path.exists() and path.stat().st_size > 1000


def test_every_language_renders(page, live_server) -> None:
    from django.conf import settings

    page.goto("/")
    for code, _name in settings.LANGUAGES:
        with page.expect_navigation():
            page.select_option("#language-select", code)
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("html").get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
