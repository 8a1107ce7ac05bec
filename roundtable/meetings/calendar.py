"""iCalendar (RFC 5545) feeds of meetings: one per venue and one per meeting.

A change raises the meeting's SEQUENCE and a cancellation sets STATUS:CANCELLED, so a calendar
that subscribed updates its copy rather than adding a second one (same UID).
"""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting

STATUS = {
    Meeting.Status.TENTATIVE: "TENTATIVE",
    Meeting.Status.CONFIRMED: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@roundtable"


def event(meeting: Meeting, url: str = "") -> Event:
    zone = ZoneInfo(meeting.time_zone)
    item = Event()
    item.add("uid", uid(meeting))
    item.add("dtstamp", timezone.now())
    item.add("dtstart", meeting.starts_at.astimezone(zone))
    item.add("dtend", meeting.ends_at.astimezone(zone))
    item.add("summary", meeting.title)
    item.add("status", STATUS[Meeting.Status(meeting.status)])
    item.add("sequence", meeting.sequence)
    item.add("last-modified", meeting.updated_at)
    if meeting.location:
        item.add("location", meeting.location)
    agenda = "\n".join(str(a) for a in meeting.agenda.all())
    if agenda:
        item.add("description", agenda)
    if url:
        item.add("url", url)
    return item


def calendar(meetings: Iterable[Meeting], name: str, url_of: dict[int, str]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Roundtable//meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for meeting in meetings:
        cal.add_component(event(meeting, url_of.get(meeting.pk, "")))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
