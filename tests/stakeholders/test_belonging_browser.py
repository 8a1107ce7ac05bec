"""In real Chromium: a fresh account claiming government/France/GlobalTel at ITU is not
approved; GlobalTel's focal point confirms it on their page; it is then accredited as a
Sector Member's staff (private sector), never as France."""

from __future__ import annotations

from typing import Any

import pytest

from roundtable.permissions.door import standing_for_user
from roundtable.stakeholders.models import Accreditation
from tests.processes.scenes import PASSWORD, person
from tests.stakeholders.test_belonging import Itu
from tests.support.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_claim_waits_for_the_focal_point_then_accredits_as_the_sector_member(
    page: Any, live_server: Any, browser: Any, screenshot: Any
) -> None:
    itu = Itu()
    newcomer = person("newcomer@globaltel.example", "Nora Newcomer")
    sign_in(page, newcomer.username, PASSWORD)
    page.goto("/venues/itu/accreditation/")
    # The form has no delegation to claim.
    assert page.locator("#id_delegation").count() == 0
    page.select_option("#id_group", label="Government")
    page.select_option("#id_category", label="Member State")
    page.select_option("#id_organisation", label="GlobalTel")
    page.locator("form button[type=submit]").last.click()
    assert "waits for GlobalTel to confirm" in page.content()
    assert Accreditation.objects.get(user=newcomer).status == "pending"
    assert standing_for_user(newcomer, "itu").accredited is False

    other = browser.new_context(base_url=live_server.url, locale="en-GB")
    focal = other.new_page()
    sign_in(focal, itu.focal.username, PASSWORD)
    focal.goto("/accounts/me/")
    focal.get_by_role("link", name="GlobalTel · ITU").click()
    claim = focal.locator(".claim").first
    assert "Nora Newcomer" in claim.inner_text()
    assert "mail domain matches" in claim.inner_text()
    screenshot(focal, "claims-waiting")
    claim.get_by_role("button", name="Confirm").click()
    assert "Answer recorded" in focal.content()
    other.close()

    page.goto("/accounts/me/")
    history = page.locator("table").first.inner_text()
    assert "Private sector" in history and "Sector Member" in history
    assert "rule:itu-sector-member" in history and "Government" not in history
    assert "confirmed by the organisation" in page.locator(".claims").inner_text()
    screenshot(page, "accredited-as-sector-member")
    standing = standing_for_user(newcomer, "itu")
    assert standing.groups == {"private-sector"} and standing.delegation is None
