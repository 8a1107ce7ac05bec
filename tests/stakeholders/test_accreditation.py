from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from roundtable.audit.queries import list_events_for
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied, decide, standing_for_user
from roundtable.permissions.standing import PARTICIPATION
from roundtable.processes.actions import do_create_process
from roundtable.stakeholders.actions import (
    check_decide_accreditation,
    check_request_accreditation,
    do_decide_accreditation,
    do_request_accreditation,
)
from roundtable.stakeholders.belonging import do_answer_claim, do_set_organisation_status
from roundtable.stakeholders.delegations import do_create_delegation
from roundtable.stakeholders.models import Accreditation, Affiliation
from roundtable.stakeholders.organisations import do_create_organisation
from tests.processes.scenes import accredit, group, person, scene

pytestmark = pytest.mark.django_db


def _request(user):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_secretariat_approves_and_standing_follows() -> None:
    s = scene()
    bill = person("bill@example.org")
    assert standing_for_user(bill, "itu").accredited is False
    pending = do_request_accreditation(
        actor=Actor.person(bill), venue=s.venue, group=group("civil-society"), statement="Please"
    )
    assert pending.status == "pending"
    approved = check_decide_accreditation(
        actor=Actor.person(s.secretariat), accreditation=pending, approve=True
    )
    assert approved.status == "approved" and approved.basis == "secretariat"
    standing = standing_for_user(bill, "itu")
    assert standing.accredited and standing.groups == {"civil-society"}
    # Standing is per venue: nothing carries to another venue.
    assert standing_for_user(bill, "igf").accredited is False
    verbs = [e.verb for e in list_events_for(approved)]
    assert verbs == ["accreditation.requested", "accreditation.approved"]


def test_rejection_needs_a_reason_and_is_kept_in_history() -> None:
    s = scene()
    eve = person("eve@example.org")
    pending = do_request_accreditation(
        actor=Actor.person(eve), venue=s.venue, group=group("private-sector")
    )
    with pytest.raises(ValidationError, match="Say why"):
        do_decide_accreditation(
            actor=Actor.person(s.secretariat), accreditation=pending, approve=False
        )
    rejected = do_decide_accreditation(
        actor=Actor.person(s.secretariat),
        accreditation=pending,
        approve=False,
        reason="No documents.",
    )
    assert rejected.reason == "No documents."
    assert standing_for_user(eve, "itu").accredited is False
    # After a rejection a new request may be made; both stay on file.
    do_request_accreditation(actor=Actor.person(eve), venue=s.venue, group=group("private-sector"))
    assert Accreditation.objects.filter(user=eve).count() == 2


def test_only_the_secretariat_decides_and_the_refusal_says_why() -> None:
    s = scene()
    bill, eve = person("bill@example.org"), person("eve@example.org")
    pending = do_request_accreditation(
        actor=Actor.person(bill), venue=s.venue, group=group("civil-society")
    )
    with pytest.raises(Denied) as refused:
        check_decide_accreditation(actor=Actor.person(eve), accreditation=pending, approve=True)
    assert "decide_accreditation" in refused.value.decision.reason
    assert any("secretariat" in str(w) for w in refused.value.decision.would_allow)


def test_automatic_grants_by_rule_for_confirmed_people_only() -> None:
    s = scene()
    ngo = do_create_organisation(
        actor=Actor.operator("t"),
        slug="ngo",
        name="NGO",
        group=group("civil-society"),
        ecosoc_status="special",
    )
    operator = do_create_organisation(
        actor=Actor.operator("t"),
        slug="telco",
        name="Telco",
        group=group("private-sector"),
        itu_sector_member=True,
    )
    # Status is verified per venue by its secretariat; a global flag grants nothing.
    for org, basis, grp in (
        (ngo, "ecosoc-status", "civil-society"),
        (operator, "itu-sector-member", "private-sector"),
    ):
        do_set_organisation_status(
            actor=Actor.operator("t"),
            organisation=org,
            venue=s.venue,
            basis=basis,
            group=group(grp),
        )
    a = do_request_accreditation(
        actor=Actor.person(person("a@example.org")),
        venue=s.venue,
        group=group("civil-society"),
        organisation=ngo,
    )
    b = do_request_accreditation(
        actor=Actor.person(person("b@example.org")),
        venue=s.venue,
        group=group("private-sector"),
        organisation=operator,
    )
    assert (a.status, b.status) == ("pending", "pending")
    for accreditation in (a, b):
        claim = Affiliation.objects.get(user=accreditation.user)
        do_answer_claim(actor=Actor.person(s.secretariat), claim=claim, confirm=True)
        accreditation.refresh_from_db()
    assert (a.status, a.basis) == ("approved", "rule:ecosoc-status")
    assert (b.status, b.basis) == ("approved", "rule:itu-sector-member")
    # A venue that does not apply the Sector Member rule leaves the request to its secretariat.
    igf = scene(
        venue_slug="igf",
        modality="igf-open-consultation",
        phase_kind="open-consultation",
        process_slug="oc",
    )
    igf.venue.automatic_accreditation = ["ecosoc-status"]
    igf.venue.save()
    do_set_organisation_status(
        actor=Actor.operator("t"),
        organisation=operator,
        venue=igf.venue,
        basis="itu-sector-member",
        group=group("private-sector"),
    )
    c = do_request_accreditation(
        actor=Actor.person(person("c@example.org")),
        venue=igf.venue,
        group=group("private-sector"),
        organisation=operator,
    )
    do_answer_claim(
        actor=Actor.person(igf.secretariat),
        claim=Affiliation.objects.get(venue=igf.venue),
        confirm=True,
    )
    c.refresh_from_db()
    assert c.status == "pending"


def test_standing_carries_over_within_the_venue() -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    with pytest.raises(ValidationError, match="already accredited"):
        do_request_accreditation(
            actor=Actor.person(bill), venue=s.venue, group=group("civil-society")
        )
    later = do_create_process(
        actor=Actor.operator("t"),
        venue=s.venue,
        slug="later",
        title="Later",
        modality="itu-wtpf-multistakeholder",
    )
    context = {"venue": s.venue.slug, "phase": "drafting"}
    assert decide(
        bill, right="submit_input", modality=later.effective_modality, context=context
    ).allowed


def test_pending_request_cannot_be_repeated_and_unverified_email_is_refused() -> None:
    s = scene()
    bill = person("bill@example.org")
    do_request_accreditation(actor=Actor.person(bill), venue=s.venue, group=group("civil-society"))
    with pytest.raises(ValidationError, match="still waiting"):
        do_request_accreditation(
            actor=Actor.person(bill), venue=s.venue, group=group("civil-society")
        )
    fresh = person("fresh@example.org", verified=False)
    with pytest.raises(ValidationError, match="Confirm your email"):
        check_request_accreditation(
            actor=Actor.person(fresh), venue=s.venue, group=group("academia")
        )


def test_anonymous_cannot_ask_and_is_told_why() -> None:
    s = scene()
    from django.contrib.auth.models import AnonymousUser

    decision = decide(
        AnonymousUser(),
        right="request_accreditation",
        modality=PARTICIPATION,
        context={"venue": s.venue.slug},
    )
    assert not decision.allowed
    assert any("signed in" in str(w) for w in decision.would_allow)


def test_delegation_head_and_category_in_standing() -> None:
    s = scene()
    head, member = person("head@example.org"), person("member@example.org")
    france = do_create_delegation(
        actor=Actor.operator("t"), venue=s.venue, slug="france", name="France", head=head
    )
    accredit(head, s.venue, "government", category=s.member_state, delegation=france)
    accredit(member, s.venue, "government", category=s.member_state, delegation=france)
    h, m = standing_for_user(head, "itu"), standing_for_user(member, "itu")
    assert h.head_of_delegation and h.delegation == "france" and h.categories == {"member-state"}
    assert not m.head_of_delegation and m.delegation == "france"


def test_standing_is_built_once_per_request_and_venue() -> None:
    s = scene()
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    request = _request(bill)
    context = {"venue": "itu", "phase": "drafting"}
    with CaptureQueriesContext(connection) as first:
        decide(request, right="submit_input", modality="itu-wtpf-multistakeholder", context=context)
    with CaptureQueriesContext(connection) as again:
        for right in ("observe", "speak", "submit_input", "comment"):
            decide(request, right=right, modality="itu-wtpf-multistakeholder", context=context)
    # roles, accreditations, organisation confirmation; then nothing more for the request.
    assert len(first) == 3 and len(again) == 0


def test_request_page_and_queue(client: Client) -> None:
    s = scene()
    bill = person("bill@example.org")
    client.force_login(bill)
    response = client.post(
        f"/venues/{s.venue.slug}/accreditation/",
        {"group": group("civil-society").pk, "statement": "hi"},
    )
    assert response.status_code == 302
    assert client.get(f"/venues/{s.venue.slug}/accreditations/").status_code == 403
    pending = Accreditation.objects.get(user=bill)
    client.force_login(s.secretariat)
    queue = client.get(f"/venues/{s.venue.slug}/accreditations/")
    assert queue.status_code == 200 and "bill" in queue.content.decode()
    client.post(f"/accreditations/{pending.pk}/decide/", {"approve": "yes"})
    pending.refresh_from_db()
    assert pending.status == "approved"
