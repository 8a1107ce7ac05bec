"""This session's new pages in Arabic, in real Chromium: right to left, words instead of audit
identifiers, the reader's own events as "you", a refusal appealed through its page, and a
capped archive search that says so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from bench.make_scale_data import generate
from roundtable.decisions.models import Appeal
from roundtable.lists import search
from tests.decisions.test_refusal_appeals import ietf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture
def arabic(browser: Any, live_server: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def page_for(user: Any = None) -> Any:
        context = browser.new_context(base_url=live_server.url, locale="ar")
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
            )
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield page_for
    for context in contexts:
        context.close()


def test_account_events_and_refusal_appeal_in_arabic(arabic: Any, screenshot: Any) -> None:
    _w, bob, request = ietf()
    page = arabic(bob)
    page.goto("/accounts/me/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    shown = page.locator("main").inner_text()
    assert "accreditation.requested" not in shown and "accreditation.rejected" not in shown
    assert "طُلب الاعتماد" in shown and "رُفض الاعتماد" in shown and "أنت" in shown
    page.locator("a.refusal-appeals").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert ARABIC.search(page.locator("h1").inner_text())
    page.fill("#appeal-grounds", "كتبتُ ثلاث مسودات لهذا الفريق.")
    page.locator("form.lodge-appeal button[type=submit]").click()
    page.wait_for_load_state()
    screenshot(page, "refusal-appeal-ar")
    appeal = Appeal.objects.get(accreditation=request)
    assert appeal.grounds == "كتبتُ ثلاث مسودات لهذا الفريق."
    assert ARABIC.search(page.locator("article.appeal, .appeal").first.inner_text())


def test_capped_archive_search_says_so_in_arabic(
    arabic: Any, monkeypatch: pytest.MonkeyPatch, screenshot: Any
) -> None:
    mailing_list = generate(messages=300, seed=2, log=None)
    monkeypatch.setattr(search, "CAP", 20)  # the live server runs in this process
    page = arabic()
    page.goto(f"/lists/{mailing_list.slug}/search/?q=the")
    assert page.locator("html").get_attribute("dir") == "rtl"
    notice = page.locator(".lists-capped")
    assert notice.count() == 1
    assert "لتضييق البحث" in notice.inner_text()
    screenshot(page, "search-capped-ar")
