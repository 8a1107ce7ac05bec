"""A secretariat sets up and runs a process in Chromium, in English and in Arabic: an operator
creates the venue and gives it its secretariat; the secretariat uploads a rule file, creates a
process under it, adds and moves phases (an overlap refused, naming the phase), opens a call;
a participant submits a contribution."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from roundtable.contributions.models import Contribution
from roundtable.processes.models import Phase, Process
from roundtable.venues.models import Venue
from tests.processes.scenes import PASSWORD, person
from tests.support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RULES = """\
modality: town-hall-{lang}
title: Town hall
extends: open-mailing-list
rules:
  - id: signed-in-submit
    permit: [submit_input]
    who: {{anonymous: false}}
    because: Anyone signed in may send input to the town hall.
"""


def _as(browser: Any, live_server: Any, lang: str, email: str) -> Any:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    if lang != "en":
        with page.expect_navigation():
            page.select_option("#language-select", lang)
    sign_in(page, email, PASSWORD)
    return page


def _submit(page: Any) -> None:
    with page.expect_navigation():
        page.locator("main form:not(.inline-form) button[type=submit]").last.click()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_secretariat_sets_up_and_runs_a_process(
    browser: Any, live_server: Any, screenshot: Any, tmp_path: Path, lang: str
) -> None:
    operator = person(f"operator-{lang}@example.org")
    operator.is_superuser = True  # the operator; `is_staff` alone is no role
    operator.save()
    secretariat = person(f"secretariat-{lang}@example.org")
    participant = person(f"participant-{lang}@example.org")
    venue_slug, today = f"forum-{lang}", timezone.now().date()

    # The operator creates the venue and gives it its secretariat.
    op = _as(browser, live_server, lang, operator.email)
    op.goto("/")
    op.click("a[href='/venues/new/']")
    assert op.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    op.fill("#id_slug", venue_slug)
    op.fill("#id_name", "Town forum")
    op.fill("#id_description", "منتدى المدينة" if lang == "ar" else "The town's forum")
    op.select_option("#id_language", lang)
    op.select_option("#id_default_modality", "open-mailing-list")
    _submit(op)
    assert Venue.objects.get(slug=venue_slug).description_language == lang
    op.click(f"a[href='/venues/{venue_slug}/roles/new/']")
    op.fill("#id_email", secretariat.email)
    op.select_option("#id_role", "secretariat")
    _submit(op)
    op.context.close()

    # The secretariat uploads a rule file (a broken one first: file, line and field named).
    sec = _as(browser, live_server, lang, secretariat.email)
    sec.goto(f"/venues/{venue_slug}/")
    sec.click(f"a[href='/venues/{venue_slug}/rule-files/new/']")
    broken = tmp_path / "broken.yaml"
    broken.write_text(RULES.format(lang=lang).replace("[submit_input]", "[fly]"), "utf-8")
    sec.set_input_files("#id_file", str(broken))
    _submit(sec)
    summary = sec.locator(".error-summary").inner_text()
    assert "broken.yaml:6" in summary and "rules[0].permit" in summary
    good = tmp_path / "town-hall.yaml"
    good.write_text(RULES.format(lang=lang), "utf-8")
    sec.set_input_files("#id_file", str(good))
    _submit(sec)

    # ... creates a process under it (a failed submit keeps what was typed) ...
    sec.click(f"a[href='/venues/{venue_slug}/processes/new/']")
    sec.fill("#id_slug", "budget")
    sec.fill("#id_title", "")
    sec.fill("#id_summary", "ميزانية المدينة" if lang == "ar" else "The town budget")
    sec.select_option("#id_modality", f"town-hall-{lang}")
    _submit(sec)
    assert sec.locator(".error-summary a[href='#id_title']").count() == 1
    assert sec.input_value("#id_slug") == "budget"
    assert sec.input_value("#id_modality") == f"town-hall-{lang}"
    sec.fill("#id_title", "Town budget")
    sec.fill("#id_topics", "budget, parks")
    _submit(sec)
    process = Process.objects.get(venue__slug=venue_slug, slug="budget")
    assert process.modality == f"town-hall-{lang}" and process.topics == ["budget", "parks"]

    # ... adds two phases, moves the second onto the first (refused, naming it), then away.
    base = f"/venues/{venue_slug}/budget/"
    for kind, title, start, end in [
        (
            "open-consultation",
            "Consultation",
            today - timedelta(days=1),
            today + timedelta(days=20),
        ),
        ("drafting", "Drafting", today + timedelta(days=30), today + timedelta(days=40)),
    ]:
        sec.click(f"a[href='{base}phases/add/']")
        sec.select_option("#id_kind", kind)
        sec.fill("#id_title", title)
        sec.fill("#id_starts_on", start.isoformat())
        sec.fill("#id_ends_on", end.isoformat())
        _submit(sec)
    drafting = Phase.objects.get(process=process, title="Drafting")
    sec.click(f"a[href='{base}phases/{drafting.pk}/']")
    sec.fill("#id_starts_on", (today + timedelta(days=5)).isoformat())
    _submit(sec)
    assert "Consultation" in sec.locator(".error-summary").inner_text()
    screenshot(sec, f"setup-overlap-{lang}")
    sec.fill("#id_starts_on", (today + timedelta(days=50)).isoformat())
    sec.fill("#id_ends_on", (today + timedelta(days=60)).isoformat())
    _submit(sec)
    drafting.refresh_from_db()
    assert drafting.starts_on == today + timedelta(days=50)

    # ... and opens a call.
    sec.click(f"a[href='{base}calls/new/']")
    now = timezone.localtime()
    sec.fill("#id_title", "Budget ideas")
    sec.fill("#id_opens_at", (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    sec.fill("#id_closes_at", (now + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"))
    _submit(sec)
    call = process.calls.get()
    sec.goto(base)
    screenshot(sec, f"setup-process-{lang}")
    sec.context.close()

    # A participant submits a contribution.
    part = _as(browser, live_server, lang, participant.email)
    part.goto(f"/calls/{call.pk}/")
    part.fill("#id_title", "More parks")
    part.fill("#id_body", "حدائق أكثر" if lang == "ar" else "Plant more trees.")
    _submit(part)
    made = Contribution.objects.get(call=call)
    assert made.title == "More parks" and made.author == participant
    part.context.close()
