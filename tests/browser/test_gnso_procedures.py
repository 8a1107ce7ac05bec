"""In real Chromium, the GNSO procedures of issue 12 that end in an appeal: a consensus
designation appealed up the chain of the GNSO Working Group Guidelines 3.7 (chair, liaison,
chartering organisation), each step decided and recorded, the last one changing the
adoption's level; and a refused accreditation appealed at the IETF (RFC 2026 6.5.1), the
refusal overturned and the request admitted.

The PDP approval by a majority of each House plus three of four Stakeholder Groups and the
absentee ballot counted inside its 72 hours and refused after it are driven through the
pages in tests/decisions/test_browser_remedies.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from roundtable.audit.queries import list_events_for
from roundtable.decisions.models import Adoption, Appeal
from roundtable.stakeholders.models import Accreditation
from tests.decisions.test_appeals import concluded
from tests.decisions.test_browser import Browsers
from tests.decisions.test_refusal_appeals import refused
from tests.drafting.scenes import member, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(browser: Any, live_server: Any) -> Iterator[Browsers]:
    found = Browsers(browser, live_server)
    yield found
    found.close()


def decide(page: Any, outcome: str, reasons: str, level: str = "") -> None:
    page.check(f'form.decide-appeal input[name=outcome][value="{outcome}"]')
    if level:
        page.select_option("form.decide-appeal select[name=level]", level)
    page.fill("form.decide-appeal textarea[name=reasons]", reasons)
    page.get_by_role("button", name="Record the decision on the appeal").click()
    assert "The decision on the appeal is recorded." in page.content()


def test_gnso_appeal_of_a_designation_decided_at_each_step_changes_the_adoption(
    django_db_setup: Any, people: Browsers, screenshot: Any
) -> None:
    # GNSO Working Group Guidelines 3.7: chair, then the liaison, then the chartering
    # organisation; the designation the last step makes is the one that counts.
    w = world(modality="icann-gnso-pdp-wg")
    bob = member(w, "bob@example.org", "member", name="Bob")
    liaison = member(w, "liaison@example.org", "liaison", name="Lia Liaison")
    council = member(w, "council@example.org", "council-chair", name="Council Chair")
    adoption = concluded(w, "divergence", bob)
    url = f"/adoptions/{adoption.pk}/"
    bob_page, chair = people.page(bob), people.page(w.chair)
    liaison_page, council_page = people.page(liaison), people.page(council)

    bob_page.goto(url)
    assert bob_page.locator(".appeal-step").count() == 3
    bob_page.fill("#appeal-grounds", "Only one objection: this is consensus, not divergence.")
    bob_page.get_by_role("button", name="Appeal the designation").click()
    assert "Your appeal is lodged." in bob_page.content()

    chair.goto(url)
    decide(chair, "upheld", "Views diverge on the second recommendation.")
    bob_page.goto(url)
    bob_page.get_by_role("button", name="Appeal to the next step").click()
    liaison_page.goto(url)
    decide(liaison_page, "upheld", "The chair's reading stands.")
    bob_page.goto(url)
    bob_page.get_by_role("button", name="Appeal to the next step").click()
    council_page.goto(url)
    assert council_page.locator("form.decide-appeal").count() == 1
    decide(council_page, "overturned", "One objection out of twelve is consensus.", "consensus")

    designated = council_page.locator(".changed-on-appeal")
    assert designated.get_attribute("data-level") == "consensus"
    assert "The chair had designated" in designated.inner_text()
    steps = council_page.locator("article.appeal .appeal-decision")
    assert [steps.nth(i).get_attribute("data-outcome") for i in range(3)] == [
        "upheld", "upheld", "overturned",
    ]  # fmt: skip
    assert "Level designated instead" in council_page.locator("article.appeal").inner_text()
    screenshot(council_page, "gnso-appeal-changed-designation")

    found = Adoption.objects.get(pk=adoption.pk)
    appeal = Appeal.objects.get(adoption=adoption)
    assert (found.designated_level, found.adopted, found.changed_on_appeal_id) == (
        "consensus", True, appeal.pk,
    )  # fmt: skip
    assert [e.verb for e in list_events_for(appeal)] == [
        "appeal.lodged", "appeal.decided", "appeal.escalated", "appeal.decided",
        "appeal.escalated", "appeal.decided",
    ]  # fmt: skip


def test_refused_accreditation_appealed_and_admitted_through_the_pages(
    django_db_setup: Any, people: Browsers, screenshot: Any
) -> None:
    # RFC 2026 6.5.1: the chairs hear the appeal first.
    w = world(modality="ietf-wg", venue_slug="ietf", process_slug="quic")
    bob = member(w, "bob@example.org", name="Bob")
    request = refused(w, bob)
    bob_page, chair = people.page(bob), people.page(w.chair)
    bob_page.goto("/accounts/me/")
    bob_page.locator("a.refusal-appeals").click()
    assert "Reason given: Unknown." in bob_page.content()
    bob_page.fill("#appeal-grounds", "I have written three drafts for this group.")
    bob_page.get_by_role("button", name="Appeal the refusal").click()
    assert "Your appeal is lodged." in bob_page.content()

    chair.goto(bob_page.url)
    decide(chair, "overturned", "He is an active contributor.")
    assert chair.locator(".admitted-on-appeal").count() == 1
    screenshot(chair, "refusal-overturned")
    request.refresh_from_db()
    assert (request.status, request.basis) == (Accreditation.Status.APPROVED, "appeal")
