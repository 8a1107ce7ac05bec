"""The main flows in real Chromium: ask for accreditation, the secretariat approves, submit
input and see it listed; a participant without the right sees the engine's reason."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.scenes import PASSWORD, person, scene
from tests.support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Any, email: str) -> None:
    sign_in(page, email, PASSWORD)


def test_accreditation_then_input_then_listed(
    django_db_setup: Any, live_server: Any, page: Any, browser: Any, screenshot: Any
) -> None:
    s = scene()
    person("bill@example.org", "Bill Drake")

    _sign_in(page, "bill@example.org")
    page.goto(f"/venues/{s.venue.slug}/")
    page.get_by_role("link", name="Request accreditation").click()
    page.select_option("#id_group", label="Civil society")
    page.fill("#id_statement", "Civil society has no defined participation right at the WTPF.")
    page.get_by_role("button", name="Send the request").click()
    assert "sent to the secretariat" in page.content()

    # Before approval the call page says why Bill may not submit yet.
    page.goto(f"/calls/{s.call.pk}/")
    assert "Why not:" in page.locator(".submit").inner_text()

    secretariat = browser.new_context(base_url=live_server.url, locale="en-GB")
    staff = secretariat.new_page()
    _sign_in(staff, s.secretariat.username)
    staff.goto(f"/venues/{s.venue.slug}/accreditations/")
    request = staff.locator(".request", has_text="Bill Drake")
    request.get_by_role("button", name="Approve").click()
    assert "Decision recorded." in staff.content()
    screenshot(staff, "accreditation-approved")
    secretariat.close()

    page.goto(f"/calls/{s.call.pk}/")
    page.fill("#id_title", "A truly multistakeholder WTPF")
    page.fill("#id_body", "The forum could be **reconstituted** on a multistakeholder basis.")
    page.get_by_role("button", name="Submit input").click()
    assert "Your contribution is published." in page.content()
    assert page.locator(".body strong").inner_text() == "reconstituted"
    page.goto(f"/calls/{s.call.pk}/")
    listed = page.locator(".contributions article", has_text="A truly multistakeholder WTPF")
    assert listed.count() == 1 and "Civil society" in listed.inner_text()
    screenshot(page, "contribution-listed")
    page.goto(f"/venues/{s.venue.slug}/{s.process.slug}/")
    assert page.locator('.inputs td[data-group="civil-society"]').inner_text() == "1"


def test_participant_without_the_right_sees_why(
    django_db_setup: Any, live_server: Any, page: Any, screenshot: Any
) -> None:
    s = scene(modality="itu-wtpf", process_slug="wtpf-plain")
    person("eve@example.org", "Eve")
    _sign_in(page, "eve@example.org")
    page.goto(f"/calls/{s.call.pk}/")
    refusal = page.locator(".submit .refusal")
    assert refusal.locator("button").is_disabled()
    assert "Submit input" in refusal.inner_text() and "Member States" in refusal.inner_text()
    refusal.locator("summary").click()  # the engine's own English text, one click away
    text = refusal.inner_text()
    assert "itu-wtpf" in text and "submit_input" in text
    assert "member-state" in text  # what would allow it
    screenshot(page, "refusal-with-reason")
