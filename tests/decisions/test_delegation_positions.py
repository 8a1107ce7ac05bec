"""A delegation speaks through its head: only the head, or a member the head designated for
that adoption, takes or changes the delegation's position; each change is audited with who
acted; a member's attempt is refused with the rule (issue 9)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.api.actions import do_create_token
from roundtable.audit.queries import list_events_for
from roundtable.decisions import actions, positions
from roundtable.decisions.models import Position
from roundtable.decisions.speakers import check_designate_speaker
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.stakeholders.delegations import do_appoint_delegation_head, do_create_delegation
from roundtable.stakeholders.organisations import do_create_venue_category
from tests.drafting.scenes import published_document, world
from tests.processes.scenes import accredit, group, person

pytestmark = pytest.mark.django_db


def _delegation_world():  # type: ignore[no-untyped-def]
    w = world(modality="itu-wtpf-multistakeholder", venue_slug="itu", process_slug="wtpf")
    member_state = do_create_venue_category(
        actor=Actor.operator("t"),
        venue=w.venue,
        slug="member-state",
        name="Member State",
        group=group("government"),
    )
    france = do_create_delegation(
        actor=Actor.operator("t"), venue=w.venue, slug="france", name="France"
    )
    head, deputy, other = (
        person(f"{n}@example.fr", n.title()) for n in ("head", "deputy", "other")
    )
    for someone in (head, deputy, other):
        accredit(someone, w.venue, "government", category=member_state, delegation=france)
    do_appoint_delegation_head(actor=Actor.operator("t"), delegation=france, head=head)
    doc = published_document(w)
    closes = timezone.now() + timedelta(days=2)
    first = actions.check_open_adoption(actor=Actor.person(w.chair), document=doc, closes_at=closes)
    return w, france, head, deputy, other, first, doc


def test_only_the_head_or_the_designated_member_speaks_for_the_delegation() -> None:
    w, france, head, deputy, other, adoption, doc = _delegation_world()
    # A member who is not the head is refused, and told the rule and what would allow it.
    with pytest.raises(Denied) as refused:
        positions.check_take_position(
            actor=Actor.person(deputy), adoption=adoption, position="support"
        )
    decision = refused.value.decision
    assert "speak_for_delegation" in decision.reason
    hints = " ".join(str(h) for h in decision.would_allow)
    assert "head-speaks-for-delegation" in hints and "designated-speaker" in hints
    assert not Position.objects.filter(adoption=adoption).exists()
    # The head may.
    positions.check_take_position(actor=Actor.person(head), adoption=adoption, position="support")
    # Only the head designates.
    with pytest.raises(Denied):
        check_designate_speaker(actor=Actor.person(other), adoption=adoption, user=other)
    check_designate_speaker(actor=Actor.person(head), adoption=adoption, user=deputy)
    positions.check_take_position(
        actor=Actor.person(deputy), adoption=adoption, position="object", text="Not yet."
    )
    with pytest.raises(Denied):
        positions.check_take_position(
            actor=Actor.person(other), adoption=adoption, position="support"
        )
    [row] = Position.objects.filter(adoption=adoption)
    assert (row.voter_key, row.position, row.user) == ("delegation:france", "object", deputy)
    # Every change is an audit event naming who acted.
    events = [
        (e.verb, e.actor_id)
        for e in list_events_for(adoption)
        if e.verb.startswith(("position", "delegation"))
    ]
    assert events == [
        ("position.taken", head.pk),
        ("delegation.speaker_designated", head.pk),
        ("position.changed", deputy.pk),
    ]
    # The designation holds for that adoption only.
    actions.check_close_window(actor=Actor.person(w.chair), adoption=adoption)
    actions.check_conclude_adoption(
        actor=Actor.person(w.chair), adoption=adoption, designation="consensus"
    )
    second = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=timezone.now() + timedelta(days=2)
    )
    with pytest.raises(Denied):
        positions.check_take_position(
            actor=Actor.person(deputy), adoption=second, position="support"
        )
    positions.check_take_position(actor=Actor.person(head), adoption=second, position="support")


def test_a_member_is_refused_through_the_api_with_the_rule() -> None:
    _w, _france, head, deputy, _other, adoption, _doc = _delegation_world()
    client = Client()

    def post(user, path, body):  # type: ignore[no-untyped-def]
        token = do_create_token(actor=Actor.person(user), name="t")[1]
        return client.post(
            f"/api/adoptions/{adoption.pk}/{path}",
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )

    refused = post(deputy, "positions", {"position": "support"})
    assert refused.status_code == 403
    assert "speak_for_delegation" in refused.json()["error"]["message"]
    assert any("head-speaks-for-delegation" in w for w in refused.json()["error"]["would_allow"])
    assert post(head, "positions", {"position": "support"}).status_code == 201
    assert post(deputy, "speaker", {"email": deputy.email}).status_code == 403
    assert post(head, "speaker", {"email": deputy.email}).status_code == 201
    assert post(deputy, "positions", {"position": "abstain"}).status_code == 201
