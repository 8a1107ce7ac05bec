"""The iCalendar feeds parse with icalendar; a change or a cancellation raises SEQUENCE. The
minutes, once published, show speaking time per stakeholder group."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from roundtable.meetings.actions import do_change_meeting
from roundtable.meetings.models import Meeting
from roundtable.meetings.queue import check_ask_floor, do_end_floor, do_give_floor
from roundtable.permissions.actor import Actor
from tests.meetings.scenes import meeting_scene, participant

pytestmark = pytest.mark.django_db


def _events(body: bytes) -> list[dict[str, object]]:
    cal = Calendar.from_ical(body)
    return [dict(e) for e in cal.walk("VEVENT")]


def test_feed_parses_and_sequence_goes_up_on_change_and_cancellation() -> None:
    _here, meeting = meeting_scene("netmundial", "exchange-of-views", venue="netmundial")
    client = Client()
    venue_feed = client.get("/venues/netmundial/meetings.ics")
    assert venue_feed.status_code == 200
    assert venue_feed["Content-Type"].startswith("text/calendar")
    (event,) = _events(venue_feed.content)
    assert event["UID"] == f"meeting-{meeting.pk}@roundtable"
    assert int(event["SEQUENCE"]) == 0 and event["STATUS"] == "CONFIRMED"
    start = Calendar.from_ical(venue_feed.content).walk("VEVENT")[0].decoded("dtstart")
    assert str(start.tzinfo) == "America/Sao_Paulo" and start == meeting.starts_at.replace(
        microsecond=0
    )
    assert Calendar.from_ical(venue_feed.content).walk("VTIMEZONE")

    do_change_meeting(
        actor=Actor.operator("t"), meeting=meeting, starts_at=meeting.starts_at + timedelta(hours=1)
    )
    (moved,) = _events(client.get(f"/meetings/{meeting.pk}.ics").content)
    assert int(moved["SEQUENCE"]) == 1 and moved["UID"] == event["UID"]

    do_change_meeting(actor=Actor.operator("t"), meeting=meeting, status=Meeting.Status.CANCELLED)
    (cancelled,) = _events(client.get("/venues/netmundial/meetings.ics").content)
    assert int(cancelled["SEQUENCE"]) == 2 and cancelled["STATUS"] == "CANCELLED"


def test_minutes_published_on_the_meeting_page_with_speaking_time_per_group() -> None:
    here, meeting = meeting_scene("netmundial", "exchange-of-views", venue="nm2")
    speaker = participant(here, "cs@example.org", "civil-society")
    check_ask_floor(actor=Actor.person(speaker), meeting=meeting, paragraph="p2")
    do_give_floor(actor=Actor.operator("t"), meeting=meeting)
    do_end_floor(actor=Actor.operator("t"), meeting=meeting)
    staff = Client()
    staff.force_login(here.secretariat)
    form = staff.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Publish the minutes" in form
    answer = staff.post(
        f"/meetings/{meeting.pk}/minutes/", {"minutes": "The plenary met.", "chair_summary": "Ok."}
    )
    assert answer.status_code == 302
    page = Client().get(f"/meetings/{meeting.pk}/").content.decode()
    assert "The plenary met." in page and "Speaking time per stakeholder group" in page
    assert "Civil society" in page
    refused = Client().post(f"/meetings/{meeting.pk}/minutes/", {"minutes": "Forged."})
    assert refused.status_code == 403
