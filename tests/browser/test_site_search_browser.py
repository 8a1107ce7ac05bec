"""The site search in real Chromium, in English and in Arabic: a word typed into the search
form finds the contribution that holds it, the word is highlighted in the excerpt, markup in
the contribution's text is shown as text (never run), and the link opens the contribution."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from roundtable.contributions.actions import do_submit_contribution
from roundtable.permissions.actor import Actor
from tests.processes.scenes import person, scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_word_is_found_highlighted_and_opened(
    django_db_setup: Any, live_server: Any, browser: Any, language: str
) -> None:
    s = scene(
        venue_slug="igf", modality="igf-open-consultation", phase_kind="open-consultation",
        process_slug="oc",
    )  # fmt: skip
    author: User = person("bill@example.org")
    body = 'Exchange points lower costs. <img src=x id="injected"> Zebracorn peering helps.'
    do_submit_contribution(
        actor=Actor.person(author), call=s.call, title="On exchange points", body=body,
        language="en",
    )  # fmt: skip
    context = browser.new_context(base_url=live_server.url, locale=language)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/search/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    page.locator("#search-page-q").fill("zebracorn")
    page.locator("#search-page-q").press("Enter")
    page.wait_for_url("**/search/?*q=zebracorn*")
    results = page.locator('[data-kind="contributions"]')
    assert results.locator("mark").first.inner_text().lower() == "zebracorn"
    assert page.locator("#injected").count() == 0  # the markup is text in the excerpt
    results.get_by_role("link", name="On exchange points").click()
    page.wait_for_url("**/contributions/*/")
    assert "Zebracorn peering helps." in page.content()
    context.close()
