"""Adoption by the phase modality's procedure: consensus calls, rough consensus, chamber votes,
no adoption (IGF); outcomes, minority statements and follow-up."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from roundtable.audit.queries import list_events_for
from roundtable.decisions import actions, ballots, outcomes, positions
from roundtable.decisions.models import Outcome, Position
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied
from tests.drafting.scenes import file_statements, member, published_document, world
from tests.support.rules import register

pytestmark = pytest.mark.django_db

SECRET = Path(__file__).with_name("secret-vote.yaml")


def soon() -> object:
    return timezone.now() + timedelta(days=2)


def test_gnso_consensus_call_with_objection_designation_and_minority_statement() -> None:
    w = world(modality="icann-gnso-pdp-wg")
    doc = published_document(w)
    members = [member(w, f"m{i}@example.org", "member") for i in range(5)]
    file_statements(w, *members)
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=soon()
    )
    assert (adoption.procedure, adoption.kind) == ("wg-consensus", "consensus")
    for m in members[:4]:
        positions.check_take_position(actor=Actor.person(m), adoption=adoption, position="support")
    with pytest.raises(ValidationError) as no_text:
        positions.check_take_position(
            actor=Actor.person(members[4]), adoption=adoption, position="object"
        )
    assert no_text.value.code == "required"
    positions.check_take_position(
        actor=Actor.person(members[4]),
        adoption=adoption,
        position="object",
        text="Too weak on IXPs.",
    )
    # Only members (anyone signed in joins as a member) take part; the chair designates.
    with pytest.raises(Denied):
        positions.check_take_position(
            actor=Actor.person(AnonymousUser()), adoption=adoption, position="support"
        )
    with pytest.raises(ValidationError) as early:
        actions.check_conclude_adoption(
            actor=Actor.person(w.chair), adoption=adoption, designation="consensus"
        )
    assert early.value.code == "window_open"
    with pytest.raises(Denied):
        actions.check_close_window(actor=Actor.person(members[0]), adoption=adoption)
    actions.check_close_window(actor=Actor.person(w.chair), adoption=adoption)
    with pytest.raises(ValidationError):  # the window is closed
        positions.check_take_position(
            actor=Actor.person(members[0]), adoption=adoption, position="object", text="late"
        )
    with pytest.raises(Denied):
        actions.check_conclude_adoption(
            actor=Actor.person(w.secretariat), adoption=adoption, designation="consensus"
        )
    # GNSO Working Group Guidelines 3.6 (GNSO Operating Procedures, Annex 1, text of 1 Sep 2016,
    # http://mm.icann.org/pipermail/gnso-bylaws-dt/2016-September/000040.html; see
    # docs/sources/presets.md): "The Chair will be responsible for designating each position";
    # no numeric threshold defines a level, so before the designation the tally names none and
    # the adoption cannot be concluded without one.
    live = ballots.current_tally(adoption)
    assert live.arithmetic["level"] is None and not live.adopted
    assert "derived_level" not in live.arithmetic
    with pytest.raises(ValidationError) as undesignated:
        actions.check_conclude_adoption(actor=Actor.person(w.chair), adoption=adoption)
    assert undesignated.value.code == "designation"
    assert "Designate the level of consensus." in undesignated.value.messages
    done = actions.check_conclude_adoption(
        actor=Actor.person(w.chair),
        adoption=adoption,
        designation="consensus",
        note="A small minority disagrees.",
    )
    assert done.adopted is True
    assert "derived_level" not in done.result["arithmetic"]  # 4 of 5 suggests no GNSO level
    assert done.result["arithmetic"]["level"] == "consensus"
    assert done.result["arithmetic"]["designated_level"] == "consensus"
    assert done.result["arithmetic"]["minority"] == [f"user:{members[4].pk}"]
    outcome = Outcome.objects.get(adoption=done)
    assert (outcome.kind, outcome.binding, outcome.version_id) == (
        "recommendation",
        False,
        done.version_id,
    )
    statement = positions.check_add_minority_statement(
        actor=Actor.person(members[4]), adoption=done, text="We would have gone further."
    )
    assert statement.group == ""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        positions.check_add_minority_statement(
            actor=Actor.person(members[0]), adoption=done, text="x"
        )
    follow_up = outcomes.check_add_follow_up(
        actor=Actor.person(w.chair), outcome=outcome, title="Report to Council", owner="Staff",
        due_on=timezone.now().date() + timedelta(days=30), paragraphs=["p2", "p3"],
    )  # fmt: skip
    with pytest.raises(ValidationError):
        outcomes.check_add_follow_up(
            actor=Actor.person(w.chair), outcome=outcome, title="x", owner="y", paragraphs=["p99"]
        )
    outcomes.check_note_progress(
        actor=Actor.person(w.chair), follow_up=follow_up, text="Drafted.", status="in-progress"
    )
    follow_up.refresh_from_db()
    assert follow_up.status == "in-progress"
    verbs = [e.verb for e in list_events_for(done)]
    assert verbs[0] == "adoption.opened" and "adoption.concluded" in verbs
    assert verbs.count("position.taken") == 5
    client = Client()
    page = client.get(f"/outcomes/{outcome.pk}/").content.decode()
    assert "We would have gone further." in page and "Report to Council" in page
    assert "Drafted." in client.get(f"/follow-up/{w.venue.slug}/").content.decode()
    assert "Too weak on IXPs." in client.get(f"/adoptions/{done.pk}/").content.decode()


def test_rough_consensus_needs_every_objection_addressed() -> None:
    w = world(modality="ietf-wg", venue_slug="ietf", process_slug="quic")
    doc = published_document(w)
    alice, bob = member(w, "a@example.org"), member(w, "b@example.org")
    file_statements(w, alice, bob)
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=soon()
    )
    positions.check_take_position(actor=Actor.person(alice), adoption=adoption, position="support")
    positions.check_take_position(
        actor=Actor.person(bob), adoption=adoption, position="object", text="Breaks NATs."
    )
    bobs = Position.objects.get(adoption=adoption, position="object")
    actions.do_close_window(actor=Actor.person(w.chair), adoption=adoption)
    assert ballots.current_tally(adoption, "rough-consensus").adopted is False  # unaddressed
    positions.check_mark_objection(
        actor=Actor.person(w.chair), position=bobs, addressed=True, note="See section 4."
    )
    done = actions.check_conclude_adoption(
        actor=Actor.person(w.chair), adoption=adoption, designation="rough-consensus"
    )
    assert done.adopted and done.result["arithmetic"]["addressed"] == [f"user:{bob.pk}"]


def test_igf_adopts_nothing_its_outcome_is_a_summary() -> None:
    w = world(modality="igf-mag", phase="exchange-of-views", venue_slug="igf", process_slug="mag")
    doc = published_document(w)
    with pytest.raises(ValidationError) as refused:
        actions.check_open_adoption(
            actor=Actor.person(w.secretariat), document=doc, closes_at=soon()
        )
    assert refused.value.code == "no_adoption"
    outcome = outcomes.check_record_summary(
        actor=Actor.person(w.chair), process=w.process, title="Chair's summary", summary="Messages...",
        kind="chairs-summary",
    )  # fmt: skip
    assert outcome.kind == "chairs-summary" and outcome.adoption is None
    client = Client()
    client.force_login(w.chair)
    page = client.get(f"/documents/{doc.pk}/adoption/").content.decode()
    assert "Nothing can be adopted in this phase" in page
    made = client.post(
        f"/venues/{w.venue.slug}/{w.process.slug}/outcomes/",
        {"kind": "messages", "title": "IGF Messages", "summary": "Key messages."},
    )
    assert made.status_code == 302
    assert "IGF Messages" in client.get(made["Location"]).content.decode()
    with pytest.raises(ValidationError):
        outcomes.do_record_summary(
            actor=Actor.person(w.chair), process=w.process, title="t", summary="s", kind="opinion"
        )


def test_gnso_council_supermajority_by_the_alternative_and_vote_changes() -> None:
    w = world(modality="icann-gnso-council", process_slug="council")
    doc = published_document(w)
    contracted = [member(w, f"c{i}@example.org", "councilor", "contracted") for i in range(7)]
    non = [member(w, f"n{i}@example.org", "councilor", "non-contracted") for i in range(13)]
    nomcom = member(w, "nonvoting@example.org", "non-voting-councilor", "non-contracted")
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=soon(), procedure="supermajority"
    )
    assert adoption.kind == "chamber-vote"
    for i, user in enumerate(contracted):
        positions.check_take_position(
            actor=Actor.person(user), adoption=adoption, position="yes" if i < 6 else "no"
        )
    for user in non:
        positions.check_take_position(actor=Actor.person(user), adoption=adoption, position="no")
    # Votes change until the close: 7 of the 13 change to yes.
    for user in non[:7]:
        positions.check_take_position(actor=Actor.person(user), adoption=adoption, position="yes")
    assert adoption.positions.count() == 20
    with pytest.raises(Denied) as refused:
        positions.check_take_position(actor=Actor.person(nomcom), adoption=adoption, position="yes")
    assert refused.value.decision.rule == "icann-gnso-council/non-voting-appointee"
    houseless = member(w, "houseless@example.org", "councilor")
    with pytest.raises(ValidationError) as no_chamber:
        positions.check_take_position(
            actor=Actor.person(houseless), adoption=adoption, position="yes"
        )
    assert no_chamber.value.code == "chamber"
    actions.check_close_window(actor=Actor.person(w.chair), adoption=adoption)
    done = actions.check_conclude_adoption(actor=Actor.person(w.chair), adoption=adoption)
    arithmetic = done.result["arithmetic"]
    assert done.adopted
    assert [(c["chamber"], c["yes"], c["seats"]) for c in arithmetic["chambers"]] == [
        ("contracted", 6, 7), ("non-contracted", 7, 13),
    ]  # fmt: skip
    assert [a["met"] for a in arithmetic["alternatives"]] == [False, True]
    assert "one chamber >= 3/4 and the other(s) > 1/2" in arithmetic["alternatives"][1]["test"]


def test_public_or_secret_as_the_modality_says_not_as_the_chair_asks() -> None:
    """GNSO Council votes are public: a request for a secret ballot is refused."""
    w = world(modality="icann-gnso-council", process_slug="public")
    doc = published_document(w)
    with pytest.raises(ValidationError) as refused:
        actions.check_open_adoption(
            actor=Actor.person(w.chair), document=doc, closes_at=soon(), secret=True
        )
    assert refused.value.code == "secret" and "icann-gnso-council" in refused.value.messages[0]
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=soon()
    )
    assert adoption.secret is False
    # The opening page offers no choice and says why.
    client = Client()
    client.force_login(w.chair)
    page = client.get(f"/documents/{doc.pk}/adoption/").content.decode()
    assert 'name="secret"' not in page
    assert "set by the modality icann-gnso-council" in page
    assert 'data-procedure="supermajority" data-secret="no"' in page


def test_secret_ballot_hides_positions() -> None:
    w = world(modality=register(SECRET), venue_slug="assembly", process_slug="secret")
    doc = published_document(w)
    voter = member(w, "c@example.org")
    client = Client()
    client.force_login(w.chair)
    page = client.get(f"/documents/{doc.pk}/adoption/").content.decode()
    assert 'name="secret"' not in page and 'data-procedure="ballot" data-secret="yes"' in page
    with pytest.raises(ValidationError) as refused:
        actions.check_open_adoption(
            actor=Actor.person(w.chair), document=doc, closes_at=soon(), secret=False
        )
    assert refused.value.code == "secret"
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=soon()
    )
    assert adoption.secret is True
    positions.check_take_position(actor=Actor.person(voter), adoption=adoption, position="yes")
    events = list_events_for(adoption)
    assert events[0].summary["secret"] is True
    assert all("position" not in e.summary for e in events if e.verb.startswith("position"))
    page = Client().get(f"/adoptions/{adoption.pk}/").content.decode()
    assert "(secret)" in page and 'data-position="yes"' not in page
    shown = Client().get(f"/api/adoptions/{adoption.pk}").json()
    assert shown["secret"] is True and shown["positions"][0]["position"] is None
    assert shown["live_tally"] is None
