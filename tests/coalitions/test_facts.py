"""The door's coalition facts (coalitions/facts.py) are read once per actor and process (a
request has one actor), and joining or leaving drops what was kept, so the next question
sees the change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roundtable.coalitions.actions import check_join, check_leave
from roundtable.coalitions.facts import MEMBER, member_facts
from roundtable.drafting.authority import InProcess
from roundtable.permissions.actor import Actor
from tests.coalitions.scenes import founded, igf
from tests.processes.scenes import group

pytestmark = pytest.mark.django_db


def test_facts_are_kept_per_actor_and_process_and_dropped_on_joining_and_leaving() -> None:
    s = igf()
    coalition = founded(s)
    assert coalition.process is not None
    private = Actor.person(s.private)
    assert member_facts(private, coalition.process, coalition.modality) == InProcess()
    with CaptureQueriesContext(connection) as again:
        member_facts(private, coalition.process, coalition.modality)
    assert len(again) == 0
    check_join(actor=private, coalition=coalition, group=group("private-sector"))
    joined = member_facts(private, coalition.process, coalition.modality)
    assert joined.facts == {MEMBER} and joined.groups == {"private-sector"}
    check_leave(actor=private, coalition=coalition)
    assert member_facts(private, coalition.process, coalition.modality) == InProcess()
    # Another actor (another request) asks afresh.
    assert member_facts(Actor.person(s.civil), coalition.process, coalition.modality).facts
