"""The secretariat gives MAG seats in Chromium, in Arabic (right to left): a seat over the
governments' 40% is refused with the rule (IGF MAG Renewal 2022/2023 General guidance:
governments "may hold up to 40% of the total number of seats on the MAG"), and the seats page
shows the kinds of seat and the full group."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_create_venue
from roundtable.stakeholders.organisations import do_ensure_default_groups
from roundtable.stakeholders.roles import do_grant_role
from tests.processes.scenes import PASSWORD, person
from tests.support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_seat_over_the_share_is_refused_in_arabic(browser: Any, live_server: Any) -> None:
    do_ensure_default_groups(actor=Actor.operator("test"))
    venue = do_create_venue(
        actor=Actor.operator("test"),
        slug="igf",
        name="IGF",
        default_modality="igf-open-consultation",
    )
    secretariat = person("secretariat@example.org")
    do_grant_role(actor=Actor.operator("test"), user=secretariat, venue=venue, role="secretariat")
    for n in range(16):
        email = f"gov-{n}@example.org"
        holder = get_user_model().objects.create(username=email, email=email)
        do_grant_role(
            actor=Actor.operator("test"),
            user=holder,
            venue=venue,
            role="mag-member",
            group="government",
            year=2025,
        )
    minister = person("minister@example.org")

    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    sign_in(page, secretariat.email, PASSWORD)
    page.goto("/venues/igf/roles/new/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#id_email", minister.email)
    page.select_option("#id_role", "mag-member")
    page.select_option("#id_group", "government")
    page.fill("#id_year", "2025")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    refusal = page.locator("main").inner_text()
    assert "igf-mag/share-government" in refusal and "مرفوض بموجب القاعدة" in refusal
    page.goto("/venues/igf/roles/?year=2025")
    seats = page.locator("main").inner_text()
    assert "المراقبون" in seats and "مراقب حكومي دولي" in seats
    assert page.locator("tr.group.full").count() == 1
    context.close()
