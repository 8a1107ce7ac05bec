"""The balance and report pages in Chromium, English and Arabic: no serious or critical axe-core
violation, no horizontal overflow on a phone, and the Arabic charts read right to left (the
bars grow leftwards from the labels on the right)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tests.browser.test_layout_a11y import AXE, DESKTOP, PHONE, axe_violations, open_context
from tests.support.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "wtpf-balance": "/venues/itu/wtpf/balance/",
    "wtpf-report": "/venues/itu/wtpf/report/",
    "eu-ai-act-balance": "/venues/eu/ai-act/balance/",
    "igf-2007-report": "/venues/igf/years/2007/report/",
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_balance_and_report_pages_pass_axe(browser: Any, live_server: Any, language: str) -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `python3 dev.py test` installs axe-core from npm.")
    call_command("demo", verbosity=0)
    problems: list[str] = []
    for viewport in (PHONE, DESKTOP):
        context = open_context(browser, live_server, language, None, viewport)
        page = context.new_page()
        page.set_default_timeout(15_000)
        for name, path in PAGES.items():
            response = page.goto(path)
            assert response is not None and response.status == 200, (name, response)
            label = f"{language} {viewport['width']}px {name}"
            if viewport is PHONE:
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    problems.append(f"{label}: page is {width}px wide")
                problems.extend(f"{label}: {v}" for v in axe_violations(page))
            else:
                screenshot(page, f"stocktaking-{language}-{name}")
            if name == "wtpf-balance":
                bar = page.locator("#chart-participants rect").first.bounding_box()
                text = page.locator("#chart-participants .balance-label").first.bounding_box()
                assert bar and text
                # English: the label wholly left of its bar; Arabic: wholly right of it.
                if language == "ar":
                    assert text["x"] >= bar["x"] + bar["width"] - 1, (text, bar)
                else:
                    assert text["x"] + text["width"] <= bar["x"] + 1, (text, bar)
        context.close()
    assert not problems, "\n".join(problems)
