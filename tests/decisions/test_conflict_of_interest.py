"""A councillor abstaining may give a conflict-of-interest notice, shown in the list of votes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from roundtable.decisions import actions, positions
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import member, published_document, world

pytestmark = pytest.mark.django_db


def test_abstention_with_a_conflict_of_interest_notice_is_shown_in_the_tally_list() -> None:
    w = world(modality="icann-gnso-council", process_slug="council")
    ann = member(w, "ann@example.org", "councilor", "contracted", name="Ann")
    ben = member(w, "ben@example.org", "councilor", "non-contracted", name="Ben")
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair),
        document=published_document(w),
        closes_at=timezone.now() + timedelta(days=2),
        procedure="supermajority",
    )
    # A notice goes with an abstention only, and says what the conflict is.
    for position, text in (("yes", "My employer."), ("abstain", "")):
        with pytest.raises(ValidationError) as refused:
            positions.check_take_position(
                actor=Actor.person(ann), adoption=adoption, position=position, text=text,
                conflict_of_interest=True,
            )  # fmt: skip
        assert refused.value.code == "conflict_of_interest"
    client = Client()
    client.force_login(ann)
    form = client.get(f"/adoptions/{adoption.pk}/").content.decode()
    assert 'name="conflict_of_interest"' in form
    client.post(
        f"/adoptions/{adoption.pk}/",
        {
            "action": "position",
            "position": "abstain",
            "conflict_of_interest": "1",
            "text": "My employer is the applicant.",
        },
    )
    positions.check_take_position(actor=Actor.person(ben), adoption=adoption, position="abstain")
    mine = adoption.positions.get(user=ann)
    assert mine.conflict_of_interest and mine.text == "My employer is the applicant."
    assert not adoption.positions.get(user=ben).conflict_of_interest
    table = Client().get(f"/adoptions/{adoption.pk}/").content.decode()
    assert table.count('class="conflict-of-interest"') == 1
    assert "My employer is the applicant." in table
