"""Every write endpoint of the meetings API, driven with every kind of standing: each status is
what the door decides for that person, right and meeting (allowed -> 201, refused -> 403 with
the engine's rule). Each attempt gets a fresh meeting, with someone waiting for the floor and
someone speaking, so nothing but the decision changes the outcome."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.api.actions import do_create_token
from roundtable.meetings.actions import do_schedule_meeting
from roundtable.meetings.authority import decide_meeting
from roundtable.meetings.models import FloorRequest, Meeting
from roundtable.meetings.queue import check_ask_floor, do_give_floor
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.roles import do_grant_role
from tests.meetings.scenes import chair, participant
from tests.processes.scenes import Scene, accredit, person, scene

pytestmark = pytest.mark.django_db

FRESH = count(1)
Target = Callable[[Meeting], str]

# endpoint -> (right, path of a fresh meeting, JSON body)
ENDPOINTS: dict[str, tuple[str, Target, dict[str, Any]]] = {
    "schedule": (
        "manage_meeting",
        lambda m: f"/api/processes/{m.process.venue.slug}/{m.process.slug}/meetings",
        {
            "title": "Another",
            "starts_at": "2031-05-01T09:00:00+02:00",
            "ends_at": "2031-05-01T12:00:00+02:00",
            "time_zone": "Europe/Zurich",
        },
    ),
    "change": ("manage_meeting", lambda m: f"/api/meetings/{m.pk}/change", {"status": "confirmed"}),
    "minutes": ("manage_meeting", lambda m: f"/api/meetings/{m.pk}/minutes", {"minutes": "Met."}),
    "register": ("attend", lambda m: f"/api/meetings/{m.pk}/registrations", {}),
    "ask": ("speak", lambda m: f"/api/meetings/{m.pk}/queue", {"paragraph": "p1"}),
    "floor": ("chair_meeting", lambda m: f"/api/meetings/{m.pk}/floor", {}),
    "end": ("chair_meeting", lambda m: f"/api/meetings/{m.pk}/floor/end", {}),
    "mute": ("chair_meeting", lambda m: f"/api/meetings/{m.pk}/floor/mute", {}),
    "list": ("chair_meeting", lambda m: f"/api/meetings/{m.pk}/list", {}),
    "attendance": ("chair_meeting", lambda m: f"/api/meetings/{m.pk}/attendance", {}),
    "skip": ("chair_meeting", lambda m: f"/api/floor-requests/{_waiting(m)}/skip", {}),
    "move": (
        "chair_meeting",
        lambda m: f"/api/floor-requests/{_waiting(m)}/move",
        {"position": 1, "reason": "Point of order"},
    ),
}


def _waiting(meeting: Meeting) -> int:
    return FloorRequest.objects.filter(meeting=meeting, status="waiting").first().pk  # type: ignore[union-attr]


def _people(here: Scene) -> dict[str, Any]:
    people: dict[str, Any] = {"anonymous": None, "secretariat": here.secretariat}
    people["signed-in"] = person(f"signed-{here.venue.slug}@example.org")
    people["civil-society"] = participant(
        here, f"cs-{here.venue.slug}@example.org", "civil-society"
    )
    gov = person(f"gov-{here.venue.slug}@example.org")
    accredit(gov, here.venue, "government", category=here.member_state)
    people["member-state"] = gov
    people["chair"] = chair(here, f"chair-{here.venue.slug}@example.org")
    people["mag-member"] = participant(here, f"mag-{here.venue.slug}@example.org", "academia")
    do_grant_role(
        actor=Actor.operator("t"), user=people["mag-member"], venue=here.venue, role="mag-member"
    )
    operator = person(f"operator-{here.venue.slug}@example.org")
    operator.is_superuser = True
    operator.save()
    people["operator"] = operator
    return people


def _fresh(here: Scene, speakers: list[Any]) -> Meeting:
    now = timezone.now()
    meeting = do_schedule_meeting(
        actor=Actor.operator("t"), process=here.process, title=f"M{next(FRESH)}",
        starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1), mode="hybrid",
    )  # fmt: skip
    operator = Actor.operator("t")
    for user in speakers:
        check_ask_floor(actor=Actor.person(user), meeting=meeting, paragraph="p1")
    do_give_floor(actor=operator, meeting=meeting)
    return meeting


@pytest.mark.parametrize(
    ("modality", "phase"),
    [("itu-wtpf", "exchange-of-views"), ("netmundial", "exchange-of-views"),
     ("igf-open-consultation", "open-consultation")],
)  # fmt: skip
def test_every_write_endpoint_answers_what_the_door_decides(modality: str, phase: str) -> None:
    here = scene(venue_slug=modality[:8], modality=modality, phase_kind=phase, process_slug="m")
    people = _people(here)
    speakers = [
        participant(here, f"speaker{n}-{here.venue.slug}@example.org", "government",
                    category=here.member_state)
        for n in range(3)
    ]  # fmt: skip
    tokens = {
        k: do_create_token(actor=Actor.person(u), name="m")[1] for k, u in people.items() if u
    }
    problems = []
    for name, (right, target, body) in ENDPOINTS.items():
        for kind, user in people.items():
            meeting = _fresh(here, speakers)
            allowed = decide_meeting(
                Actor.person(user), right=right, process=here.process, meeting=meeting
            ).allowed
            headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[kind]}"} if kind in tokens else {}
            response = Client(raise_request_exception=False).post(
                target(meeting), body, content_type="application/json", **headers
            )
            expected = {201} if allowed else {403}
            if response.status_code not in expected:
                problems.append(
                    (name, kind, response.status_code, expected, response.content[:200])
                )
            if response.status_code == 403:
                assert response.json()["error"]["rule"], (name, kind)
    assert problems == []
