"""The chair records attendance; the meeting's quorum (``quorum:`` of its modality) is counted
over it and explained like any other decision (issue 12, procedure 1).

Source of the preset rule: GNSO Operating Procedures, chapter 4, as quoted by the GNSO
Secretariat (council list, 29 Jul 2013): "A quorum is a majority of voting members in each
House"; the preset counts a majority of the 20 voting seats at the meeting (its header says
why that is necessary, not sufficient).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.audit.models import Event
from roundtable.meetings.actions import do_register
from roundtable.meetings.attendance import (
    Mark,
    check_record_attendance,
    quorum_count,
    require_quorum,
)
from roundtable.meetings.models import Meeting, Registration
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.stakeholders.roles import do_grant_role
from tests.meetings.scenes import chair, meeting_scene, participant
from tests.processes.scenes import Scene

pytestmark = pytest.mark.django_db


def _council(n: int) -> tuple[Scene, Meeting, Any, list[Registration]]:
    here, meeting = meeting_scene("icann-gnso-council", "exchange-of-views", venue="icann")
    rows = []
    for i in range(n):
        user = participant(here, f"councilor{i}@example.org", "private-sector")
        do_grant_role(actor=Actor.operator("t"), user=user, venue=here.venue, role="councilor")
        rows.append(do_register(actor=Actor.person(user), meeting=meeting, remote=i % 2 == 1))
    return here, meeting, chair(here), rows


def test_quorum_is_counted_over_the_recorded_attendance_and_names_its_rule() -> None:
    _here, meeting, presiding, rows = _council(12)
    quorum = quorum_count(meeting)
    assert quorum is not None and not quorum.met and quorum.present == 0
    marks = [Mark(r.pk, "remote" if r.remote else "in-room") for r in rows[:10]]
    marks.append(Mark(rows[10].pk, "absent"))
    check_record_attendance(actor=Actor.person(presiding), meeting=meeting, marks=marks)
    quorum = quorum_count(meeting)
    assert quorum is not None
    assert (quorum.met, quorum.present, quorum.members, quorum.needed) == (False, 10, 20, 11)
    assert quorum.rule == "icann-gnso-council/meeting-quorum"
    with pytest.raises(ValidationError, match="icann-gnso-council/meeting-quorum"):
        require_quorum(meeting)
    check_record_attendance(
        actor=Actor.person(presiding), meeting=meeting, marks=[Mark(rows[11].pk, "in-room")]
    )
    met = require_quorum(meeting)
    assert met is not None and met.met
    assert met.reason == (
        "quorum met: 11 of 20 members present (11 needed, > 1/2), "
        "rule icann-gnso-council/meeting-quorum"
    )
    assert Registration.objects.filter(meeting=meeting, attended=True).count() == 11
    # One audit event per registration changed.
    assert Event.objects.filter(verb="meeting.attendance").count() == 12


def test_only_the_chair_records_attendance_and_a_stranger_registration_is_refused() -> None:
    here, meeting, presiding, rows = _council(1)
    other = participant(here, "other@example.org", "civil-society")
    with pytest.raises(Denied):
        check_record_attendance(
            actor=Actor.person(other), meeting=meeting, marks=[Mark(rows[0].pk, "in-room")]
        )
    _there, elsewhere = meeting_scene(
        "icann-gnso-council", "exchange-of-views", venue="icann", slug="q2"
    )
    with pytest.raises(ValidationError):
        check_record_attendance(
            actor=Actor.person(presiding), meeting=elsewhere, marks=[Mark(rows[0].pk, "in-room")]
        )
    with pytest.raises(ValidationError):
        check_record_attendance(
            actor=Actor.person(presiding), meeting=meeting, marks=[Mark(rows[0].pk, "asleep")]
        )


def test_a_non_member_present_does_not_count_toward_quorum() -> None:
    here, meeting, presiding, rows = _council(1)
    guest = participant(here, "guest@example.org", "civil-society")
    visit = do_register(actor=Actor.person(guest), meeting=meeting)
    check_record_attendance(
        actor=Actor.person(presiding),
        meeting=meeting,
        marks=[Mark(visit.pk, "in-room"), Mark(rows[0].pk, "in-room")],
    )
    quorum = quorum_count(meeting)
    assert quorum is not None and quorum.present == 1


def test_web_form_records_attendance_and_the_page_and_minutes_show_it() -> None:
    here, meeting, presiding, rows = _council(2)
    client = Client()
    client.force_login(presiding)
    page = client.get(f"/meetings/{meeting.pk}/")
    assert page.status_code == 200 and b"record-attendance" in page.content
    done = client.post(
        f"/meetings/{meeting.pk}/attendance/", {f"r{rows[0].pk}": "in-room", f"r{rows[1].pk}": ""}
    )
    assert done.status_code == 302
    assert Registration.objects.get(pk=rows[0].pk).attendance == "in-room"
    assert Registration.objects.get(pk=rows[1].pk).attendance == ""
    bad = client.post(f"/meetings/{meeting.pk}/attendance/", {f"r{rows[0].pk}": "asleep"})
    assert bad.status_code == 302
    assert Registration.objects.get(pk=rows[0].pk).attendance == "in-room"
    page = client.get(f"/meetings/{meeting.pk}/")
    assert b"No quorum: 1 of 20 members present (11 needed)." in page.content
    assert b"icann-gnso-council/meeting-quorum" in page.content
    secretariat = Client()
    secretariat.force_login(here.secretariat)
    published = secretariat.post(
        f"/meetings/{meeting.pk}/minutes/", {"minutes": "Met.", "chair_summary": ""}
    )
    assert published.status_code == 302
    minutes = client.get(f"/meetings/{meeting.pk}/").content.decode()
    section = minutes[minutes.index('class="minutes"') :]
    assert "Present in the room" in section and "No quorum" in section


def test_web_form_is_the_chairs_only() -> None:
    _here, meeting, _presiding, rows = _council(1)
    client = Client()
    client.force_login(rows[0].user)
    assert b"record-attendance" not in client.get(f"/meetings/{meeting.pk}/").content
    refused = client.post(f"/meetings/{meeting.pk}/attendance/", {f"r{rows[0].pk}": "in-room"})
    assert refused.status_code == 403
    assert Registration.objects.get(pk=rows[0].pk).attendance == ""


def test_api_records_attendance_and_answers_the_roster_and_quorum() -> None:
    _here, meeting, presiding, rows = _council(2)
    token = do_create_token(actor=Actor.person(presiding), name="t")[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = {"marks": [{"registration": rows[0].pk, "attendance": "remote"}]}
    made = client.post(
        f"/api/meetings/{meeting.pk}/attendance", body, content_type="application/json"
    )
    assert made.status_code == 201, made.content
    data = made.json()
    assert [r["attendance"] for r in data["registrations"]] == ["remote", None]
    assert data["quorum"]["rule"] == "icann-gnso-council/meeting-quorum"
    assert (data["quorum"]["met"], data["quorum"]["present"]) == (False, 1)
    wrong = {"marks": [{"registration": rows[0].pk, "attendance": "asleep"}]}
    refused = client.post(
        f"/api/meetings/{meeting.pk}/attendance", wrong, content_type="application/json"
    )
    assert refused.status_code in (400, 422)
    shown = client.get(f"/api/meetings/{meeting.pk}").json()
    assert shown["attendance"]["private-sector"]["present_remote"] == 1
