"""Accreditation that verifies belonging (issue 9): a claim to an organisation waits for its
focal point; only a confirmed person is accredited automatically, and only as what the
organisation is at the venue; a delegation is never claimed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import standing_for_user
from roundtable.stakeholders.actions import do_request_accreditation
from roundtable.stakeholders.belonging import (
    do_answer_claim,
    do_designate_focal_point,
    do_set_organisation_status,
)
from roundtable.stakeholders.delegations import do_appoint_delegation_head, do_create_delegation
from roundtable.stakeholders.models import Accreditation, Affiliation
from roundtable.stakeholders.organisations import do_create_organisation, do_create_venue_category
from tests.processes.scenes import Scene, accredit, group, person, scene

pytestmark = pytest.mark.django_db

CLAIM = {
    "group": "government",
    "category": "member-state",
    "organisation": "globaltel",
    "delegation": "france",
}


class Itu:
    def __init__(self) -> None:
        self.s: Scene = scene(venue_slug="itu")
        venue = self.s.venue
        venue.automatic_accreditation = ["ecosoc-status", "itu-sector-member"]
        venue.save()
        self.member_state = self.s.member_state
        self.sector_member = do_create_venue_category(
            actor=Actor.operator("t"),
            venue=venue,
            slug="sector-member",
            name="Sector Member",
            group=group("private-sector"),
        )
        self.france = do_create_delegation(
            actor=Actor.operator("t"), venue=venue, slug="france", name="France"
        )
        self.globaltel = do_create_organisation(
            actor=Actor.operator("t"),
            slug="globaltel",
            name="GlobalTel",
            group=group("private-sector"),
        )
        self.globaltel.email_domains = "globaltel.example"
        self.globaltel.save()
        do_set_organisation_status(
            actor=Actor.operator("t"),
            organisation=self.globaltel,
            venue=venue,
            basis="itu-sector-member",
            group=group("private-sector"),
            category=self.sector_member,
        )
        self.focal = person("focal@globaltel.example", "Focal Point")
        accredit(self.focal, venue, "private-sector", category=self.sector_member)
        do_designate_focal_point(
            actor=Actor.operator("t"), organisation=self.globaltel, venue=venue, user=self.focal
        )


def _token(user: Any) -> str:
    return do_create_token(actor=Actor.person(user), name="t")[1]


def _post(client: Client, url: str, token: str, body: dict[str, Any]) -> Any:
    return client.post(
        url, body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def test_claiming_government_france_globaltel_is_not_approved_until_confirmed_api() -> None:
    itu, client = Itu(), Client()
    newcomer = person("new@globaltel.example", "Newcomer")
    token = _token(newcomer)
    # The delegation is never claimed: the request naming it is refused, saying why.
    refused = _post(client, "/api/venues/itu/accreditations", token, CLAIM)
    assert refused.status_code == 400, refused.content
    assert "delegation cannot be claimed" in refused.json()["error"]["message"]
    assert not Accreditation.objects.filter(user=newcomer).exists()
    # Without the delegation: waiting for GlobalTel's focal point, not approved.
    asked = _post(client, "/api/venues/itu/accreditations", token, {**CLAIM, "delegation": None})
    assert asked.status_code == 201, asked.content
    assert asked.json()["status"] == "pending" and asked.json()["basis"] == ""
    assert standing_for_user(newcomer, "itu").accredited is False
    # Another participant may neither see nor answer GlobalTel's claims: the rule says who may.
    other = person("other@example.org")
    seen = client.get(
        "/api/venues/itu/organisations/globaltel/claims",
        headers={"Authorization": f"Bearer {_token(other)}"},
    )
    assert seen.status_code == 403
    assert "focal-point-confirms" in str(seen.json()["error"]["would_allow"])
    claim = Affiliation.objects.get(user=newcomer)
    answer = _post(client, f"/api/claims/{claim.pk}/answer", _token(other), {"confirm": True})
    assert answer.status_code == 403
    # The focal point sees the claim, with the mail-domain signal, and confirms it.
    focal_token = _token(itu.focal)
    listed = client.get(
        "/api/venues/itu/organisations/globaltel/claims",
        headers={"Authorization": f"Bearer {focal_token}"},
    ).json()
    assert [(c["email"], c["email_domain_matches"], c["status"]) for c in listed] == [
        ("new@globaltel.example", True, "pending")
    ]
    confirmed = _post(client, f"/api/claims/{claim.pk}/answer", focal_token, {"confirm": True})
    assert confirmed.status_code == 201, confirmed.content
    assert mail.outbox and "GlobalTel confirmed" in mail.outbox[-1].body
    accreditation = Accreditation.objects.get(user=newcomer)
    assert accreditation.status == "approved"
    assert accreditation.basis == "rule:itu-sector-member"
    assert accreditation.group.slug == "private-sector"
    assert accreditation.category == itu.sector_member
    assert accreditation.delegation is None
    standing = standing_for_user(newcomer, "itu")
    assert standing.groups == {"private-sector"} and standing.categories == {"sector-member"}
    assert standing.delegation is None and "government" not in standing.groups
    assert standing.organisation_confirmed


def test_a_refused_claim_leaves_the_request_to_the_secretariat_and_tells_the_claimant() -> None:
    itu = Itu()
    liar = person("liar@example.org")
    pending = do_request_accreditation(
        actor=Actor.person(liar),
        venue=itu.s.venue,
        group=group("government"),
        organisation=itu.globaltel,
    )
    claim = Affiliation.objects.get(user=liar)
    with pytest.raises(Exception, match="Say why"):
        do_answer_claim(actor=Actor.person(itu.focal), claim=claim, confirm=False)
    do_answer_claim(
        actor=Actor.person(itu.focal), claim=claim, confirm=False, reason="Not our staff."
    )
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert "Not our staff." in mail.outbox[-1].body


def test_status_is_per_venue_and_email_domain_alone_grants_nothing() -> None:
    itu = Itu()
    igf = scene(
        venue_slug="igf",
        modality="igf-open-consultation",
        phase_kind="open-consultation",
        process_slug="oc",
    )
    igf.venue.automatic_accreditation = ["itu-sector-member"]
    igf.venue.save()
    staff = person("staff@globaltel.example")
    # Same mail domain, but no confirmation: pending.
    at_itu = do_request_accreditation(
        actor=Actor.person(staff),
        venue=itu.s.venue,
        group=group("private-sector"),
        organisation=itu.globaltel,
    )
    assert at_itu.status == "pending"
    # At the IGF, GlobalTel holds no verified status: even a confirmed claim waits there.
    at_igf = do_request_accreditation(
        actor=Actor.person(staff),
        venue=igf.venue,
        group=group("private-sector"),
        organisation=itu.globaltel,
    )
    claim = Affiliation.objects.get(user=staff, venue=igf.venue)
    do_answer_claim(actor=Actor.person(igf.secretariat), claim=claim, confirm=True)
    at_igf.refresh_from_db()
    assert at_igf.status == "pending"


def test_staff_flag_gives_no_secretariat_role() -> None:
    itu = Itu()
    admin = person("admin@example.org")
    admin.is_staff = True
    admin.save()
    assert "secretariat" not in standing_for_user(admin, "itu").roles
    admin.is_superuser = True
    admin.save()
    assert {"operator", "secretariat"} <= standing_for_user(admin, "itu").roles
    assert itu.s.venue.slug == "itu"


def test_the_head_adds_members_to_their_own_delegation_only() -> None:
    itu, client = Itu(), Client()
    head, joiner = person("head@example.fr"), person("joiner@example.fr")
    for someone in (head, joiner):
        accredit(someone, itu.s.venue, "government", category=itu.member_state)
    do_appoint_delegation_head(actor=Actor.operator("t"), delegation=itu.france, head=head)
    spain = do_create_delegation(
        actor=Actor.operator("t"), venue=itu.s.venue, slug="spain", name="Spain"
    )
    token = _token(head)
    other = _post(
        client, "/api/venues/itu/delegations/spain/members", token, {"email": joiner.email}
    )
    assert other.status_code == 403
    assert any("head-keeps-members" in w for w in other.json()["error"]["would_allow"])
    # A member who is not the head cannot add anyone either.
    added = _post(
        client, "/api/venues/itu/delegations/france/members", token, {"email": joiner.email}
    )
    assert added.status_code == 201, added.content
    assert standing_for_user(joiner, "itu").delegation == "france"
    third = person("third@example.fr")
    accredit(third, itu.s.venue, "government", category=itu.member_state)
    refused = _post(
        client, "/api/venues/itu/delegations/france/members", _token(joiner), {"email": third.email}
    )
    assert refused.status_code == 403
    assert spain.head is None
