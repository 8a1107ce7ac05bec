"""Appeals of a chair's consensus designation, up the chain the modality declares: each step
decided by the people the rule file names, with reasons, within its time limit; audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from roundtable.api.actions import do_create_token
from roundtable.audit.queries import list_events_for
from roundtable.decisions import actions, appeals, positions
from roundtable.decisions.models import Adoption, Appeal
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied, decide
from roundtable.processes.situation import situation
from roundtable.stakeholders.disclosures import do_file_disclosure
from roundtable.stakeholders.models import DisclosureStatement
from tests.drafting.scenes import World, file_statements, member, published_document, world

pytestmark = pytest.mark.django_db


def concluded(w: World, designation: str, *voters: Any) -> Adoption:
    """A consensus call the chair concluded with `designation`, `voters` supporting."""
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair),
        document=published_document(w),
        closes_at=timezone.now() + timedelta(days=2),
    )
    file_statements(w, *voters)
    for voter in voters:
        positions.check_take_position(
            actor=Actor.person(voter), adoption=adoption, position="support"
        )
    actions.do_close_window(actor=Actor.person(w.chair), adoption=adoption)
    return actions.check_conclude_adoption(
        actor=Actor.person(w.chair), adoption=adoption, designation=designation
    )


def ietf() -> tuple[World, Adoption, Any]:
    w = world(modality="ietf-wg", venue_slug="ietf", process_slug="quic")
    alice = member(w, "alice@example.org", name="Alice")
    return w, concluded(w, "rough-consensus", alice), alice


def test_ietf_appeal_climbs_chairs_then_area_director_each_with_reasons() -> None:
    # RFC 2026 (BCP 9) section 6.5.1: first "discuss the matter with the Working Group's
    # chair(s)", then "the Area Director(s)", then "the IESG as a whole", then "the IAB".
    w, adoption, alice = ietf()
    ad = member(w, "ad@example.org", "area-director", name="AD")
    made = appeals.check_lodge_appeal(
        actor=Actor.person(alice), adoption=adoption, grounds="My objection was ignored."
    )
    assert (made.step, made.status) == (0, Appeal.Status.PENDING)
    # The Area Director does not decide at the chairs' step: the rule names the chairs.
    with pytest.raises(Denied) as early:
        appeals.check_decide_appeal(
            actor=Actor.person(ad), appeal=made, outcome="overturned", reasons="No."
        )
    assert early.value.decision.rule == "ietf-wg/default-deny"
    assert any(
        w_.rule == "ietf-wg/chairs-hear-appeal-first" for w_ in early.value.decision.would_allow
    )
    appeals.check_decide_appeal(
        actor=Actor.person(w.chair), appeal=made, outcome="upheld", reasons="Addressed in -03."
    )
    # Only the appellant brings it further.
    with pytest.raises(PermissionDenied):
        appeals.check_escalate_appeal(actor=Actor.person(ad), appeal=made)
    appeals.check_escalate_appeal(actor=Actor.person(alice), appeal=made)
    made.refresh_from_db()
    assert (made.step, made.status) == (1, Appeal.Status.PENDING)
    with pytest.raises(Denied):  # the chair does not decide at the Area Director's step
        appeals.check_decide_appeal(
            actor=Actor.person(w.chair), appeal=made, outcome="upheld", reasons="Still fine."
        )
    appeals.check_decide_appeal(
        actor=Actor.person(ad), appeal=made, outcome="overturned", reasons="Not addressed."
    )
    made.refresh_from_db()
    assert made.status == Appeal.Status.OVERTURNED
    record = [(d.step_name, d.outcome, d.reasons) for d in made.decisions.all()]
    assert record == [
        ("wg-chairs", "upheld", "Addressed in -03."),
        ("area-director", "overturned", "Not addressed."),
    ]
    verbs = [e.verb for e in list_events_for(made)]
    assert verbs == ["appeal.lodged", "appeal.decided", "appeal.escalated", "appeal.decided"]
    with pytest.raises(ValidationError) as again:  # an overturned appeal awaits nothing
        appeals.check_escalate_appeal(actor=Actor.person(alice), appeal=made)
    assert again.value.code == "not_upheld"


def test_ietf_appeal_out_of_time_is_refused_with_the_rule() -> None:
    # RFC 2026 section 6.5.4 (quoted with 6.5.1 in docs/sources/presets.md): "All appeals must
    # be initiated within two months of the public knowledge of the action or decision".
    w, adoption, alice = ietf()
    assert adoption.concluded_at is not None
    late = adoption.concluded_at + timedelta(days=70)
    with pytest.raises(ValidationError) as refused:
        appeals.do_lodge_appeal(
            actor=Actor.person(alice), adoption=adoption, grounds="Too late?", now=late
        )
    assert refused.value.code == "out_of_time"
    assert "RFC 2026 section 6.5.1" in refused.value.messages[0]
    in_time = adoption.concluded_at + timedelta(days=55)
    made = appeals.do_lodge_appeal(
        actor=Actor.person(alice), adoption=adoption, grounds="In time.", now=in_time
    )
    decided = appeals.do_decide_appeal(
        actor=Actor.person(w.chair), appeal=made, outcome="upheld", reasons="Fine.", now=in_time
    )
    # Each step has its own two months, counted from the decision appealed.
    with pytest.raises(ValidationError) as escalation:
        appeals.do_escalate_appeal(
            actor=Actor.person(alice), appeal=made, now=decided.decided_at + timedelta(days=70)
        )
    assert escalation.value.code == "out_of_time"


def test_ietf_last_step_is_the_iab() -> None:
    # RFC 2026 section 6.5.1: the IESG's decision may be appealed to the IAB, the last step.
    w, adoption, alice = ietf()
    deciders = [
        w.chair,
        member(w, "ad@example.org", "area-director"),
        member(w, "iesg@example.org", "iesg"),
        member(w, "iab@example.org", "iab"),
    ]
    made = appeals.check_lodge_appeal(actor=Actor.person(alice), adoption=adoption, grounds="x")
    for index, decider in enumerate(deciders):
        if index:
            appeals.check_escalate_appeal(actor=Actor.person(alice), appeal=made)
        appeals.check_decide_appeal(
            actor=Actor.person(decider), appeal=made, outcome="upheld", reasons=f"step {index}"
        )
    with pytest.raises(ValidationError) as last:
        appeals.check_escalate_appeal(actor=Actor.person(alice), appeal=made)
    assert last.value.code == "last_step"


def test_gnso_appeal_goes_chair_liaison_chartering_organisation() -> None:
    # GNSO Working Group Guidelines 3.7 (docs/sources/presets.md): "Send email to the Chair
    # ... If the Chair still disagrees ... forward the appeal to the CO liaison(s)"; then the
    # chartering organisation. No time limit was found, so none is applied.
    w = world(modality="icann-gnso-pdp-wg")
    bob = member(w, "bob@example.org", "member", name="Bob")
    liaison = member(w, "liaison@example.org", "liaison")
    council = member(w, "council@example.org", "council-chair")
    adoption = concluded(w, "consensus", bob)
    # Only members appeal (rule members-appeal-designation; anyone signed in joins as one).
    with pytest.raises(Denied):
        appeals.check_lodge_appeal(
            actor=Actor.person(AnonymousUser()), adoption=adoption, grounds="x"
        )
    assert adoption.concluded_at is not None
    do_file_disclosure(
        actor=Actor.person(bob), venue=w.venue, kind="statement_of_interest", text="Registrar."
    )
    made = appeals.do_lodge_appeal(
        actor=Actor.person(bob), adoption=adoption, grounds="Strong support at most.",
        now=adoption.concluded_at + timedelta(days=400),
    )  # fmt: skip
    appeals.check_decide_appeal(
        actor=Actor.person(w.chair), appeal=made, outcome="upheld", reasons="I disagree."
    )
    appeals.check_escalate_appeal(actor=Actor.person(bob), appeal=made)
    with pytest.raises(Denied):
        appeals.check_decide_appeal(
            actor=Actor.person(council), appeal=made, outcome="upheld", reasons="Not yet."
        )
    appeals.check_decide_appeal(
        actor=Actor.person(liaison), appeal=made, outcome="upheld", reasons="The chair is right."
    )
    appeals.check_escalate_appeal(actor=Actor.person(bob), appeal=made)
    appeals.check_decide_appeal(
        actor=Actor.person(council), appeal=made, outcome="upheld", reasons="Attach to report."
    )
    assert [d.step_name for d in made.decisions.all()] == [
        "chair",
        "liaison",
        "chartering-organisation",
    ]


def test_open_call_and_modality_without_appeals_are_refused() -> None:
    w, _adoption, alice = ietf()
    open_call = actions.check_open_adoption(
        actor=Actor.person(w.chair),
        document=published_document(w, slug="other"),
        closes_at=timezone.now() + timedelta(days=2),
    )
    with pytest.raises(ValidationError) as not_yet:
        appeals.check_lodge_appeal(actor=Actor.person(alice), adoption=open_call, grounds="x")
    assert not_yet.value.code == "not_concluded"
    wtpf = world(modality="itu-wtpf", venue_slug="itu", process_slug="wtpf")
    other = actions.check_open_adoption(
        actor=Actor.person(wtpf.chair),
        document=published_document(wtpf),
        closes_at=timezone.now() + timedelta(days=2),
    )
    with pytest.raises(ValidationError) as none:
        appeals.check_lodge_appeal(actor=Actor.person(wtpf.chair), adoption=other, grounds="x")
    assert none.value.code == "no_appeals"


def _post(url: str, user: Any | None, data: dict[str, Any] | None = None) -> Any:
    headers = {}
    if user is not None:
        token = do_create_token(actor=Actor.person(user), name="test")[1]
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return Client().post(url, data or {}, content_type="application/json", **headers)


def test_api_shows_chain_appeal_and_each_step_and_refuses_bad_input() -> None:
    w, adoption, alice = ietf()
    made = _post(f"/api/adoptions/{adoption.pk}/appeals", alice, {"grounds": "Ignored."})
    assert made.status_code == 201, made.content
    url = f"/api/appeals/{made.json()['id']}/decisions"
    assert 400 <= _post(url, w.chair, {"outcome": "maybe", "reasons": "x"}).status_code < 500
    assert _post(url, w.chair, {"outcome": "upheld", "reasons": ""}).status_code in (400, 422)
    ok = _post(url, w.chair, {"outcome": "upheld", "reasons": "Addressed."})
    assert ok.status_code == 201 and ok.json()["decisions"][0]["reasons"] == "Addressed."
    read = Client().get(f"/api/adoptions/{adoption.pk}/appeals").json()
    assert [s["name"] for s in read["chain"]["steps"]] == [
        "wg-chairs",
        "area-director",
        "iesg",
        "iab",
    ]
    assert read["appeals"][0]["decisions"][0]["outcome"] == "upheld"
    page = Client().get(f"/adoptions/{adoption.pk}/").content.decode()
    assert "Ignored." in page and "Addressed." in page


# The write endpoints, each standing: the status is what the door decides (201 when it
# allows and the act is valid; 403 when it refuses).
def test_write_matrix_each_standing_gets_what_the_door_decides() -> None:
    w, adoption, alice = ietf()
    ad = member(w, "ad@example.org", "area-director")
    standings = {"anonymous": None, "participant": alice, "chair": w.chair, "area director": ad}
    for name, user in standings.items():
        lodge = appeals.appeal_decision(user, adoption=adoption, step=None)
        got = _post(f"/api/adoptions/{adoption.pk}/appeals", user, {"grounds": f"by {name}"})
        assert got.status_code == (201 if lodge.allowed else 403), (name, got.content)
    made = Appeal.objects.filter(adoption=adoption).first()
    assert made is not None
    chain = appeals.chain_for(adoption)
    assert chain is not None
    for name, user in standings.items():
        judge = appeals.appeal_decision(user, adoption=adoption, step=chain.step(made.step))
        if judge.allowed:
            continue  # deciding ends the step; the allowed case is checked last
        got = _post(
            f"/api/appeals/{made.pk}/decisions", user, {"outcome": "upheld", "reasons": "r"}
        )
        assert got.status_code == 403, (name, got.content)
    got = _post(f"/api/appeals/{made.pk}/decisions", w.chair, {"outcome": "upheld", "reasons": "r"})
    assert got.status_code == 201
    assert _post(f"/api/appeals/{made.pk}/escalation", None).status_code == 403
    owner = made.appellant
    assert _post(f"/api/appeals/{made.pk}/escalation", owner).status_code == 201
    # Filing one's Note Well acknowledgement: what the door decides for file_disclosure.
    here = situation(adoption.process)
    for name, user in standings.items():
        door = decide(user, right="file_disclosure", modality="ietf-wg", context=here.context)
        got = _post("/api/processes/ietf/quic/disclosures", user, {"kind": "note_well"})
        assert got.status_code == (201 if door.allowed else 403), (name, got.content)


def test_gnso_appeal_needs_a_current_statement_of_interest() -> None:
    # GNSO Operating Procedures 5.3.1 (docs/sources/presets.md): a Statement of Interest
    # "updated at least annually, is a precondition for Relevant Parties to participate".
    w = world(modality="icann-gnso-pdp-wg")
    bob = member(w, "bob@example.org", "member", name="Bob")
    adoption = concluded(w, "consensus", bob)
    DisclosureStatement.objects.filter(user=bob).delete()  # took part, then withdrew it
    with pytest.raises(PermissionDenied) as missing:
        appeals.check_lodge_appeal(actor=Actor.person(bob), adoption=adoption, grounds="x")
    assert "icann-gnso-pdp-wg/members-appeal-designation" in str(missing.value)
    assert "none is on file" in str(missing.value) and "File or update" in str(missing.value)
    old = do_file_disclosure(
        actor=Actor.person(bob), venue=w.venue, kind="statement_of_interest", text="Registrar.",
        now=timezone.now() - timedelta(days=400),
    )  # fmt: skip
    with pytest.raises(PermissionDenied) as stale:
        appeals.check_lodge_appeal(actor=Actor.person(bob), adoption=adoption, grounds="x")
    assert "older than the modality allows" in str(stale.value)
    DisclosureStatement.objects.filter(pk=old.pk).update(
        filed_at=timezone.now(), update_needed=True
    )
    with pytest.raises(PermissionDenied) as flagged:
        appeals.check_lodge_appeal(actor=Actor.person(bob), adoption=adoption, grounds="x")
    assert "needing an update" in str(flagged.value)
    # Filing anew through the API (right file_disclosure) makes it current; the page shows it.
    url = f"/api/processes/{w.venue.slug}/{w.process.slug}/disclosures"
    assert _post(url, None, {"kind": "statement_of_interest", "text": "x"}).status_code == 403
    assert _post(url, bob, {"kind": "note_well"}).status_code == 400  # not this modality's
    assert (
        _post(url, bob, {"kind": "statement_of_interest", "text": "Now at a registry."}).status_code
        == 201
    )
    appeals.check_lodge_appeal(actor=Actor.person(bob), adoption=adoption, grounds="Divergence.")
    page = Client().get(f"/adoptions/{adoption.pk}/").content.decode()
    assert "Now at a registry." in page
