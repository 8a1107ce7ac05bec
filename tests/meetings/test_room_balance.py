"""Registration in the room keeps the balance and capacity the modality sets (issue 13 point 1;
issue 12, richer standing). Source: ITU, WTPF-13 Informal Experts Group page: open on request
"taking into account ... the need to maintain a balanced group of experts, and also room and
seating capacity for IEG meetings" (the numbers in itu-wtpf-multistakeholder are illustrative,
as its header says: 40 seats, at most a third per group)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from roundtable.meetings.actions import check_register
from roundtable.meetings.models import Registration
from roundtable.permissions.actor import Actor
from tests.meetings.scenes import meeting_scene, participant

pytestmark = pytest.mark.django_db


def test_a_group_over_its_share_of_the_room_is_refused_with_the_rule_and_may_join_remotely() -> (
    None
):
    here, meeting = meeting_scene("itu-wtpf-multistakeholder", "exchange-of-views", venue="itu")
    for n in range(13):  # a third of 40, rounded down
        user = participant(here, f"cs{n}@example.org", "civil-society")
        check_register(actor=Actor.person(user), meeting=meeting)
    one_more = participant(here, "cs13@example.org", "civil-society")
    with pytest.raises(ValidationError) as refused:
        check_register(actor=Actor.person(one_more), meeting=meeting)
    assert "itu-wtpf-multistakeholder/share-civil-society" in refused.value.messages[0]
    assert refused.value.code == "conflict"
    remote = check_register(actor=Actor.person(one_more), meeting=meeting, remote=True)
    assert remote.remote
    other = participant(here, "gov@example.org", "government", category=here.member_state)
    assert not check_register(actor=Actor.person(other), meeting=meeting).remote
    assert Registration.objects.filter(meeting=meeting, remote=False).count() == 14


def test_a_modality_without_limits_admits_by_the_attend_right_alone() -> None:
    here, meeting = meeting_scene("netmundial", "exchange-of-views", venue="nm")
    for n in range(15):
        user = participant(here, f"p{n}@example.org", "civil-society")
        check_register(actor=Actor.person(user), meeting=meeting)
    assert Registration.objects.filter(meeting=meeting).count() == 15
