"""Keyboard only (Tab, Enter, Space, typing; no click anywhere): sign in, submit an input,
propose an amendment, accept it, open the adoption, take a position, close and conclude.

The demo's WTPF has an open call and a draft but its adoption phase lies in the future, so
submit -> amend -> accept runs on the demo and the adoption on a GNSO working-group scene built
through the actions (tests/drafting/scenes.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from roundtable.contributions.models import CallForInput, Contribution
from roundtable.decisions.models import Adoption, Outcome
from roundtable.demo.world import DEMO_PASSWORD, load_demo
from roundtable.drafting.models import Amendment, Document
from tests.drafting.scenes import file_statements, member, published_document, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page: Any, selector: str, limit: int = 250) -> None:
    """Press Tab until the focused element matches `selector` (fails if it never does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reaches {selector} on {page.url}")


def type_into(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def press_enter_on(page: Any, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in_by_keyboard(page: Any, email: str, password: str) -> None:
    page.goto("/")
    press_enter_on(page, "header a[href^='/accounts/login/']")
    type_into(page, "#id_username", email)
    type_into(page, "#id_password", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_out_by_keyboard(page: Any) -> None:
    press_enter_on(page, "header form:not([role=search]) button[type=submit]")


def choose(page: Any, selector: str, value: str) -> None:
    """A <select> by keyboard: focus it, then arrow down until it holds `value`."""
    tab_to(page, selector)
    for _ in range(30):
        if page.evaluate("s => document.querySelector(s).value", selector) == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{selector} never offers {value}")


def test_submit_amend_accept_then_adopt_by_keyboard_only(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    # The demo dated 50 days on: today falls in the WTPF's preparatory period (call open, draft
    # published), as the demo's own timeline has it (roundtable/demo/wtpf.py).
    load_demo(today=timezone.now().date() + timedelta(days=50))
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)

    # Submit: a member state's delegate sends an input to the WTPF call.
    call = CallForInput.objects.filter(process__slug="wtpf").order_by("pk").first()
    assert call is not None
    sign_in_by_keyboard(page, "bertrand@example.org", DEMO_PASSWORD)
    page.goto(f"/calls/{call.pk}/")
    type_into(page, "#id_title", "Keyboard input")
    type_into(page, "#id_body", "Written and sent without a mouse.")
    press_enter_on(page, "main form button[type=submit]")
    assert Contribution.objects.filter(title="Keyboard input").exists()

    # Amend: the same delegate proposes to replace a paragraph of the draft opinion.
    document = Document.objects.get(slug="draft-opinion-1")
    page.goto(f"/documents/{document.pk}/")
    choose(page, "#id_kind", "replace")
    type_into(page, "#id_text", "A paragraph typed at the keyboard.")
    type_into(page, "#id_rationale", "Clearer.")
    press_enter_on(page, "form[action$='/amend/'] button[type=submit]")
    amendment = Amendment.objects.filter(document=document).order_by("-pk").first()
    assert amendment is not None and amendment.text == "A paragraph typed at the keyboard."
    sign_out_by_keyboard(page)

    # Accept: the ITU secretariat accepts it, which publishes the next version.
    sign_in_by_keyboard(page, "itu-secretariat@example.org", DEMO_PASSWORD)
    page.goto(f"/amendments/{amendment.pk}/")
    choose(page, "#id_decision", "accept")
    type_into(page, "#id_reason", "Agreed.")
    press_enter_on(page, "main form button[type=submit]")
    amendment.refresh_from_db()
    assert amendment.status == "accepted", amendment.status
    sign_out_by_keyboard(page)

    # Adopt (GNSO working-group scene): the chair opens the call, a member supports, the chair
    # closes the window and concludes with the designated level.
    w = world(modality="icann-gnso-pdp-wg")
    alice = member(w, "alice@example.org", "member", name="Alice")
    file_statements(w, alice)  # a GNSO statement of interest is needed to take a position
    alice.set_password(DEMO_PASSWORD)
    alice.save()
    w.chair.set_password(DEMO_PASSWORD)
    w.chair.save()
    text = published_document(w)
    sign_in_by_keyboard(page, w.chair.username, DEMO_PASSWORD)
    page.goto(f"/documents/{text.pk}/")
    press_enter_on(page, f"a[href='/documents/{text.pk}/adoption/']")
    # An afternoon hour: typed as 15, it needs no AM/PM segment in any locale.
    closes = timezone.localtime(timezone.now() + timedelta(days=2)).replace(hour=15, minute=30)
    tab_to(page, "#id_closes_at")
    # Chromium's date-time field: month, day, year (Tab to the time), hours, minutes.
    page.keyboard.type(closes.strftime("%m%d%Y"))
    page.keyboard.press("Tab")
    page.keyboard.type(closes.strftime("%H%M"))
    value = page.evaluate("document.querySelector('#id_closes_at').value")
    assert value.startswith(closes.strftime("%Y-%m-%d")), value
    press_enter_on(page, "main form button[type=submit]")
    adoption = Adoption.objects.get(version__document=text)
    sign_out_by_keyboard(page)

    sign_in_by_keyboard(page, alice.username, DEMO_PASSWORD)
    page.goto(f"/adoptions/{adoption.pk}/")
    tab_to(page, "input[name=position][value=support]")
    page.keyboard.press("Space")
    press_enter_on(page, "form:has(input[name=action][value=position]) button[type=submit]")
    assert adoption.positions.count() == 1
    sign_out_by_keyboard(page)

    sign_in_by_keyboard(page, w.chair.username, DEMO_PASSWORD)
    page.goto(f"/adoptions/{adoption.pk}/")
    press_enter_on(page, "form:has(input[name=action][value=close]) button[type=submit]")
    choose(page, "#designation", "consensus")
    press_enter_on(page, "form.conclude button[type=submit]")
    adoption.refresh_from_db()
    assert adoption.adopted and Outcome.objects.filter(adoption=adoption).exists()
    context.close()
