"""The secretariat's participant screens: organisations, delegations (head, members) and venue
categories, through the actions, the pages and the API; everyone else is refused with the
engine's reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.audit.queries import list_events_for
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied, standing_for_user
from roundtable.stakeholders.actions import do_request_accreditation
from roundtable.stakeholders.belonging import do_answer_claim
from roundtable.stakeholders.delegations import (
    check_add_delegation_member,
    check_create_delegation,
    check_remove_delegation_member,
    check_set_delegation_head,
)
from roundtable.stakeholders.models import (
    Accreditation,
    Affiliation,
    Delegation,
    Organisation,
    VenueCategory,
)
from roundtable.stakeholders.organisations import (
    check_create_organisation,
    check_create_venue_category,
)
from tests.processes.scenes import PASSWORD, Scene, accredit, group, person, scene

pytestmark = pytest.mark.django_db


def _signed_in(client: Client, user: Any) -> Client:
    # A real sign-in through the form (django-axes needs the request; Client.login has none).
    done = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert done.status_code == 302
    return client


def _delegation(s: Scene, slug: str = "fr", head: Any = None) -> Delegation:
    return check_create_delegation(
        actor=Actor.person(s.secretariat), venue=s.venue, slug=slug, name="France", head=head
    )


# --- actions ----------------------------------------------------------------------------------


def test_secretariat_creates_an_organisation_that_accredits_automatically() -> None:
    s = scene()
    made = check_create_organisation(
        actor=Actor.person(s.secretariat),
        venue=s.venue,
        slug="apc",
        name=" Association for Progressive Communications ",
        group=group("civil-society"),
        ecosoc_status="general",
    )
    assert made.name == "Association for Progressive Communications"
    created, status_set = list_events_for(made)
    assert created.verb == "organisation.created" and created.summary["venue"] == s.venue.slug
    # Stating the ECOSOC status verifies it at this venue, and only here.
    assert status_set.verb == "organisation.status_set"
    assert status_set.summary["basis"] == "ecosoc-status"
    # The venue applies the ECOSOC rule: its people, once it confirms them, are accredited.
    bill = person("bill@example.org")
    granted = do_request_accreditation(
        actor=Actor.person(bill), venue=s.venue, group=group("civil-society"), organisation=made
    )
    assert granted.status == "pending"
    do_answer_claim(
        actor=Actor.person(s.secretariat), claim=Affiliation.objects.get(user=bill), confirm=True
    )
    granted.refresh_from_db()
    assert granted.status == "approved" and granted.basis == "rule:ecosoc-status"


def test_organisation_input_is_checked() -> None:
    s = scene()
    secretariat = Actor.person(s.secretariat)
    check_create_organisation(actor=secretariat, venue=s.venue, slug="isoc", name="ISOC")
    cases = [
        ({"slug": "isoc", "name": "Again"}, "exists"),
        ({"slug": "not a slug", "name": "X"}, "slug"),
        ({"slug": "x", "name": "   "}, "required"),
        ({"slug": "x", "name": "X", "ecosoc_status": "observer"}, "ecosoc"),
        ({"slug": "x", "name": "N" * 201}, "too_long"),
    ]
    for fields, code in cases:
        with pytest.raises(ValidationError) as refused:
            check_create_organisation(actor=secretariat, venue=s.venue, **fields)
        assert refused.value.code == code, fields
    assert Organisation.objects.count() == 1


def test_category_maps_onto_a_group_and_is_unique_in_its_venue() -> None:
    s = scene()
    secretariat = Actor.person(s.secretariat)
    made = check_create_venue_category(
        actor=secretariat,
        venue=s.venue,
        slug="sector-member",
        name="Sector Member",
        group=group("private-sector"),
    )
    assert made.group.slug == "private-sector"
    assert [e.verb for e in list_events_for(s.venue)][-1] == "venue.category_created"
    with pytest.raises(ValidationError) as refused:
        check_create_venue_category(
            actor=secretariat, venue=s.venue, slug="sector-member", name="Again", group=None
        )
    assert refused.value.code == "group"
    with pytest.raises(ValidationError) as refused:
        check_create_venue_category(
            actor=secretariat,
            venue=s.venue,
            slug="sector-member",
            name="Again",
            group=group("academia"),
        )
    assert refused.value.code == "exists"
    # The same short name may be used by another venue.
    igf = scene(venue_slug="igf", modality="igf-open-consultation", process_slug="oc")
    check_create_venue_category(
        actor=Actor.person(igf.secretariat),
        venue=igf.venue,
        slug="sector-member",
        name="Sector Member",
        group=group("private-sector"),
    )
    assert VenueCategory.objects.filter(slug="sector-member").count() == 2


def test_delegation_head_and_members_follow_accreditation_and_standing() -> None:
    s = scene()
    secretariat = Actor.person(s.secretariat)
    anne = person("anne@example.org", "Anne")
    paul = person("paul@example.org", "Paul")
    accredit(anne, s.venue, "government", category=s.member_state)
    accredit(paul, s.venue, "government", category=s.member_state)

    france = _delegation(s, head=anne)
    assert france.head == anne
    assert standing_for_user(anne, "itu").head_of_delegation is True
    assert standing_for_user(anne, "itu").delegation == "fr"

    check_add_delegation_member(actor=secretariat, delegation=france, user=paul)
    assert standing_for_user(paul, "itu").delegation == "fr"
    with pytest.raises(ValidationError) as refused:
        check_add_delegation_member(actor=secretariat, delegation=france, user=paul)
    assert refused.value.code == "already_member"

    # Paul becomes head; Anne stays a member, no longer head.
    check_set_delegation_head(actor=secretariat, delegation=france, head=paul)
    assert standing_for_user(anne, "itu").head_of_delegation is False
    assert standing_for_user(paul, "itu").head_of_delegation is True

    # Removing the head leaves the delegation without one.
    check_remove_delegation_member(actor=secretariat, delegation=france, user=paul)
    france.refresh_from_db()
    assert france.head is None and standing_for_user(paul, "itu").delegation is None
    with pytest.raises(ValidationError) as refused:
        check_remove_delegation_member(actor=secretariat, delegation=france, user=paul)
    assert refused.value.code == "not_member"
    verbs = [e.verb for e in list_events_for(france)]
    assert verbs == [
        "delegation.created",
        "delegation.member_added",
        "delegation.head_set",
        "delegation.member_added",
        "delegation.head_set",
        "delegation.member_removed",
        "delegation.head_cleared",  # the head left: the delegation row changed too
    ]


def test_only_accredited_participants_of_the_venue_join_one_delegation() -> None:
    s = scene()
    secretariat = Actor.person(s.secretariat)
    france = _delegation(s)
    germany = _delegation(s, slug="de")
    outsider, waiting, elsewhere, member = (
        person(f"{name}@example.org", name.title())
        for name in ("outsider", "waiting", "elsewhere", "member")
    )
    do_request_accreditation(actor=Actor.person(waiting), venue=s.venue, group=group("government"))
    igf = scene(venue_slug="igf", modality="igf-open-consultation", process_slug="oc")
    accredit(elsewhere, igf.venue, "government")
    accredit(member, s.venue, "government")
    check_add_delegation_member(actor=secretariat, delegation=germany, user=member)
    for user, code in [
        (outsider, "not_accredited"),
        (waiting, "not_accredited"),
        (elsewhere, "not_accredited"),
        (member, "other_delegation"),
    ]:
        with pytest.raises(ValidationError) as refused:
            check_add_delegation_member(actor=secretariat, delegation=france, user=user)
        assert refused.value.code == code, user
        with pytest.raises(ValidationError):
            check_set_delegation_head(actor=secretariat, delegation=france, head=user)
    france.refresh_from_db()
    assert france.head is None
    assert not Accreditation.objects.filter(delegation=france).exists()
    # A delegation whose head is refused is not created at all.
    with pytest.raises(ValidationError):
        _delegation(s, slug="it", head=outsider)
    assert not Delegation.objects.filter(slug="it").exists()


def test_everyone_but_the_secretariat_is_refused_with_the_rule() -> None:
    s = scene()
    france = _delegation(s)
    bill = person("bill@example.org")
    accredit(bill, s.venue, "government", category=s.member_state)
    for who in (bill, None):
        actor = Actor.person(who)
        attempts = [
            lambda a=actor: check_create_organisation(actor=a, venue=s.venue, slug="x", name="X"),
            lambda a=actor: check_create_venue_category(
                actor=a, venue=s.venue, slug="x", name="X", group=group("academia")
            ),
            lambda a=actor: check_create_delegation(actor=a, venue=s.venue, slug="x", name="X"),
            lambda a=actor: check_add_delegation_member(actor=a, delegation=france, user=bill),
            lambda a=actor: check_set_delegation_head(actor=a, delegation=france, head=bill),
            lambda a=actor: check_remove_delegation_member(actor=a, delegation=france, user=bill),
        ]
        for attempt in attempts:
            with pytest.raises(Denied) as refused:
                attempt()
            reason = refused.value.decision.reason
            assert "manage_participants" in reason or "manage_delegation_members" in reason
            assert any("secretariat" in str(w) for w in refused.value.decision.would_allow)
    # The secretariat of another venue has no say here.
    igf = scene(venue_slug="igf", modality="igf-open-consultation", process_slug="oc")
    with pytest.raises(Denied):
        check_add_delegation_member(
            actor=Actor.person(igf.secretariat), delegation=france, user=bill
        )


# --- pages ------------------------------------------------------------------------------------


def test_venue_page_links_the_screens_for_the_secretariat_only(client: Client) -> None:
    s = scene()
    link = f"/venues/{s.venue.slug}/participants/"
    assert link not in client.get(f"/venues/{s.venue.slug}/").content.decode()
    _signed_in(client, s.secretariat)
    assert link in client.get(f"/venues/{s.venue.slug}/").content.decode()


def test_refusal_page_for_others(client: Client) -> None:
    s = scene()
    france = _delegation(s)
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    urls = [
        f"/venues/{s.venue.slug}/participants/",
        f"/venues/{s.venue.slug}/participants/delegations/{france.slug}/",
    ]
    for who in (None, bill):
        if who is not None:
            _signed_in(client, who)
        for url in urls:
            for response in (client.get(url), client.post(url, {"form": "organisation"})):
                body = response.content.decode()
                assert response.status_code == 403, url
                assert "roundtable-participation/default-deny" in body
                assert "manage_participants" in body and "secretariat" in body
    assert Organisation.objects.count() == 0


def test_secretariat_lists_and_creates_through_the_pages(client: Client) -> None:
    s = scene()
    anne = person("anne@example.org", "Anne Lauvergeon")
    accredit(anne, s.venue, "government", category=s.member_state)
    _signed_in(client, s.secretariat)
    url = f"/venues/{s.venue.slug}/participants/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Member State" in page.content.decode() and "Government" in page.content.decode()

    response = client.post(
        url,
        {
            "form": "organisation",
            "organisation-slug": "itu-sm",
            "organisation-name": "A Sector Member",
            "organisation-group": group("private-sector").pk,
            "organisation-ecosoc_status": "",
            "organisation-itu_sector_member": "on",
        },
        follow=True,
    )
    assert "Created: A Sector Member." in response.content.decode()
    assert Organisation.objects.get(slug="itu-sm").itu_sector_member is True

    response = client.post(
        url,
        {
            "form": "category",
            "category-slug": "associate",
            "category-name": "Associate",
            "category-group": group("academia").pk,
        },
        follow=True,
    )
    assert VenueCategory.objects.get(venue=s.venue, slug="associate").group.slug == "academia"

    response = client.post(
        url,
        {
            "form": "delegation",
            "delegation-slug": "fr",
            "delegation-name": "France",
            "delegation-head": anne.pk,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("/participants/delegations/fr/")
    body = response.content.decode()
    assert "Created: France." in body and "Anne Lauvergeon" in body
    assert Delegation.objects.get(venue=s.venue, slug="fr").head == anne
    listing = client.get(url).content.decode()
    assert "France" in listing and "Anne Lauvergeon" in listing and "Associate" in listing


def test_form_errors_are_shown_not_raised(client: Client) -> None:
    s = scene()
    _delegation(s)
    _signed_in(client, s.secretariat)
    url = f"/venues/{s.venue.slug}/participants/"
    taken = client.post(
        url, {"form": "delegation", "delegation-slug": "fr", "delegation-name": "France bis"}
    )
    assert taken.status_code == 400
    assert "has a delegation with the short name" in taken.content.decode()
    bad = client.post(
        url,
        {"form": "organisation", "organisation-slug": "no spaces", "organisation-name": ""},
    )
    assert bad.status_code == 400 and "errorlist" in bad.content.decode()
    unknown = client.post(url, {"form": "nonsense"})
    assert unknown.status_code == 400 and "Unknown form" in unknown.content.decode()
    assert Delegation.objects.filter(venue=s.venue).count() == 1


def test_delegation_page_adds_and_removes_members(client: Client) -> None:
    s = scene()
    france = _delegation(s)
    paul = person("paul@example.org", "Paul")
    stranger = person("stranger@example.org", "Stranger")
    accredit(paul, s.venue, "government", category=s.member_state)
    _signed_in(client, s.secretariat)
    url = f"/venues/{s.venue.slug}/participants/delegations/fr/"
    page = client.get(url).content.decode()
    assert "Paul" in page and "Stranger" not in page  # only accredited participants offered

    added = client.post(url, {"form": "add", "add-user": paul.pk}, follow=True)
    assert "Member added." in added.content.decode()
    assert standing_for_user(paul, "itu").delegation == "fr"
    again = client.post(url, {"form": "add", "add-user": paul.pk})
    assert again.status_code == 400 and "already" in again.content.decode()
    outsider = client.post(url, {"form": "add", "add-user": stranger.pk})
    assert outsider.status_code == 400 and "errorlist" in outsider.content.decode()

    head = client.post(url, {"form": "head", "head-head": paul.pk}, follow=True)
    assert "Head of delegation saved." in head.content.decode()
    france.refresh_from_db()
    assert france.head == paul

    removed = client.post(url, {"form": "remove", "remove-user": paul.pk}, follow=True)
    assert "Member removed." in removed.content.decode()
    france.refresh_from_db()
    assert france.head is None and standing_for_user(paul, "itu").delegation is None
    gone = client.post(url, {"form": "remove", "remove-user": paul.pk}, follow=True)
    assert "not a member" in gone.content.decode()
    assert client.get(f"/venues/{s.venue.slug}/participants/delegations/nope/").status_code == 404


# --- API --------------------------------------------------------------------------------------


def _auth(user: Any) -> dict[str, str]:
    return {
        "HTTP_AUTHORIZATION": f"Bearer {do_create_token(actor=Actor.person(user), name='t')[1]}"
    }


def test_api_creates_and_lists(client: Client) -> None:
    s = scene()
    anne = person("anne@example.org", "Anne")
    paul = person("paul@example.org", "Paul")
    accredit(anne, s.venue, "government", category=s.member_state)
    accredit(paul, s.venue, "government", category=s.member_state)
    auth = _auth(s.secretariat)

    def post(url: str, payload: dict[str, Any]) -> Any:
        return client.post(url, payload, content_type="application/json", **auth)

    made = post(
        "/api/venues/itu/organisations",
        {"slug": "apc", "name": "APC", "group": "civil-society", "ecosoc_status": "general"},
    )
    assert made.status_code == 201, made.content
    assert made.json() == {
        "slug": "apc",
        "name": "APC",
        "group": "civil-society",
        "country": "",
        "ecosoc_status": "general",
        "itu_sector_member": False,
    }
    assert client.get("/api/organisations").json()[0]["slug"] == "apc"
    again = post("/api/venues/itu/organisations", {"slug": "apc", "name": "APC"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "exists"
    bad = post("/api/venues/itu/organisations", {"slug": "a", "name": "A", "ecosoc_status": "x"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "ecosoc"

    category = post(
        "/api/venues/itu/categories",
        {"slug": "sector-member", "name": "Sector Member", "group": "private-sector"},
    )
    assert category.status_code == 201 and category.json()["group"] == "private-sector"
    listed = client.get("/api/venues/itu/categories").json()
    assert {c["slug"] for c in listed} == {"member-state", "sector-member"}

    created = post(
        "/api/venues/itu/delegations", {"slug": "fr", "name": "France", "head": "anne@example.org"}
    )
    assert created.status_code == 201, created.content
    assert created.json()["head"] == {"email": "anne@example.org", "name": "Anne"}
    added = post("/api/venues/itu/delegations/fr/members", {"email": "PAUL@example.org"})
    assert added.status_code == 201
    assert [m["name"] for m in added.json()["members"]] == ["Anne", "Paul"]
    twice = post("/api/venues/itu/delegations/fr/members", {"email": "paul@example.org"})
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "already_member"
    nobody = post("/api/venues/itu/delegations/fr/members", {"email": "nobody@example.org"})
    assert nobody.status_code == 400 and nobody.json()["error"]["code"] == "not_accredited"
    head = post("/api/venues/itu/delegations/fr/head", {"head": "paul@example.org"})
    assert head.json()["head"]["name"] == "Paul"
    removed = client.delete("/api/venues/itu/delegations/fr/members/paul@example.org", **auth)
    assert removed.status_code == 200
    assert removed.json()["head"] is None and [m["name"] for m in removed.json()["members"]] == [
        "Anne"
    ]
    cleared = post("/api/venues/itu/delegations/fr/head", {"head": None})
    assert cleared.status_code == 201 and cleared.json()["head"] is None
    [listing] = client.get("/api/venues/itu/delegations", **auth).json()
    assert listing["slug"] == "fr" and [m["email"] for m in listing["members"]] == [
        "anne@example.org"
    ]
    missing = post("/api/venues/itu/delegations/nope/members", {"email": "paul@example.org"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_api_refuses_before_telling_anything(client: Client) -> None:
    s = scene()
    _delegation(s)
    bill = person("bill@example.org")
    accredit(bill, s.venue, "civil-society")
    for headers in ({}, _auth(bill)):
        listing = client.get("/api/venues/itu/delegations", **headers)
        assert listing.status_code == 403
        for url, payload in (
            ("/api/venues/itu/delegations/fr/members", {"email": "bill@example.org"}),
            ("/api/venues/itu/delegations/x/head", {"head": "bill@example.org"}),
        ):
            response = client.post(url, payload, content_type="application/json", **headers)
            error = response.json()["error"]
            assert response.status_code == 403 and error["code"] == "forbidden" and error["rule"]
    spec = client.get("/api/openapi.json").json()["paths"]
    assert "/api/venues/{venue}/delegations/{delegation}/members/{email}" in spec
