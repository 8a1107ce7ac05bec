"""The chair records attendance on the meeting page in real Chromium, in English and in Arabic:
the quorum of the GNSO Council's meeting (GNSO Operating Procedures ch. 4, as the preset
counts it) turns from "no quorum" to "quorum met", and attendance shows per stakeholder group."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from roundtable.meetings.actions import do_register
from roundtable.meetings.models import Registration
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.roles import do_grant_role
from tests.meetings.scenes import chair, meeting_scene, participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_chair_records_attendance_and_the_quorum_is_met(
    browser: Any, live_server: Any, screenshot: Any, locale: str
) -> None:
    here, meeting = meeting_scene("icann-gnso-council", "exchange-of-views", venue="icann")
    rows = []
    for i in range(12):
        user = participant(here, f"councilor{i}@example.org", "private-sector")
        do_grant_role(actor=Actor.operator("t"), user=user, venue=here.venue, role="councilor")
        rows.append(do_register(actor=Actor.person(user), meeting=meeting, remote=i % 2 == 1))
    presiding = chair(here)
    client = Client()
    client.force_login(presiding)
    context = browser.new_context(base_url=live_server.url, locale=locale)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"/meetings/{meeting.pk}/")
        assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
        assert "status-refused" in (page.locator(".quorum").first.get_attribute("class") or "")
        for row in rows[:11]:
            page.select_option(f"select[name=r{row.pk}]", "remote" if row.remote else "in-room")
        page.select_option(f"select[name=r{rows[11].pk}]", "absent")
        page.locator("form.record-attendance button[type=submit]").click()
        page.wait_for_load_state()
        quorum = page.locator(".quorum").first
        assert "status-allowed" in (quorum.get_attribute("class") or "")
        words = quorum.inner_text()
        assert "11" in words and "20" in words
        if locale == "ar":
            assert ARABIC.search(words) and "Quorum" not in words
        else:
            assert "Quorum met: 11 of 20 members present" in words
        assert ARABIC.search(page.locator("section.attendance").inner_text()) or locale != "ar"
        screenshot(page, f"attendance-{locale}")
        attended = Registration.objects.filter(meeting=meeting, attended=True).count()
        assert attended == 11
    finally:
        context.close()
