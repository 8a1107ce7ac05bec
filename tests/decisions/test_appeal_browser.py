"""In real Chromium: an appeal of a chair's consensus designation, lodged by a participant,
decided by the chairs (upheld, with reasons), brought to the Area Director and overturned;
each step's decision and reasons recorded on the adoption page (RFC 2026 section 6.5.1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from roundtable.audit.queries import list_events_for
from roundtable.decisions.models import Appeal
from tests.decisions.test_appeals import concluded
from tests.decisions.test_browser import Browsers
from tests.drafting.scenes import member, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(browser: Any, live_server: Any) -> Iterator[Browsers]:
    found = Browsers(browser, live_server)
    yield found
    found.close()


def test_appeal_of_a_designation_decided_and_recorded(
    django_db_setup: Any, people: Browsers, screenshot: Any
) -> None:
    w = world(modality="ietf-wg", venue_slug="ietf", process_slug="quic")
    alice = member(w, "alice@example.org", name="Alice")
    ad = member(w, "ad@example.org", "area-director", name="Dana AD")
    adoption = concluded(w, "rough-consensus", alice)
    url = f"/adoptions/{adoption.pk}/"
    alice_page, chair, ad_page = people.page(alice), people.page(w.chair), people.page(ad)

    # Alice appeals the chairs' call; the chain and its time limit are on the page.
    alice_page.goto(url)
    assert alice_page.locator(".appeal-step").count() == 4
    alice_page.fill("#appeal-grounds", "My objection on NAT traversal was never addressed.")
    alice_page.get_by_role("button", name="Appeal the designation").click()
    assert "Your appeal is lodged." in alice_page.content()

    # The Area Director cannot decide at the chairs' step: the control is hidden, with why.
    ad_page.goto(url)
    assert ad_page.locator("form.decide-appeal").count() == 0

    # The chairs uphold their call, with reasons.
    chair.goto(url)
    chair.check('form.decide-appeal input[name=outcome][value="upheld"]')
    chair.fill("form.decide-appeal textarea[name=reasons]", "Addressed in revision -03.")
    chair.get_by_role("button", name="Record the decision on the appeal").click()
    assert "The decision on the appeal is recorded." in chair.content()

    # Alice brings it to the Area Director, who overturns the designation.
    alice_page.goto(url)
    alice_page.get_by_role("button", name="Appeal to the next step").click()
    assert "The appeal is brought to the next step." in alice_page.content()
    ad_page.goto(url)
    ad_page.check('form.decide-appeal input[name=outcome][value="overturned"]')
    ad_page.fill("form.decide-appeal textarea[name=reasons]", "The objection stands unanswered.")
    ad_page.get_by_role("button", name="Record the decision on the appeal").click()
    article = ad_page.locator("article.appeal")
    assert article.get_attribute("data-status") == "overturned"
    outcomes = article.locator(".appeal-decision")
    assert [outcomes.nth(i).get_attribute("data-outcome") for i in range(2)] == [
        "upheld",
        "overturned",
    ]
    text = article.inner_text()
    assert "Addressed in revision -03." in text and "The objection stands unanswered." in text
    screenshot(ad_page, "appeal-overturned")

    appeal = Appeal.objects.get(adoption=adoption)
    verbs = [e.verb for e in list_events_for(appeal)]
    assert verbs == ["appeal.lodged", "appeal.decided", "appeal.escalated", "appeal.decided"]
