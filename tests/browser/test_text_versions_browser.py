"""Issue 18: the whole-text language version pages of a call and a contribution in a real
browser, for English and Arabic readers on a phone: each column in its own language and
direction (the Arabic version right to left on an English page, the English original left to
right on an Arabic page), the outdated notice, and axe-core with no serious violation."""

from __future__ import annotations

from typing import Any

import pytest

from roundtable.contributions.models import Contribution
from roundtable.permissions.actor import Actor
from roundtable.translations.text_actions import do_translate_call, do_translate_contribution
from tests.browser.test_layout_a11y import AXE, PHONE, axe_violations, open_context
from tests.processes.scenes import scene
from tests.support.browser import screenshot
from tests.translations.test_text_versions import _contribution as text_versions_contribution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALL_AR = ("دعوة إلى تقديم المساهمات", "يرجى إرسال آرائكم بشأن نقاط تبادل الإنترنت.")
CONTRIBUTION_AR = ("البيانات المفتوحة", "انشروا البيانات بشكل مفتوح.")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_text_version_pages_read_both_ways_and_pass_axe(
    browser: Any, live_server: Any, language: str
) -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `python3 dev.py test` installs axe-core from npm.")
    s = scene()
    bill, made = text_versions_contribution(s)
    secretariat = Actor.person(s.secretariat)
    do_translate_call(
        actor=secretariat, call=s.call, language="ar", title=CALL_AR[0], text=CALL_AR[1]
    )
    do_translate_contribution(
        actor=Actor.person(bill),
        contribution=made,
        language="ar",
        title=CONTRIBUTION_AR[0],
        text=CONTRIBUTION_AR[1],
    )
    # The source changes after its version was made: the page says the version is outdated.
    Contribution.objects.filter(pk=made.pk).update(body="Publish the data openly, in bulk.")
    pages = {
        "call": (f"/calls/{s.call.pk}/versions/ar/", s.secretariat, CALL_AR[1]),
        "contribution": (f"/contributions/{made.pk}/versions/ar/", bill, CONTRIBUTION_AR[1]),
    }
    problems: list[str] = []
    for name, (path, user, arabic) in pages.items():
        context = open_context(browser, live_server, language, user, PHONE)
        page = context.new_page()
        page.set_default_timeout(15_000)
        response = page.goto(path)
        assert response is not None and response.status == 200, (name, path)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        version = page.locator("#version")
        assert arabic in version.inner_text() and version.get_attribute("lang") == "ar"
        assert version.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert page.locator("#original").evaluate("e => getComputedStyle(e).direction") == "ltr"
        outdated = page.locator("[data-state='outdated']").count()
        assert outdated == (1 if name == "contribution" else 0), (name, outdated)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{language} {name}: page is {width}px wide")
        problems.extend(f"{language} {name}: {v}" for v in axe_violations(page))
        screenshot(page, f"text-version-{name}-{language}")
        context.close()
    assert not problems, "\n".join(problems)
