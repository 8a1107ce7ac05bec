"""The EU AI Act consultation's campaigns in Chromium (issue 17, part 3): the demo imports the
304 feedbacks from the shared CSV and groups them; the call's campaign page shows its
campaigns and its counts by stakeholder group; the secretariat splits a member out, the page
says "Regrouping…" until the grouping task has run, then the counts follow. No serious or critical axe-core violation, English and Arabic.

What the data holds: no mass campaign. Six pairs of near copies among the texts of 20 words
or more (the same organisation sending twice, or two members of one federation sending one
text); the shorter "See attached file" pointers are not grouped (docs/campaigns.md)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from roundtable.contributions.models import CallForInput, Campaign
from roundtable.contributions.tasks import group_campaigns
from roundtable.demo.consultation import CALL_TITLE
from tests.browser.test_layout_a11y import AXE, DESKTOP, axe_violations, open_context
from tests.support.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _cell(page: Any, row: int, column: int) -> int:
    return int(page.locator("table.balance-table tbody tr").nth(row).locator("td").nth(column)
               .inner_text())  # fmt: skip


def test_eu_consultation_campaigns_split_and_counts(browser: Any, live_server: Any) -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `python3 dev.py test` installs axe-core from npm.")
    call_command("demo", verbosity=0)
    call = CallForInput.objects.get(process__venue__slug="eu", title=CALL_TITLE)
    campaigns = Campaign.objects.filter(call=call)
    assert campaigns.count() == 6
    secretariat = get_user_model().objects.get(username="eu-secretariat@example.org")
    problems: list[str] = []
    for language in ("en", "ar"):
        context = open_context(browser, live_server, language, None, DESKTOP)
        page = context.new_page()
        page.set_default_timeout(15_000)
        response = page.goto(f"/calls/{call.pk}/campaigns/")
        assert response is not None and response.status == 200
        assert page.locator("ol.campaigns li").count() == 6
        problems.extend(f"{language} call: {v}" for v in axe_violations(page))
        screenshot(page, f"campaigns-{language}-call")
        page.locator("ol.campaigns li a").first.click()
        page.wait_for_load_state()
        assert page.locator("table.balance-table tbody tr").count() == 2
        problems.extend(f"{language} campaign: {v}" for v in axe_violations(page))
        context.close()
    context = open_context(browser, live_server, "en", secretariat, DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"/calls/{call.pk}/campaigns/")
    rows = page.locator("table.balance-table tbody tr")
    before = {
        rows.nth(i).locator("th").inner_text(): (_cell(page, i, 0), _cell(page, i, 1))
        for i in range(rows.count())
    }
    # Every contribution vs a campaign counted once: six pairs, six contributions fewer.
    assert sum(a for a, _ in before.values()) - sum(b for _, b in before.values()) == 6
    page.locator("ol.campaigns li a").first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Count on its own").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/calls/{call.pk}/campaigns/")
    # The split is recorded; the campaigns are regrouped by the worker's task (run here in its
    # place), and htmx brings the page up to date without a reload.
    assert page.get_by_role("status").filter(has_text="Regrouping…").count() == 1
    assert page.locator("ol.campaigns li").count() == 6
    group_campaigns.call(call.pk, "browser test")
    page.locator(".campaigns-regrouping").wait_for(state="detached")
    assert page.url.endswith(f"/calls/{call.pk}/campaigns/")
    assert page.locator("ol.campaigns li").count() == 5
    rows = page.locator("table.balance-table tbody tr")
    after = {
        rows.nth(i).locator("th").inner_text(): (_cell(page, i, 0), _cell(page, i, 1))
        for i in range(rows.count())
    }
    assert sum(a for a, _ in after.values()) == sum(a for a, _ in before.values())
    assert sum(b for _, b in after.values()) == sum(b for _, b in before.values()) + 1
    context.close()
    assert not problems, "\n".join(problems)
