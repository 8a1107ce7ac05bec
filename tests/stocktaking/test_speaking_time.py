"""Speaking time per stakeholder group in the balance: the sum of finished interventions'
lengths, summed by the database (an interval on PostgreSQL, microseconds on SQLite), against
the rows summed here."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from roundtable.meetings.models import Intervention
from roundtable.meetings.queue import check_ask_floor, check_give_floor, do_end_floor
from roundtable.permissions.actor import Actor
from tests.meetings.scenes import chair, meeting_scene, participant

pytestmark = pytest.mark.django_db

SPEAKERS = [("gov1", "government", 95), ("cs1", "civil-society", 130), ("gov2", "government", 61)]


def test_speaking_time_is_summed_per_group() -> None:
    here, meeting = meeting_scene("netmundial", "exchange-of-views")
    presiding = Actor.person(chair(here))
    for name, group, _seconds in SPEAKERS:
        user = participant(here, f"{name}@example.org", group)
        check_ask_floor(actor=Actor.person(user), meeting=meeting, paragraph="p1")
    for _ in SPEAKERS:
        check_give_floor(actor=presiding, meeting=meeting)
    do_end_floor(actor=presiding, meeting=meeting)
    # The queue's actions read the clock themselves: give each turn its length afterwards.
    start = meeting.starts_at
    lengths = {f"{n}@example.org": s for n, _g, s in SPEAKERS}
    for turn in Intervention.objects.filter(meeting=meeting).select_related("user"):
        Intervention.objects.filter(pk=turn.pk).update(
            started_at=start, ended_at=start + timedelta(seconds=lengths[turn.user.email])
        )
    expected: dict[str, int] = {}
    for turn in Intervention.objects.filter(meeting=meeting):
        assert turn.ended_at is not None
        key = turn.group
        expected[key] = expected.get(key, 0) + int(
            (turn.ended_at - turn.started_at).total_seconds()
        )
    process = meeting.process
    body = Client().get(f"/api/processes/{process.venue.slug}/{process.slug}/balance").json()
    spoken = {c["group"]: c["count"] for c in body["measures"]["speaking_seconds"] if c["count"]}
    assert spoken == expected == {"government": 156, "civil-society": 130}
    page = Client().get(f"/venues/{process.venue.slug}/{process.slug}/balance/").content.decode()
    assert "3 min" in page and "2 min" in page  # 156 s and 130 s, as minutes


def test_the_demo_igf_consultation_shows_speaking_time_per_group(demo_world: Any) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {demo_world.tokens['secretariat']}")
    turns = Intervention.objects.filter(meeting__process__slug="stock-taking-2007")
    expected: dict[str, int] = {}
    for turn in turns:
        assert turn.ended_at is not None and turn.started_at.year == 2007
        length = int((turn.ended_at - turn.started_at).total_seconds())
        expected[turn.group] = expected.get(turn.group, 0) + length
    body = client.get("/api/processes/igf/stock-taking-2007/balance").json()
    spoken = {c["group"]: c["count"] for c in body["measures"]["speaking_seconds"] if c["count"]}
    assert (
        spoken == expected == {"government": 420, "private-sector": 270, "intergovernmental": 185}
    )
    page = client.get("/venues/igf/stock-taking-2007/balance/").content.decode()
    assert 'id="chart-speaking_seconds"' in page and "7 min" in page
