"""A dynamic coalition founded, reviewed and shown, in real Chromium, in English and Arabic:
the founding form refuses founders of two groups with the rule, accepts three, the
secretariat approves, the page shows members by group. axe-core finds no serious violation
on the venue's coalitions list and a coalition's page."""

from __future__ import annotations

from typing import Any

import pytest

from roundtable.coalitions.models import Coalition
from tests.browser.test_layout_a11y import AXE, DESKTOP, PHONE, axe_violations, open_context
from tests.coalitions.scenes import founded, igf
from tests.processes.scenes import group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill(page: Any, *, third: bool) -> None:
    page.fill("#id_name", "Dynamic Coalition on Accessibility")
    page.fill("#id_statement_of_need", "Persons with disabilities are left out.")
    page.fill("#id_action_plan", "Guidelines for accessible meetings.")
    page.fill("#id_contacts", "civil@example.org")
    page.select_option("#id_group", str(group("civil-society").pk))
    page.fill("#id_founder_1", "gov@example.org")
    page.select_option("#id_founder_1_group", str(group("government").pk))
    if third:
        page.fill("#id_founder_2", "tech@example.org")
        page.select_option("#id_founder_2_group", str(group("technical-community").pk))
    page.locator("form:has(#id_name) button[type=submit]").click()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_found_review_and_show(browser, live_server, language: str, screenshot) -> None:  # type: ignore[no-untyped-def]
    s = igf()
    founder_context = open_context(browser, live_server, language, s.civil, DESKTOP)
    founder = founder_context.new_page()
    founder.goto("/venues/igf/coalitions/new/")
    assert founder.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    _fill(founder, third=False)
    alert = founder.locator(".errors[role=alert]")
    assert "igf-dynamic-coalition/coalition-founding" in alert.inner_text()
    _fill(founder, third=True)
    coalition = Coalition.objects.get()
    assert founder.url.endswith(f"/venues/igf/coalitions/{coalition.slug}/")
    assert founder.locator(".state-review").count() == 1
    founder_context.close()

    secretariat_context = open_context(browser, live_server, language, s.secretariat, DESKTOP)
    secretariat = secretariat_context.new_page()
    secretariat.goto(f"/venues/igf/coalitions/{coalition.slug}/")
    secretariat.check("#id_approve_0")
    secretariat.locator("section[aria-labelledby=review-heading] button").click()
    secretariat.wait_for_url(f"**/venues/igf/coalitions/{coalition.slug}/")
    assert secretariat.locator(".state-active").count() == 1
    table = secretariat.locator("table").inner_text()
    assert "Gov Person" in table and "Tech Person" in table and "Civil Person" in table
    screenshot(secretariat, f"coalition-page-{language}")
    secretariat_context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_coalition_pages_pass_axe(browser, live_server, language: str) -> None:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `python3 dev.py test` installs axe-core from npm.")
    s = igf()
    coalition = founded(s)
    problems: list[str] = []
    for user in (None, s.civil, s.secretariat):
        context = open_context(browser, live_server, language, user, PHONE)
        page = context.new_page()
        for path in ("/venues/igf/coalitions/", f"/venues/igf/coalitions/{coalition.slug}/",
                     "/venues/igf/coalitions/new/"):  # fmt: skip
            response = page.goto(path)
            assert response is not None and response.status in (200, 403), path
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{language} {path}: page is {width}px wide")
            problems.extend(f"{language} {path}: {v}" for v in axe_violations(page))
        context.close()
    assert not problems, "\n".join(problems)
