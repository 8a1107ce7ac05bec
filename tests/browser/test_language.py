from __future__ import annotations

import pytest

from roundtable.demo.world import load_world
from roundtable.permissions.actor import Actor

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


def test_a_refusal_in_arabic_gives_the_verdict_in_arabic_and_the_rule_in_english(
    page, live_server, screenshot
) -> None:
    from roundtable.processes.actions import do_create_venue

    do_create_venue(actor=Actor.operator(), slug="itu", name="ITU", default_modality="itu-wtpf")
    page.goto("/")
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    response = page.goto("/venues/itu/accreditations/")
    assert response is not None and response.status == 403
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".verdict").inner_text().startswith("غير مسموح")
    reason = page.locator(".engine-reason")
    assert reason.get_attribute("lang") == "en" and reason.get_attribute("dir") == "ltr"
    assert not reason.is_visible()  # one click away
    page.locator(".denied summary").click()
    assert "Denied by default" in reason.inner_text()
    screenshot(page, "refusal-ar")


def test_a_wrong_address_gets_a_page_that_leads_home(page, live_server) -> None:
    response = page.goto("/no/such/page/")
    assert response is not None and response.status == 404
    assert "Nothing at this address" in page.content()
    page.click("text=Go to the home page")
    assert page.locator("h1").inner_text() == "Roundtable"
    assert page.locator("h2", has_text="Venues and processes").count() == 1
