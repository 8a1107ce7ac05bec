"""The agreement page in a real browser: a participant marks a statement and sees the counts
change, in English and Arabic; axe-core finds no serious violation on the page (en, ar).

Groups under the publication minimum (five) are folded into "other groups", so the world gives
academia four earlier voters: the signed-in academic is the fifth, whose mark brings the group
out of the fold and onto its own row."""

from __future__ import annotations

from typing import Any

import pytest

from roundtable.agreement.actions import do_add_statement, do_mark
from roundtable.analysis.agreement import OTHER
from roundtable.permissions.actor import Actor
from tests.browser.test_layout_a11y import AXE, DESKTOP, PHONE, axe_violations, open_context
from tests.processes.scenes import PASSWORD, accredit, person, scene
from tests.support.browser import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUPS = ("government", "civil-society", "technical-community")


def _world(language: str) -> tuple[int, Any, list[Any]]:
    s = scene(venue_slug=f"list-{language}", modality="open-mailing-list", process_slug="agree")
    statements = [
        do_add_statement(actor=Actor.person(s.secretariat), call=s.call, text=text)
        for text in ("Keep the internet open.", "Regulate platforms first.")
    ]
    for grp in GROUPS:
        for i in range(2):
            someone = person(f"{language}-{grp}-{i}@example.org")
            accredit(someone, s.venue, grp)
            do_mark(actor=Actor.person(someone), statement=statements[0], value="agree")
            value = "agree" if grp == "civil-society" else "disagree"
            do_mark(actor=Actor.person(someone), statement=statements[1], value=value)
    for i in range(4):
        someone = person(f"{language}-academia-{i}@example.org")
        accredit(someone, s.venue, "academia")
        do_mark(actor=Actor.person(someone), statement=statements[0], value="pass")
    me = person(f"{language}-me@example.org")
    accredit(me, s.venue, "academia")
    return s.call.pk, me, statements


def _cell(page: Any, statement: int, group: str, count: str) -> str:
    selector = f"#statement-{statement} tr[data-group='{group}'] td[data-count='{count}']"
    return str(page.locator(selector).inner_text())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_mark_a_statement_and_see_the_counts(browser, live_server, language: str) -> None:  # type: ignore[no-untyped-def]
    call, me, statements = _world(language)
    context = open_context(browser, live_server, language, None, DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, me.email, PASSWORD)
    page.goto(f"/calls/{call}/agreement/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    first = statements[0].pk
    # Four academics are too few to show: their marks sit in the folded row.
    assert page.locator(f"#statement-{first} tr[data-group='academia']").count() == 0
    assert _cell(page, first, OTHER, "seen") == "10"
    page.locator(f"#statement-{first} button[value='agree']").click()
    page.wait_for_load_state()
    assert _cell(page, first, "academia", "agreed").startswith("1")
    assert _cell(page, first, "academia", "passed").startswith("4")
    assert _cell(page, first, "academia", "seen") == "5"
    assert _cell(page, first, OTHER, "seen") == "6"
    assert page.locator(f"#statement-{first} .my-mark").count() == 1
    # Changed: the disagreement replaces the agreement.
    page.locator(f"#statement-{first} button[value='disagree']").click()
    page.wait_for_load_state()
    assert _cell(page, first, "academia", "agreed").startswith("0")
    assert _cell(page, first, "academia", "disagreed").startswith("1")
    assert _cell(page, first, "academia", "seen") == "5"
    screenshot(page, f"agreement-{language}")
    context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_agreement_page_passes_axe(browser, live_server, language: str) -> None:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `python3 dev.py test` installs axe-core from npm.")
    call, me, _statements = _world(language)
    problems: list[str] = []
    for who, user in (("anonymous", None), ("signed in", me)):
        context = open_context(browser, live_server, language, user, PHONE)
        page = context.new_page()
        page.set_default_timeout(15_000)
        response = page.goto(f"/calls/{call}/agreement/")
        assert response is not None and response.status == 200
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{language} {who}: page is {width}px wide")
        problems.extend(f"{language} {who}: {v}" for v in axe_violations(page))
        context.close()
    assert not problems, "\n".join(problems)
