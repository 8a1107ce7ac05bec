"""Richer standing at a venue (issue 12, procedure 4): giving a seat checks the modality's
composition and term limits, through the action, the page and the API; the roles page shows
seats by kind and the composition against its limits. Each rule's source is cited beside it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from roundtable.api.actions import do_create_token
from roundtable.audit.queries import list_events_for
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, standing_for_user
from roundtable.permissions.standing import PARTICIPATION
from roundtable.processes.actions import do_create_venue
from roundtable.stakeholders.accreditation_routes import Routes, accreditation_routes
from roundtable.stakeholders.actions import do_request_accreditation
from roundtable.stakeholders.belonging import do_answer_claim
from roundtable.stakeholders.models import Accreditation, Affiliation
from roundtable.stakeholders.organisations import (
    check_create_organisation,
    do_ensure_default_groups,
)
from roundtable.stakeholders.roles import SeatRefused, check_assign_role, do_grant_role
from roundtable.venues.models import SeatTerm, Venue, VenueRole
from roundtable.venues.seats import seat_at, venue_modalities
from tests.processes.scenes import accredit, group, person, scene

pytestmark = pytest.mark.django_db


def _igf() -> tuple[Venue, Any]:
    """The IGF venue (default modality igf-open-consultation; igf-mag names it) and its
    secretariat."""
    do_ensure_default_groups(actor=Actor.operator("test"))
    venue = do_create_venue(
        actor=Actor.operator("test"),
        slug="igf",
        name="IGF",
        default_modality="igf-open-consultation",
    )
    secretariat = person("secretariat@example.org", "Secretariat")
    do_grant_role(actor=Actor.operator("test"), user=secretariat, venue=venue, role="secretariat")
    return venue, secretariat


def _fill(venue: Venue, group: str, count: int, year: int, role: str = "mag-member") -> None:
    for n in range(count):
        # Holders never sign in: plain accounts, no password to hash.
        email = f"{group}-{n}-{year}-{role}@example.org"
        holder = get_user_model().objects.create(username=email, email=email)
        do_grant_role(
            actor=Actor.operator("test"),
            user=holder,
            venue=venue,
            role=role,
            group=group,
            year=year,
        )


def _auth(user: Any) -> dict[str, str]:
    return {
        "HTTP_AUTHORIZATION": f"Bearer {do_create_token(actor=Actor.person(user), name='t')[1]}"
    }


def test_the_mag_seats_are_found_at_the_igf_whatever_its_default_modality() -> None:
    venue, _ = _igf()
    assert [m.name for m in venue_modalities(venue)][:2] == [
        "igf-open-consultation",
        "igf-dynamic-coalition",
    ]
    found = seat_at(venue, "igo-observer")
    assert found is not None and found[0].name == "igf-mag" and found[1].kind == "observer"


def test_a_government_seat_over_40_percent_is_refused_with_the_rule() -> None:
    # IGF MAG Renewal 2022/2023 General guidance: governments "may hold up to 40% of the total
    # number of seats on the MAG"; About the MAG: 40 Members. 16 government seats at most.
    venue, secretariat = _igf()
    _fill(venue, "government", 16, 2025)
    minister = person("minister@example.org")
    with pytest.raises(SeatRefused) as refused:
        check_assign_role(
            actor=Actor.person(secretariat),
            venue=venue,
            user=minister,
            role="mag-member",
            group="government",
            year=2025,
        )
    assert refused.value.admission.rule == "igf-mag/share-government"
    assert "igf-mag/share-government" in refused.value.messages[0]
    assert "16" in refused.value.messages[0]
    # Another year, another composition; another group, its own share.
    check_assign_role(
        actor=Actor.person(secretariat),
        venue=venue,
        user=minister,
        role="mag-member",
        group="government",
        year=2026,
    )
    given = check_assign_role(
        actor=Actor.person(secretariat),
        venue=venue,
        user=person("activist@example.org"),
        role="mag-member",
        group="civil-society",
        year=2025,
    )
    event = list(list_events_for(given.user))[-1]
    assert event.summary["rules"] == [
        "igf-mag/share-civil-society",
        "igf-mag/mag-member-term-limit",
    ]
    assert event.summary["year"] == 2025


def test_a_fourth_consecutive_term_is_refused() -> None:
    # IGF MAG Renewal 2022/2023 General guidance: "a one (1)-year term, with a maximum of three
    # (3) consecutive terms".
    venue, secretariat = _igf()
    veteran = person("veteran@example.org")
    for year in (2022, 2023, 2024):
        check_assign_role(
            actor=Actor.person(secretariat),
            venue=venue,
            user=veteran,
            role="mag-member",
            group="technical-community",
            year=year,
        )
    with pytest.raises(SeatRefused) as refused:
        check_assign_role(
            actor=Actor.person(secretariat),
            venue=venue,
            user=veteran,
            role="mag-member",
            group="technical-community",
            year=2025,
        )
    assert refused.value.admission.rule == "igf-mag/mag-member-term-limit"
    assert SeatTerm.objects.filter(user=veteran).count() == 3


def test_an_igo_observer_seat_is_given_and_its_holder_cannot_decide() -> None:
    # IGF MAG Renewal 2022/2023 General guidance: treaty-based IGOs "can also hold observer
    # seats on the MAG" (no composition share, no term limit).
    venue, secretariat = _igf()
    igo = person("igo@example.org")
    check_assign_role(
        actor=Actor.person(secretariat), venue=venue, user=igo, role="igo-observer", year=2025
    )
    assert "igo-observer" in standing_for_user(igo, "igf").roles
    d = decide(igo, right="decide", modality="igf-mag", context={"venue": "igf"})
    assert (d.allowed, d.rule) == (False, "igf-mag/igo-observer-does-not-decide")


def test_a_counted_seat_needs_its_group_and_a_role_must_be_known() -> None:
    venue, secretariat = _igf()
    actor = Actor.person(secretariat)
    someone = person("someone@example.org")
    with pytest.raises(ValidationError, match="stakeholder group"):
        check_assign_role(actor=actor, venue=venue, user=someone, role="mag-member")
    with pytest.raises(ValidationError) as unknown:
        check_assign_role(actor=actor, venue=venue, user=someone, role="ieg-expert")
    assert unknown.value.code == "role"
    with pytest.raises(ValidationError) as twice:
        for _ in range(2):
            check_assign_role(
                actor=actor,
                venue=venue,
                user=someone,
                role="mag-member",
                group="academia",
                year=2025,
            )
    assert twice.value.code == "exists"


def test_the_roles_page_shows_seats_by_kind_and_the_composition(client: Client) -> None:
    venue, _ = _igf()
    _fill(venue, "government", 16, 2025)
    _fill(venue, "civil-society", 3, 2025)
    body = client.get("/venues/igf/roles/?year=2025").content.decode()
    assert "Seats at IGF" in body
    for text in ("Observers", "Intergovernmental observer", "Ex officio", "Host country co-chair"):
        assert text in body
    assert "19 of 40 seats taken." in body
    assert '<tr class="group full"><th scope="row">Governments</th><td>40%</td><td>16</td>' in body
    assert "mag-member" not in body.split("<main")[1]  # no raw identifiers
    client.force_login(person("fr@example.org"))
    with_french = client.get("/venues/igf/roles/?year=2025", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Observateurs" in with_french.content.decode()


def test_the_page_shows_the_refusal_with_the_rule(client: Client) -> None:
    venue, secretariat = _igf()
    _fill(venue, "government", 16, 2025)
    minister = person("minister@example.org")
    client.force_login(secretariat)
    answer = client.post(
        "/venues/igf/roles/new/",
        {"email": minister.email, "role": "mag-member", "group": "government", "year": "2025"},
    )
    assert answer.status_code == 400
    assert "Refused by rule igf-mag/share-government" in answer.content.decode()
    ok = client.post(
        "/venues/igf/roles/new/",
        {"email": minister.email, "role": "igo-observer", "group": "", "year": ""},
    )
    assert ok.status_code == 302 and VenueRole.objects.filter(user=minister).exists()


def test_the_api_refuses_with_409_and_the_rule_and_reads_the_seats(client: Client) -> None:
    venue, secretariat = _igf()
    _fill(venue, "private-sector", 8, 2025)
    auth = _auth(secretariat)
    ceo = person("ceo@example.org")
    payload = {"email": ceo.email, "role": "mag-member", "group": "private-sector", "year": 2025}
    refused = client.post("/api/venues/igf/roles", payload, content_type="application/json", **auth)
    assert refused.status_code == 409, refused.content
    assert refused.json()["error"]["rule"] == "igf-mag/share-private-sector"
    assert refused.json()["error"]["code"] == "seat_limit"
    seats = client.get("/api/venues/igf/seats?year=2025").json()
    mag = next(m for m in seats["modalities"] if m["modality"] == "igf-mag")
    kinds = {s["role"]: s["kind"] for s in mag["seats"]}
    assert kinds["igo-observer"] == "observer" and kinds["host-country-co-chair"] == "ex-officio"
    private = next(g for g in mag["composition"]["groups"] if g["group"] == "private-sector")
    assert private == {"group": "private-sector", "share": "20%", "taken": 8, "allowed": 8}


def test_write_matrix_giving_a_seat_answers_what_the_door_decides(client: Client) -> None:
    """Each standing -> the status the door's `assign_roles` decision calls for."""
    venue, secretariat = _igf()
    participant = person("participant@example.org")
    accredit(participant, venue, "civil-society")
    chair = person("chair@example.org")
    do_grant_role(actor=Actor.operator("test"), user=chair, venue=venue, role="chair")
    operator = get_user_model().objects.create_superuser("op", "op@example.org", "pw-op-12345!")
    standings: list[tuple[str, Any]] = [
        ("anonymous", None),
        ("signed-in", person("plain@example.org")),
        ("participant", participant),
        ("chair", chair),
        ("secretariat", secretariat),
        ("operator", operator),
    ]
    for index, (name, user) in enumerate(standings):
        target = person(f"target-{index}@example.org")
        payload = {"email": target.email, "role": "mag-member", "group": "academia", "year": 2025}
        auth = _auth(user) if user is not None else {}
        answer = client.post(
            "/api/venues/igf/roles", payload, content_type="application/json", **auth
        )
        allowed = decide(
            user, right="assign_roles", modality=PARTICIPATION, context={"venue": "igf"}
        ).allowed
        if allowed:
            assert answer.status_code == 201, (name, answer.content)
        else:
            assert answer.status_code in (401, 403), (name, answer.content)
            if answer.status_code == 403:
                assert answer.json()["error"]["rule"], name
        assert VenueRole.objects.filter(user=target).exists() == allowed, name


def test_accreditation_by_right_carries_over_and_the_page_counts_both_routes(
    client: Client,
) -> None:
    # WSIS Arrangements for accreditation (First PrepCom, 2002): NGOs "in consultative status
    # with ECOSOC and ITU Sector Members ... As a rule, they shall be considered as accredited";
    # others apply and are decided on. ITU WSIS accreditation page: accreditation to one
    # PrepCom holds for "all subsequent preparatory sessions ... unless the PrepCom or the
    # Summit decides otherwise" (here: every process and session of the venue).
    s = scene()
    apc = check_create_organisation(
        actor=Actor.person(s.secretariat),
        venue=s.venue,
        slug="apc",
        name="APC",
        group=group("civil-society"),
        ecosoc_status="general",
    )
    bill = person("bill@example.org")
    do_request_accreditation(
        actor=Actor.person(bill), venue=s.venue, group=group("civil-society"), organisation=apc
    )
    do_answer_claim(
        actor=Actor.person(s.secretariat), claim=Affiliation.objects.get(user=bill), confirm=True
    )
    by_right = Accreditation.objects.get(user=bill)
    assert (by_right.status, by_right.basis) == ("approved", "rule:ecosoc-status")
    accredit(person("ann@example.org"), s.venue, "government", category=s.member_state)
    # The next session of the process (another process of the venue) needs no new request.
    later = scene(process_slug="wtpf-second-session")
    d = decide(bill, right="speak", modality=later.process.modality, context={"venue": "itu"})
    assert d.allowed, d.reason
    assert accreditation_routes(s.venue) == Routes(
        rules=("ecosoc-status", "itu-sector-member"), by_right=1, by_decision=1
    )
    body = client.get("/venues/itu/roles/").content.decode()
    assert "1 accredited by right, 1 by decision." in body
    assert "consultative status with ECOSOC, ITU Sector Membership" in body
