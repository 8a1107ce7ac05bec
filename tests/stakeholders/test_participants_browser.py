"""In real Chromium: the secretariat creates a delegation from the venue page and adds a member;
a participant who tries the same screen sees the engine's refusal."""

from __future__ import annotations

from typing import Any

import pytest

from roundtable.permissions.door import standing_for_user
from roundtable.stakeholders.models import Delegation
from tests.processes.scenes import PASSWORD, accredit, person, scene
from tests.support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Any, email: str) -> None:
    sign_in(page, email, PASSWORD)


def test_secretariat_creates_a_delegation_and_adds_a_member(
    page: Any, live_server: Any, browser: Any, screenshot: Any
) -> None:
    s = scene()
    anne = person("anne@example.org", "Anne Lauvergeon")
    paul = person("paul@example.org", "Paul Martin")
    accredit(anne, s.venue, "government", category=s.member_state)
    accredit(paul, s.venue, "government", category=s.member_state)

    _sign_in(page, s.secretariat.username)
    page.goto(f"/venues/{s.venue.slug}/")
    page.get_by_role("link", name="Organisations, delegations and categories (secretariat)").click()
    page.fill("#id_delegation-slug", "fr")
    page.fill("#id_delegation-name", "France")
    page.select_option("#id_delegation-head", label="Anne Lauvergeon <anne@example.org>")
    page.get_by_role("button", name="Create the delegation").click()
    assert "Created: France." in page.content()
    assert "Anne Lauvergeon" in page.locator("#head .head").inner_text()

    page.select_option("#id_add-user", label="Paul Martin <paul@example.org>")
    page.get_by_role("button", name="Add the member").click()
    assert "Member added." in page.content()
    members = page.locator("#members .member")
    assert members.count() == 2 and "Paul Martin" in members.nth(1).inner_text()
    screenshot(page, "delegation-member-added")

    france = Delegation.objects.get(venue=s.venue, slug="fr")
    assert france.head == anne
    assert standing_for_user(paul, s.venue.slug).delegation == "fr"
    assert standing_for_user(anne, s.venue.slug).head_of_delegation is True

    # A participant who opens the same screen sees why not, not a vanished page.
    other = browser.new_context(base_url=live_server.url, locale="en-GB")
    visitor = other.new_page()
    _sign_in(visitor, "paul@example.org")
    visitor.goto(f"/venues/{s.venue.slug}/participants/")
    denied = visitor.locator(".denied")
    assert "Manage participants" in denied.inner_text()
    denied.locator("summary").click()  # the engine's English text, one click away
    assert "manage_participants" in denied.inner_text() and "secretariat" in denied.inner_text()
    screenshot(visitor, "participants-refused")
    other.close()
