"""Pages walked by their links in real Chromium, in English and in Arabic: a call's
contributions (keyset on submission time) forward and back, the list page's threads older and
newer, and a message's web address shown as a link (roundtable.text.links)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation

from bench.make_scale_data import generate
from roundtable.lists.models import Thread
from tests.contributions.bulk import bulk_contributions
from tests.processes.scenes import accredit, person, scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _words(language: str, *msgids: str) -> list[str]:
    with translation.override(language):
        return [translation.gettext(msgid) for msgid in msgids]


def _reader(browser: Any, live_server: Any, language: str) -> Any:
    context = browser.new_context(base_url=live_server.url, locale=language)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_call_is_walked_forward_and_back(
    django_db_setup: Any, live_server: Any, browser: Any, language: str
) -> None:
    s = scene()
    author = person("author@example.org")
    accredit(author, s.venue, "civil-society")
    bulk_contributions(s.call, author, 60)  # one submission time: the id breaks the ties
    next_word, previous_word = _words(language, "Next", "Previous")
    page = _reader(browser, live_server, language)
    page.goto(f"/calls/{s.call.pk}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    first = page.locator(".contribution h3, .contribution h2").all_inner_texts()
    assert "Bulk contribution 0" in " ".join(first)
    page.locator("a[rel=next]").click()
    assert page.locator("a[rel=next]").count() == 0
    assert page.locator("a[rel=prev]").inner_text() == previous_word
    second = page.content()
    assert "Bulk contribution 59" in second and "Bulk contribution 0<" not in second
    page.locator("a[rel=prev]").click()
    assert page.locator("a[rel=next]").inner_text() == next_word
    assert "Bulk contribution 0" in page.content() and "Bulk contribution 59" not in page.content()
    page.context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_list_threads_older_and_newer_and_a_linked_address(
    django_db_setup: Any, live_server: Any, browser: Any, language: str
) -> None:
    mailing_list = generate(messages=400, seed=3, log=None)
    assert Thread.objects.filter(mailing_list=mailing_list).count() > 50
    older_word, newer_word = _words(language, "Older", "Newer")
    page = _reader(browser, live_server, language)
    page.goto(f"/lists/{mailing_list.slug}/")
    newest = page.locator("a[href*='/t/']").first.get_attribute("href")
    page.get_by_role("link", name=older_word, exact=True).click()
    assert newest not in [a.get_attribute("href") for a in page.locator("a[href*='/t/']").all()]
    page.get_by_role("link", name=newer_word, exact=True).click()
    assert page.locator("a[href*='/t/']").first.get_attribute("href") == newest

    message = mailing_list.messages.order_by("id").first()
    message.text = f"See https://www.intgovforum.org/{language}/about. Thanks."
    message.save(update_fields=["text"])
    page.goto(f"/lists/{mailing_list.slug}/t/{message.thread.key}/")
    address = f"https://www.intgovforum.org/{language}/about"
    link = page.locator(f"pre.mail-text a[href='{address}']")
    assert link.inner_text() == f"https://www.intgovforum.org/{language}/about"
    assert link.get_attribute("rel") == "nofollow"
    assert re.search(r"about</a>\. Thanks\.", page.content())
    page.context.close()


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en", "es", "fr", "ru"])
def test_the_paging_links_never_read_the_same(language: str) -> None:
    # Found by the Arabic walk above: "Newer" and "Newest" were both "الأحدث" (and in Spanish
    # both "Más recientes"), two links a reader could not tell apart.
    words = _words(language, "Newest", "Newer", "Older", "Previous", "Next")
    assert len(set(words)) == len(words), words
