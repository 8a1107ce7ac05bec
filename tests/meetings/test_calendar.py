"""The iCalendar feeds parse with icalendar; a change or a cancellation raises SEQUENCE."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from roundtable.meetings.actions import do_change_meeting
from roundtable.meetings.models import Meeting
from roundtable.permissions.actor import Actor
from tests.meetings.scenes import meeting_scene

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
