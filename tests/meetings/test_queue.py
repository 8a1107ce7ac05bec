"""The speaker queue in a live meeting: who may ask is the engine's answer, the order is the
engine's, and every intervention is recorded with its group and length."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from roundtable.meetings.models import FloorRequest, Intervention
from roundtable.meetings.order import policy_of
from roundtable.meetings.queries import queue_view
from roundtable.meetings.queue import (
    check_ask_floor,
    check_give_floor,
    check_move_request,
    check_skip_request,
    do_close_list,
    do_end_floor,
)
from roundtable.modalities.loader import load_modality
from roundtable.modalities.speakers import SpeakRequest, speaker_order
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.stakeholders.roles import do_grant_role
from tests.meetings.scenes import chair, meeting_scene, participant

pytestmark = pytest.mark.django_db

NETMUNDIAL_ARRIVALS = [
    ("gov1", "government", False),
    ("gov2", "government", False),
    ("cs1", "civil-society", False),
    ("remote1", "academia", True),
    ("ps1", "private-sector", False),
    ("remote2", "civil-society", True),
    ("tech1", "technical-community", False),
    ("remote3", "government", True),
    ("cs2", "civil-society", False),
]


def test_netmundial_rotation_in_a_live_meeting_matches_the_engine() -> None:
    here, meeting = meeting_scene("netmundial", "exchange-of-views")
    presiding = Actor.person(chair(here))
    users = {}
    for name, grp, remote in NETMUNDIAL_ARRIVALS:
        users[name] = participant(here, f"{name}@example.org", grp)
        check_ask_floor(
            actor=Actor.person(users[name]), meeting=meeting, remote=remote, paragraph="p1"
        )
    expected = [
        s.speaker
        for s in speaker_order(
            load_modality("netmundial").speaker_order,
            [SpeakRequest(n, g, remote=r) for n, g, r in NETMUNDIAL_ARRIVALS],
        )
    ]
    shown = [queue_view(meeting).names[p.request.pk] for p in queue_view(meeting).places]
    assert [users[n].profile.display_name for n in expected] == shown
    given = []
    for _ in NETMUNDIAL_ARRIVALS:
        turn = check_give_floor(actor=presiding, meeting=meeting)
        given.append(turn.user.profile.display_name)
        assert turn.slot_seconds == 120
    assert given == [users[n].profile.display_name for n in expected]
    do_end_floor(actor=presiding, meeting=meeting)
    view = queue_view(meeting)
    assert len(view.done) == len(NETMUNDIAL_ARRIVALS) and view.current is None
    assert set(view.seconds_by_group) == {g for _n, g, _r in NETMUNDIAL_ARRIVALS}


def test_netmundial_asks_for_a_paragraph() -> None:
    here, meeting = meeting_scene("netmundial", "exchange-of-views")
    speaker = participant(here, "cs@example.org", "civil-society")
    with pytest.raises(ValidationError) as caught:
        check_ask_floor(actor=Actor.person(speaker), meeting=meeting)
    assert caught.value.code == "paragraph_reference"


def test_civil_society_sits_quietly_under_itu_wtpf_and_is_queued_when_multistakeholder() -> None:
    here, meeting = meeting_scene("itu-wtpf", "exchange-of-views", venue="itu", slug="a")
    speaker = participant(here, "cs@example.org", "civil-society")
    with pytest.raises(Denied) as refused:
        check_ask_floor(actor=Actor.person(speaker), meeting=meeting)
    assert refused.value.decision.rule == "itu-wtpf/default-deny"
    assert not FloorRequest.objects.exists()
    _other, open_meeting = meeting_scene(
        "itu-wtpf-multistakeholder", "exchange-of-views", venue="itu", slug="b"
    )
    made = check_ask_floor(actor=Actor.person(speaker), meeting=open_meeting)
    assert made.status == FloorRequest.Status.WAITING and made.group == "civil-society"


def test_igf_open_day_puts_mag_members_after_the_others() -> None:
    here, meeting = meeting_scene("igf-open-consultation", "open-consultation", venue="igf")
    meeting.day = "open-consultation-day"
    meeting.save()
    mag = participant(here, "mag@example.org", "technical-community")
    from_chair = chair(here, "igf-chair@example.org")
    do_grant_role(actor=Actor.operator("t"), user=mag, venue=here.venue, role="mag-member")
    other = participant(here, "other@example.org", "civil-society")
    check_ask_floor(actor=Actor.person(mag), meeting=meeting)
    check_ask_floor(actor=Actor.person(other), meeting=meeting, remote=True)
    order = [p.request.user_id for p in queue_view(meeting).places]
    assert order == [other.pk, mag.pk]
    assert policy_of(meeting).policy == "priority-tiers"
    del from_chair


def test_chair_moves_with_a_reason_skips_and_closes_the_list() -> None:
    here, meeting = meeting_scene("itu-wtpf-multistakeholder", "exchange-of-views")
    presiding = Actor.person(chair(here))
    a, b, c = (participant(here, f"{n}@example.org", "academia") for n in "abc")
    for user in (a, b, c):
        check_ask_floor(actor=Actor.person(user), meeting=meeting)
    last = FloorRequest.objects.get(user=c)
    with pytest.raises(Denied):
        check_move_request(actor=Actor.person(a), floor_request=last, position=1, reason="x")
    check_move_request(actor=presiding, floor_request=last, position=1, reason="Point of order")
    assert [p.request.user_id for p in queue_view(meeting).places] == [c.pk, a.pk, b.pk]
    check_skip_request(
        actor=presiding, floor_request=FloorRequest.objects.get(user=a), reason="Left"
    )
    turn = check_give_floor(actor=presiding, meeting=meeting, seconds=90)
    assert turn.user_id == c.pk and turn.slot_seconds == 90
    do_close_list(actor=presiding, meeting=meeting)
    late = participant(here, "late@example.org", "academia")
    with pytest.raises(ValidationError):
        check_ask_floor(actor=Actor.person(late), meeting=meeting)
    assert Intervention.objects.count() == 1
