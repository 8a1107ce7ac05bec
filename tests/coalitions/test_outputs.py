"""A coalition's output under igf-dynamic-coalition: drafted by a coordinator, put to the
members' rough consensus for at least 14 days (objections and minority views invited), then
recorded as a non-binding outcome that carries the minority statement; the coalition's page
lists it. The door decides with the facts `coalition-member` / `coalition-coordinator` that
the coalitions app gives the decisions app (roundtable/coalitions/facts.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from roundtable.audit.models import Event
from roundtable.coalitions.actions import check_join
from roundtable.decisions import actions, positions
from roundtable.decisions.models import MinorityStatement, Outcome, Position
from roundtable.drafting.actions import check_create_document, check_publish_version
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from roundtable.processes.actions import do_add_phase
from tests.coalitions.scenes import founded, igf
from tests.processes.scenes import group, person

pytestmark = pytest.mark.django_db

CHARTER = "Every person has the right to access the Internet.\n\nThe Internet stays open."


def _in_adoption():  # type: ignore[no-untyped-def]
    s = igf()
    coalition = founded(s)
    today = timezone.now().date()
    do_add_phase(
        actor=Actor.person(s.secretariat), process=coalition.process, kind="adoption",
        title="Consensus call", starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=40),
    )  # fmt: skip
    return s, coalition


def test_an_output_goes_from_draft_to_a_non_binding_outcome_with_a_minority_view() -> None:
    s, coalition = _in_adoption()
    coordinator = Actor.person(s.civil)
    check_join(actor=Actor.person(s.private), coalition=coalition, group=group("private-sector"))
    document = check_create_document(
        actor=coordinator, process=coalition.process, slug="charter", title="Charter",
        source=CHARTER,
    )  # fmt: skip
    check_publish_version(actor=coordinator, document=document)
    moment = timezone.now()
    with pytest.raises(ValidationError) as short:
        actions.check_open_adoption(
            actor=coordinator, document=document, closes_at=moment + timedelta(days=3)
        )
    assert short.value.code == "min_days"
    assert "igf-dynamic-coalition/phases/adoption/min_days" in short.value.messages[0]
    adoption = actions.check_open_adoption(
        actor=coordinator, document=document, closes_at=moment + timedelta(days=15)
    )
    assert (adoption.procedure, adoption.kind) == ("rough-consensus", "rough-consensus")
    with pytest.raises(ValidationError) as early:
        actions.check_close_window(actor=coordinator, adoption=adoption)
    assert early.value.code == "min_days"
    positions.check_take_position(actor=Actor.person(s.gov), adoption=adoption, position="support")
    private = Actor.person(s.private)
    positions.check_take_position(
        actor=private, adoption=adoption, position="object",
        text="The charter should not prescribe network management.",
    )  # fmt: skip
    statement = positions.check_add_minority_statement(
        actor=private, adoption=adoption,
        text="Private sector members: the charter should not prescribe network management.",
    )  # fmt: skip
    assert isinstance(statement, MinorityStatement) and statement.group == "private-sector"
    objection = Position.objects.get(adoption=adoption, position="object")
    positions.check_mark_objection(
        actor=coordinator, position=objection, addressed=True, note="Kept as a minority view."
    )
    done = actions.do_conclude_adoption(
        actor=coordinator, adoption=adoption, designation="rough-consensus",
        now=adoption.closes_at + timedelta(minutes=1),
    )  # fmt: skip
    assert done.adopted is True
    outcome = Outcome.objects.get(adoption=adoption)
    assert outcome.binding is False and outcome.version == adoption.version
    verbs = set(Event.objects.values_list("verb", flat=True))
    assert {"adoption.opened", "minority_statement.added", "outcome.recorded"} <= verbs
    page = Client().get(f"/venues/igf/coalitions/{coalition.slug}/").content.decode()
    assert "Charter" in page and "non-binding" in page
    assert "should not prescribe network management" in page
    assert "Objections and minority views were invited from" in page


def test_a_non_member_is_refused_by_the_door_with_the_rule() -> None:
    s, coalition = _in_adoption()
    coordinator = Actor.person(s.civil)
    document = check_create_document(
        actor=coordinator, process=coalition.process, slug="charter", title="Charter",
        source=CHARTER,
    )  # fmt: skip
    check_publish_version(actor=coordinator, document=document)
    adoption = actions.check_open_adoption(
        actor=coordinator, document=document, closes_at=timezone.now() + timedelta(days=15)
    )
    outsider = Actor.person(person("outsider@example.org"))
    with pytest.raises(Denied) as refused:
        positions.check_add_minority_statement(
            actor=outsider, adoption=adoption, text="I was never a member."
        )
    decision = refused.value.decision
    assert decision.rule == "igf-dynamic-coalition/default-deny"
    # What would allow it: the members' rule, for a member of the coalition.
    assert [w.rule for w in decision.would_allow] == ["igf-dynamic-coalition/members-consensus"]
    assert "coalition-member" in decision.would_allow[0].standing
    with pytest.raises(Denied):
        positions.check_take_position(actor=outsider, adoption=adoption, position="object",
                                      text="No.")  # fmt: skip
    # A member who is not a coordinator neither drafts nor runs the call.
    with pytest.raises(Denied) as member:
        actions.check_open_adoption(
            actor=Actor.person(s.gov), document=document,
            closes_at=timezone.now() + timedelta(days=20),
        )  # fmt: skip
    assert not MinorityStatement.objects.exists()
    assert member.value.decision.allowed is False
