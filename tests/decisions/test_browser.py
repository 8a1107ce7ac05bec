"""In real Chromium: draft, amend, accept, call consensus, object, designate the level, adopt;
and a GNSO Council chamber vote that passes by the supermajority alternative (6/7 and 7/13)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from roundtable.decisions import positions
from roundtable.decisions.models import Adoption, Outcome
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import file_statements, member, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOURCE = (
    "# Final Report\n\n"
    "Registrars should publish abuse contacts.\n\n"
    "Registries should report on abuse quarterly.\n\n"
    "The Council reviews this policy after two years."
)


class Browsers:
    """One browser context per person, signed in with client.force_login's session cookie."""

    def __init__(self, browser: Any, live_server: Any) -> None:
        self.browser, self.url, self.contexts = browser, live_server.url, []

    def page(self, user: Any) -> Any:
        client = Client()
        client.force_login(user)
        context = self.browser.new_context(base_url=self.url, locale="en-GB")
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": self.url}]
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def people(browser: Any, live_server: Any) -> Iterator[Browsers]:
    found = Browsers(browser, live_server)
    yield found
    found.close()


def closes_at() -> str:
    return (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")


def test_draft_amend_accept_consensus_object_designate_adopt(
    django_db_setup: Any, people: Browsers, screenshot: Any
) -> None:
    w = world(modality="icann-gnso-pdp-wg")
    alice = member(w, "alice@example.org", "member", name="Alice")
    bob = member(w, "bob@example.org", "member", name="Bob")
    file_statements(w, alice, bob)
    staff, chair = people.page(w.secretariat), people.page(w.chair)
    alice_page, bob_page = people.page(alice), people.page(bob)

    # Draft: the secretariat creates the document and publishes version 1.
    staff.goto(f"/venues/{w.venue.slug}/{w.process.slug}/documents/")
    staff.fill("#id_title", "Final Report")
    staff.fill("#id_slug", "final-report")
    staff.fill("#id_source", SOURCE)
    staff.get_by_role("button", name="Create the document").click()
    staff.get_by_role("button", name="Publish as a new version").click()
    assert "Version 1 is published." in staff.content()
    assert staff.locator(".paragraph").count() == 4
    document_url = staff.url

    # Amend: Alice proposes to replace paragraph 3.
    alice_page.goto(document_url)
    alice_page.select_option("#id_pid", "p3")
    alice_page.select_option("#id_kind", "replace")
    alice_page.fill("#id_text", "Registries should report on abuse every month.")
    alice_page.fill("#id_rationale", "Quarterly is too slow to act on abuse.")
    alice_page.get_by_role("button", name="Propose the amendment").click()
    assert alice_page.locator(".amendment-status").get_attribute("data-status") == "proposed"
    assert alice_page.locator(".redline ins").first.inner_text().strip() == "every month"
    amendment_url = alice_page.url

    # Accept: the secretariat accepts, which publishes version 2; the redline shows the change.
    staff.goto(amendment_url)
    staff.select_option("#id_decision", "accept")
    staff.fill("#id_reason", "The working group agreed on the call.")
    staff.get_by_role("button", name="Record the decision").click()
    assert "Accepted: version 2 is published." in staff.content()
    staff.goto(document_url.rstrip("/") + "/redline/?from=1&to=2")
    changed = staff.locator('.redline [data-status="changed"]')
    assert changed.count() == 1 and changed.locator("del").inner_text().strip() == "quarterly"
    screenshot(staff, "drafting-redline-v1-v2")

    # Call consensus: the chair opens the call with an objection window.
    chair.goto(document_url)
    chair.get_by_role("link", name="Put this text to adoption").click()
    chair.fill("#id_closes_at", closes_at())
    chair.get_by_role("button", name="Open").click()
    assert "Adoption opened." in chair.content()
    adoption_url = chair.url

    # Alice supports; Bob objects, with his text.
    alice_page.goto(adoption_url)
    alice_page.check('input[name=position][value="support"]')
    alice_page.get_by_role("button", name="Record my position").click()
    assert "Your position is recorded." in alice_page.content()
    bob_page.goto(adoption_url)
    bob_page.check('input[name=position][value="object"]')
    bob_page.fill("textarea[name=text]", "Monthly reports burden small registries.")
    bob_page.get_by_role("button", name="Record my position").click()
    assert bob_page.locator(".objection-text", has_text="burden small registries").count() == 1

    # Designate the level: the chair closes the window and designates Consensus.
    chair.goto(adoption_url)
    chair.get_by_role("button", name="Close the window now").click()
    chair.select_option("#designation", "consensus")
    chair.fill("textarea[name=note]", "A small minority disagrees.")
    chair.get_by_role("button", name="Conclude").click()
    assert "Adopted." in chair.content()
    assert "Level designated by the chair: Consensus" in chair.content()
    screenshot(chair, "adoption-consensus-designated")

    # Bob attaches a minority statement; the printable outcome shows the frozen text and it.
    bob_page.goto(adoption_url)
    bob_page.fill("form textarea[name=text]", "Small registries need a lighter duty.")
    bob_page.get_by_role("button", name="Attach the statement").click()
    adoption = Adoption.objects.get()
    outcome = Outcome.objects.get(adoption=adoption)
    assert adoption.adopted and adoption.version.number == 2
    assert adoption.result["arithmetic"]["designated_level"] == "consensus"
    bob_page.goto(f"/outcomes/{outcome.pk}/")
    assert bob_page.locator(".outcome-kind").inner_text() == "Recommendation"
    assert "every month" in bob_page.locator(".paragraphs").inner_text()
    assert "lighter duty" in bob_page.locator(".minority").inner_text()
    bob_page.emulate_media(media="print")
    screenshot(bob_page, "outcome-printable")


def test_gnso_council_vote_passes_by_the_supermajority_alternative(
    django_db_setup: Any, people: Browsers, screenshot: Any
) -> None:
    w = world(modality="icann-gnso-council", process_slug="council")
    from tests.drafting.scenes import published_document

    doc = published_document(w)
    contracted = [member(w, f"c{i}@example.org", "councilor", "contracted") for i in range(7)]
    non = [member(w, f"n{i}@example.org", "councilor", "non-contracted") for i in range(13)]
    chair = people.page(w.chair)
    chair.goto(f"/documents/{doc.pk}/adoption/")
    chair.select_option("#id_procedure", "supermajority")
    chair.fill("#id_closes_at", closes_at())
    chair.get_by_role("button", name="Open").click()
    adoption_url = chair.url
    adoption = Adoption.objects.get()
    assert adoption.procedure == "supermajority"

    # Two councilors vote in the browser, one per house; the others through the same action.
    for user in (contracted[0], non[0]):
        page = people.page(user)
        page.goto(adoption_url)
        page.check('input[name=position][value="yes"]')
        page.get_by_role("button", name="Cast the vote").click()
        assert "Your position is recorded." in page.content()
    for i, user in enumerate(contracted[1:], start=1):
        positions.check_take_position(
            actor=Actor.person(user), adoption=adoption, position="yes" if i < 6 else "no"
        )
    for i, user in enumerate(non[1:], start=1):
        positions.check_take_position(
            actor=Actor.person(user), adoption=adoption, position="yes" if i < 7 else "no"
        )

    chair.goto(adoption_url)
    chair.get_by_role("button", name="Close the window now").click()
    chair.get_by_role("button", name="Conclude").click()
    assert "Adopted." in chair.content()
    shares = chair.locator(".chambers .share").all_inner_texts()
    assert shares == ["6/7", "7/13"]
    assert (
        chair.locator('.alternatives li[data-met="no"]')
        .inner_text()
        .startswith("each house at least 2/3")
    )
    met = chair.locator('.alternatives li[data-met="yes"]').inner_text()
    assert "one house at least 3/4 and the other more than 1/2" in met
    assert "(Contracted Parties House)" in met
    screenshot(chair, "gnso-council-supermajority")
