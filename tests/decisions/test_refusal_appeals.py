"""Appeals of a refusal: a refused accreditation appealed up the venue's chain (RFC 2026
section 6.5.1 for the IETF), each step's decision recorded; an overturned refusal admits the
request through the normal action, audited; out of time and strangers refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.audit.queries import list_events_for
from roundtable.decisions import appeals, refusal_appeals
from roundtable.decisions.models import Appeal
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied, decide
from roundtable.stakeholders.actions import do_decide_accreditation, do_request_accreditation
from roundtable.stakeholders.models import Accreditation
from tests.drafting.scenes import World, member, world
from tests.processes.scenes import group

pytestmark = pytest.mark.django_db


def refused(w: World, user: Any) -> Accreditation:
    asked = do_request_accreditation(
        actor=Actor.person(user), venue=w.venue, group=group("technical-community"), statement="Me."
    )
    return do_decide_accreditation(
        actor=Actor.person(w.secretariat), accreditation=asked, approve=False, reason="Unknown."
    )


def ietf() -> tuple[World, Any, Accreditation]:
    w = world(modality="ietf-wg", venue_slug="ietf", process_slug="quic")
    bob = member(w, "bob@example.org", name="Bob")
    return w, bob, refused(w, bob)


def test_refusal_overturned_at_the_area_director_admits_the_request() -> None:
    # RFC 2026 6.5.1: chairs first, then the Area Director; each decision with its reasons.
    w, bob, request = ietf()
    ad = member(w, "ad@example.org", "area-director", name="AD")
    stranger = member(w, "eve@example.org", name="Eve")
    with pytest.raises(PermissionDenied):  # only the person refused appeals the refusal
        refusal_appeals.check_lodge_refusal_appeal(
            actor=Actor.person(stranger), accreditation=request, grounds="For Bob."
        )
    made = refusal_appeals.check_lodge_refusal_appeal(
        actor=Actor.person(bob), accreditation=request, grounds="I work on QUIC."
    )
    assert (made.subject, made.step, made.adoption) == ("refusal", 0, None)
    with pytest.raises(ValidationError):  # one appeal of a refusal at a time
        refusal_appeals.check_lodge_refusal_appeal(
            actor=Actor.person(bob), accreditation=request, grounds="Again."
        )
    with pytest.raises(Denied):  # the AD does not decide at the chairs' step
        appeals.check_decide_appeal(
            actor=Actor.person(ad), appeal=made, outcome="overturned", reasons="No."
        )
    appeals.check_decide_appeal(
        actor=Actor.person(w.chair), appeal=made, outcome="upheld", reasons="Policy."
    )
    request.refresh_from_db()
    assert request.status == Accreditation.Status.REJECTED
    appeals.check_escalate_appeal(actor=Actor.person(bob), appeal=made)
    appeals.check_decide_appeal(
        actor=Actor.person(ad), appeal=made, outcome="overturned", reasons="He contributes."
    )
    request.refresh_from_db()
    assert (request.status, request.basis) == (Accreditation.Status.APPROVED, "appeal")
    assert [e.verb for e in list_events_for(request)][-1] == "accreditation.approved_on_appeal"
    verbs = [e.verb for e in list_events_for(made)]
    assert verbs == ["appeal.lodged", "appeal.decided", "appeal.escalated", "appeal.decided"]


def test_refusal_appeal_out_of_time_and_unrefused_requests() -> None:
    # RFC 2026 6.5.1: "within two months of the public knowledge of the action".
    w, bob, request = ietf()
    assert request.decided_at is not None
    with pytest.raises(ValidationError) as late:
        refusal_appeals.do_lodge_refusal_appeal(
            actor=Actor.person(bob), accreditation=request, grounds="Late.",
            now=request.decided_at + timedelta(days=70),
        )  # fmt: skip
    assert late.value.code == "out_of_time"
    carol = member(w, "carol@example.org", name="Carol")
    pending = do_request_accreditation(
        actor=Actor.person(carol), venue=w.venue, group=group("technical-community")
    )
    with pytest.raises(ValidationError) as not_refused:
        refusal_appeals.do_lodge_refusal_appeal(
            actor=Actor.person(carol), accreditation=pending, grounds="x"
        )
    assert not_refused.value.code == "not_refused"
    with pytest.raises(ValidationError):  # no level is designated on a refusal
        made = refusal_appeals.do_lodge_refusal_appeal(
            actor=Actor.person(bob), accreditation=request, grounds="x"
        )
        appeals.check_decide_appeal(
            actor=Actor.person(w.chair), appeal=made, outcome="overturned", reasons="r",
            level="consensus",
        )  # fmt: skip


def _get(url: str, user: Any) -> Any:
    token = do_create_token(actor=Actor.person(user), name="test")[1]
    return Client().get(url, HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(url: str, user: Any | None, data: dict[str, Any] | None = None) -> Any:
    headers = {}
    if user is not None:
        token = do_create_token(actor=Actor.person(user), name="test")[1]
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return Client().post(url, data or {}, content_type="application/json", **headers)


def test_write_matrix_and_reads_of_a_refusal_appeal() -> None:
    w, bob, request = ietf()
    stranger = member(w, "eve@example.org", name="Eve")
    url = f"/api/accreditations/{request.pk}/appeals"
    # Reading: the person refused and the chain's deciders; not a stranger nor anonymous.
    assert Client().get(url).status_code == 403
    assert _get(url, stranger).status_code == 403
    assert _get(url, bob).status_code == 200
    standings = {"anonymous": None, "stranger": stranger, "chair": w.chair, "refused": bob}
    for name, user in standings.items():
        got = _post(url, user, {"grounds": f"by {name}"})
        door = refusal_appeals.lodge_decision(user, accreditation=request)
        expected = 201 if door.allowed and user is bob else 403
        assert got.status_code == expected, (name, got.content)
    made = Appeal.objects.get(accreditation=request)
    for name, user in standings.items():
        context = appeals.appeal_context(
            made, appeals.declared_chain("ietf-wg").step(0), made.lodged_at
        )
        if decide(user, right="decide_appeal", modality="ietf-wg", context=context).allowed:
            continue  # deciding ends the step; the allowed case is checked last
        got = _post(
            f"/api/appeals/{made.pk}/decisions", user, {"outcome": "upheld", "reasons": "r"}
        )
        assert got.status_code == 403, (name, got.content)
    got = _post(
        f"/api/appeals/{made.pk}/decisions", w.chair, {"outcome": "overturned", "reasons": "r"}
    )
    assert got.status_code == 201, got.content
    assert got.json()["accreditation_status"] == "approved"
    body = _get(url, bob).json()
    assert (
        body["status"] == "approved"
        and body["appeals"][0]["decisions"][0]["outcome"] == "overturned"
    )
    assert _get(f"/api/appeals/{made.pk}", bob).status_code == 200
    assert _get(f"/api/appeals/{made.pk}", stranger).status_code == 403
    assert _get(f"/api/appeals/{made.pk}", w.chair).status_code == 200
